import type { FlowDefinition } from '@baton/engine';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useSession } from '../../app/session/session-store.js';
import { useApi } from '../../app/session/use-api.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { useMyRoles } from '../../dashboard/use-my-roles.js';
import { cfworkerValidator } from '../../shared/schema-form/cfworker-validator.js';
import { issuesToErrorSchema } from '../../shared/schema-form/issues-to-error-schema.js';
import { editableData } from '../task/field-access.js';
import { usePendingUploads } from '../task/pending-uploads.js';
import { unsignedSignatureError, type SignatureFormSchemas } from '../task/unsigned-signatures.js';
import { loadNodeForm, useTaskForm } from '../task/use-task-form.js';
import { usePublished } from '../use-published.js';
import { workspaceDefaultFormState, workspaceFields, workspaceUiSchema, workspaceWidgets } from '../task/workspace-widgets.js';
import { PersonCombobox } from '../people/person-combobox.js';
import { initiatorToSend, lockedSubjectField, mayStartForOthers, subjectFieldOf } from './on-behalf.js';
import { WORKSPACE_ROW_BUTTONS } from '../task/row-buttons.js';

/**
 * Start a new request: pick a published process, fill its start form (at the start node's access). HR and
 * admins start it for someone else: the person in the form's person field (the leaver), or whom they pick
 * under "on behalf of", becomes the initiator, so the request is theirs (returned to them, not to HR).
 */
