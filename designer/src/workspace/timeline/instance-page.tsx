import { isBatonApiError, type Instance } from '@baton/client';
import type { FlowDefinition } from '@baton/engine';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { useSession } from '../../app/session/session-store.js';
import { apiBaseUrl } from '../../app/session/use-api.js';
import { formatWhen } from '../format-when.js';
import { InstanceGraph } from './instance-graph.js';
import { DeliveryLog, type DeliveryAnswer } from './delivery-log.js';
import { InstanceTimeline } from './instance-timeline.js';
import { PersonName, PersonNames } from '../people/person-name.js';
import { instanceStatusLabel } from '../status-labels.js';
import { EvidenceSection } from '../evidence/evidence-section.js';
import { WithdrawRequest } from './withdraw-request.js';
import { fieldsByKey } from './field-value-text.js';
import { RequestData } from './request-data.js';
import { useInstanceForms } from './use-instance-forms.js';
import { useValueNames } from './use-value-names.js';

interface DocumentRef {
  key: string;
  title: unknown;
}

/** A route this server may not have yet (404 with the route code): shown as "not available", not as an error. */
function isMissingRoute(e: unknown): boolean {
  return isBatonApiError(e) && e.status === 404 && (e.code === 'BATON_E_ROUTE_NOT_FOUND' || e.code === 'BATON_E_NOT_FOUND');
}