export function StartRequestPage() {
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const api = useApi();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const flows = usePublished('flow');
  const flowKey = params.get('flow') ?? '';
  const [flow, setFlow] = useState<FlowDefinition | null>(null);
  const [source, setSource] = useState<Awaited<ReturnType<typeof loadNodeForm>>>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [businessKey, setBusinessKey] = useState('');
  const [busy, setBusy] = useState(false);
  const uploading = usePendingUploads((st) => st.count > 0);
  const [error, setError] = useState<unknown>(null);
  const [onBehalf, setOnBehalf] = useState<{ touched: boolean; value: string | undefined }>({ touched: false, value: undefined });
  const me = useSession((s) => s.userId);
  const roles = useMyRoles();
  const mayActForOthers = mayStartForOthers(roles, flow);
  // Someone who may only start for themself finds themself in the subject field, read-only.
  const locked = lockedSubjectField(flow, roles);
  useEffect(() => {
    if (locked && me) setData((d) => (d[locked] === me ? d : { ...d, [locked]: me }));
  }, [locked, me, source]);

  useEffect(() => {
    setFlow(null);
    setSource(null);
    setLoadError(null);
    setError(null);
    setData({});
    setOnBehalf({ touched: false, value: undefined });
    if (!flowKey) return;
    let live = true;
    (async () => {
      const def = (await api.definitions.get('flow', flowKey)).body as unknown as FlowDefinition;
      const start = def.nodes.find((n) => n.type === 'start');
      const src = await loadNodeForm(api, def, start?.id ?? '', null);
      if (!live) return;
      setFlow(def);
      setSource(src);
    })().catch((e: unknown) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [api, flowKey]);

  const startNode = flow?.nodes.find((n) => n.type === 'start')?.id ?? '';
  // fresh: a new request has no rows yet, so columns read-only at the start (the successor's "Confirmed") are left out.
  const form = useTaskForm(source, startNode, false, true);
  const subject = subjectFieldOf(source?.form, flow);
  const subjectValue = subject ? data[subject.key] : undefined;
  const initiator = initiatorToSend({ mayActForOthers, me, chosen: onBehalf, subjectValue });
  const onBehalfShown = onBehalf.touched ? onBehalf.value : typeof subjectValue === 'string' && subjectValue !== '' ? subjectValue : undefined;
  const extraErrors = useMemo(() => issuesToErrorSchema(((error as { issues?: Array<{ path: string; message: string }> } | null)?.issues ?? []), '/data'), [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!flowKey) return;
    // A required pad nobody signed is refused here, at the pad, as the server would refuse it.
    const unsigned = form.value ? unsignedSignatureError([form.value.schemas as SignatureFormSchemas], data, locale) : null;
    if (unsigned) {
      setError(unsigned);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payload = form.value ? editableData(data, form.value.access) : data;
      const instance = await api.flows.start(flowKey, {
        data: payload as never,
        ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}),
        ...(initiator ? { initiator } : {}),
      });
      navigate(`/instances/${encodeURIComponent(instance.id)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (flows.error) return <ErrorPanel error={flows.error} />;
  if (!flows.items) return <p role="status">{t('loading')}</p>;
  if (flows.items.length === 0) return <EmptyState title={t('startEmptyTitle')}>{t('startEmptyBody')}</EmptyState>;
  return (
    <section className="start-request" data-testid="start-request">
      <h1>{t('startTitle')}</h1>
      <label>
        {t('pickFlow')}
        <select data-testid="pick-flow" value={flowKey} autoFocus onChange={(e) => setParams(e.target.value ? { flow: e.target.value } : {}, { replace: true })}>
          <option value="">{t('pickFlowPlaceholder')}</option>
          {flows.items.map((f) => (
            <option key={f.key} value={f.key}>{l(f.title as never, f.key)}</option>
          ))}
        </select>
      </label>
      {loadError ? <ErrorPanel error={loadError} /> : null}
      {form.error ? <ErrorPanel error={form.error} /> : null}
      {flowKey && !loadError && !form.value && source ? <p role="status">{t('formLoading')}</p> : null}
      {flowKey && flow ? (
        // noValidate: rjsf marks required inputs, and the browser would block the submit silently; the server
        // validates and its issues appear at the fields.
        <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
          {form.value ? (
            <Form
              idPrefix="start"
              tagName="div"
              schema={form.value.schemas.schema as RJSFSchema}
              uiSchema={lockField({ ...workspaceUiSchema(form.value.schemas.uiSchema as UiSchema, form.value.schemas.schema), 'ui:submitButtonOptions': { norender: true } }, locked)}
              widgets={workspaceWidgets}
              fields={workspaceFields}
              templates={{ ButtonTemplates: WORKSPACE_ROW_BUTTONS }}
              formData={data}
              // The form and its live values: a relation picker with a filter (the leaver's customers) asks the
              // server for what passes it, as on task pages.
              formContext={{ form: form.value.form, data }}
              validator={cfworkerValidator}
              extraErrors={extraErrors}
              experimental_defaultFormStateBehavior={workspaceDefaultFormState}
              showErrorList={false}
              noHtml5Validate
              onChange={(ev) => setData((ev.formData ?? {}) as Record<string, unknown>)}
            />
          ) : null}
          {mayActForOthers ? (
            <div className="on-behalf" data-testid="on-behalf">
              <label htmlFor="start-on-behalf">{t('onBehalfOf')}</label>{' '}
              <PersonCombobox id="start-on-behalf" value={onBehalfShown} onChange={(value) => setOnBehalf({ touched: true, value })} />
              <p className="muted small">
                {t('onBehalfHint')}
                {subject && !onBehalf.touched ? ` ${t('onBehalfFollows', { field: l(subject.label as never, subject.key) })}` : ''}
              </p>
            </div>
          ) : null}
          <label>
            {t('businessKey')}
            <input name="businessKey" value={businessKey} onChange={(e) => setBusinessKey(e.target.value)} />
          </label>
          <button type="submit" className="primary" data-testid="start-submit" disabled={busy || uploading || (!!source && !form.value)}>{t('startSubmit')}</button>
        </form>
      ) : null}
      {error ? <ErrorPanel error={error} title={t('startFailed')} /> : null}
    </section>
  );
}

function lockField(ui: UiSchema, field: string | null): UiSchema {
  return field ? { ...ui, [field]: { ...(ui[field] as UiSchema | undefined), 'ui:readonly': true } } : ui;
}