/** An instance: status, who did what when, the flow with its current position, documents, deliveries. */
export function InstancePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const api = useApi();
  const token = useSession((s) => s.token);
  const [instance, setInstance] = useState<Instance | null>(null);
  const [flow, setFlow] = useState<FlowDefinition | null | 'unavailable'>(null);
  const [documents, setDocuments] = useState<DocumentRef[] | null>(null);
  const [deliveries, setDeliveries] = useState<DeliveryAnswer | 'unavailable' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [ended, setEnded] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const inst = await api.instances.get(id);
      setInstance(inst);
      api.definitions
        .get('flow', inst.flowKey, inst.flowVersion)
        .then((d) => setFlow(d.body as unknown as FlowDefinition), () => setFlow('unavailable'));
      // Documents bound to this flow (published document definitions naming it).
      api.definitions
        .list({ kind: 'document', status: 'published', limit: 200 })
        .then(async (list) => {
          const keys = [...new Set(list.items.map((d) => d.key))];
          const defs = await Promise.all(keys.map((k) => api.definitions.get('document', k).catch(() => null)));
          // A document issued at completion (issueAt) is listed before that only when it offers a draft.
          const available = (b: { flow?: string; issueAt?: string; draft?: unknown }) => b.flow === inst.flowKey && (b.issueAt === undefined || inst.status === 'completed' || b.draft !== undefined);
          setDocuments(defs.filter((d) => d && available(d.body as { flow?: string })).map((d) => ({ key: d!.key, title: d!.title })));
        })
        .catch(() => setDocuments([]));
      fetch(`${apiBaseUrl()}/api/instances/${encodeURIComponent(id)}/deliveries`, { headers: { authorization: `Bearer ${token ?? ''}`, 'accept-language': locale } })
        .then(async (res) => {
          if (res.status === 404) {
            const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
            // The route itself is missing (not the instance): this server has no delivery log yet.
            setDeliveries(body?.error?.code === 'BATON_E_ROUTE_NOT_FOUND' || !body ? 'unavailable' : { outbox: [], items: [] });
            return;
          }
          if (!res.ok) return setDeliveries('unavailable');
          const body = (await res.json()) as Partial<DeliveryAnswer>;
          setDeliveries({ outbox: body.outbox ?? [], items: body.items ?? [] });
        })
        .catch(() => setDeliveries('unavailable'));
    } catch (e) {
      setError(e);
    }
  }, [api, id, token, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const visited = useMemo(() => new Set((instance?.history ?? []).map((h) => h.nodeId).filter((n): n is string => !!n)), [instance]);

  // The forms the data comes from: the start form, then each step's own form (labels, options, columns).
  const forms = useInstanceForms(flow);
  const allForms = useMemo(() => (forms ? [...(forms.start ? [forms.start] : []), ...forms.steps] : []), [forms]);
  const fields = useMemo(() => fieldsByKey(allForms), [allForms]);
  const names = useValueNames(allForms, fields, (instance?.data ?? {}) as Record<string, unknown>, instance?.history ?? [], instance?.id ?? '');

  const download = async (key: string) => {
    setDownloadError(null);
    try {
      // A document prints in the languages it declares (the checklist: zh-CN and en), not the reader's UI language.
      const file = await api.documents.get(id, key);
      const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.contentType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName ?? `${key}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setDownloadError(isMissingRoute(e) ? new Error(t('notAvailable')) : e);
    }
  };

  if (error) return <ErrorPanel error={error} onRetry={() => void load()} />;
  if (!instance) return <p role="status">{t('loading')}</p>;
  const nodeName = (nodeId: string) => {
    const node = flow && flow !== 'unavailable' ? flow.nodes.find((n) => n.id === nodeId) : undefined;
    return node ? l(node.name as never, nodeId) : nodeId;
  };
  const flowTitle = flow && flow !== 'unavailable' ? l(flow.title as never, instance.flowKey) : instance.flowKey;
  return (
    <section className="instance-page" data-testid="instance-page">
      {/* Which request: the flow and whom it is about (the leaver of an offboarding), then its key. */}
      <h1 data-testid="instance-heading">
        {flowTitle}
        {instance.subjectId ? <> · <PersonName id={instance.subjectId} /></> : null}
      </h1>
      <p className="muted">{t('instanceTitle', { id: instance.businessKey ?? instance.id.slice(0, 8) })}</p>
      <dl className="facts">
        <dt>{t('instanceFlow')}</dt>
        <dd>{flowTitle} (v{instance.flowVersion})</dd>
        <dt>{t('instanceStatus')}</dt>
        <dd data-testid="instance-status">{instanceStatusLabel(instance.status, locale)}</dd>
        <dt>{t('instanceInitiator')}</dt>
        <dd data-testid="instance-initiator"><PersonName id={instance.initiator} /></dd>
        <dt>{t('instanceStarted')}</dt>
        <dd>{formatWhen(instance.createdAt, locale)}</dd>
      </dl>
      <WithdrawRequest
        instance={instance}
        onDone={(message) => {
          setEnded(message);
          void load();
        }}
      />
      {ended ? <p className="success" role="status" data-testid="withdraw-done">{ended}</p> : null}

      <h2>{t('requestDetails')}</h2>
      {forms === null ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <RequestData start={forms.start} steps={forms.steps} data={instance.data as Record<string, unknown>} names={names} />
      )}

      <h2>{t('graph')}</h2>
      {flow === 'unavailable' ? <p className="muted">{t('graphUnavailable')}</p> : flow ? <InstanceGraph flow={flow} activeNodes={instance.activeNodes} visitedNodes={visited} /> : <p role="status">{t('loading')}</p>}

      <h2>{t('openTasks')}</h2>
      {instance.openTasks.length === 0 ? (
        <p className="muted">{t('openTasksNone')}</p>
      ) : (
        <ul>
          {instance.openTasks.map((task) => (
            <li key={task.id}>
              <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{l(task.title as never, task.nodeId)}</Link> — <PersonNames ids={task.assignees} />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('timeline')}</h2>
      <InstanceTimeline history={instance.history} nodeName={nodeName} fields={forms ? fields : null} names={names} />

      <h2>{t('documents')}</h2>
      {documents === null ? <p role="status">{t('loading')}</p> : documents.length === 0 ? <p className="muted">{t('documentsNone')}</p> : (
        <ul>
          {documents.map((d) => (
            <li key={d.key}>
              {l(d.title as never, d.key)} <button type="button" onClick={() => void download(d.key)}>{t('download')}</button>
            </li>
          ))}
        </ul>
      )}
      {downloadError ? <ErrorPanel error={downloadError} /> : null}

      <h2>{t('deliveries')}</h2>
      {deliveries === 'unavailable' ? (
        <p className="muted" data-testid="deliveries-unavailable">{t('notAvailable')}</p>
      ) : deliveries === null ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <DeliveryLog answer={deliveries} />
      )}

      <EvidenceSection instanceId={instance.id} />

    </section>
  );
}
