import type { InstanceListQuery, InstanceSummary } from '@baton/client';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { useApi } from '../../app/session/use-api.js';
import { EmptyState } from '../../app/ui/empty-state.js';
import { formatWhen } from '../format-when.js';
import { PersonName } from '../people/person-name.js';
import { usePublished } from '../use-published.js';
import { useStepNames, versionKey } from './use-step-names.js';

const STATUSES = ['all', 'running', 'completed', 'rejected', 'cancelled', 'withdrawn'] as const;
type StatusFilter = (typeof STATUSES)[number];

/**
 * Requests the caller may see, newest first, by process, version and status (kept in the URL, so the
 * version history's "List" link opens it filtered). Pages follow the server's cursor.
 */
export function InstancesPage() {
  const { t } = useTranslation('workspace');
  const { l, locale } = useLocalized();
  const api = useApi();
  const flows = usePublished('flow');
  const [params, setParams] = useSearchParams();
  const flowKey = params.get('flowKey') ?? '';
  const versionText = params.get('version') ?? '';
  const version = /^\d+$/.test(versionText) && flowKey ? Number(versionText) : undefined;
  const rawStatus = params.get('status');
  const status: StatusFilter = (STATUSES as readonly string[]).includes(rawStatus ?? '') ? (rawStatus as StatusFilter) : 'running';
  const [items, setItems] = useState<InstanceSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    async (after: string | null) => {
      setBusy(true);
      setError(null);
      try {
        const query: InstanceListQuery = { status, limit: 50 };
        if (flowKey) query.flowKey = flowKey;
        if (version !== undefined) query.version = version;
        if (after) query.cursor = after;
        const page = await api.instances.list(query);
        setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [api, flowKey, version, status],
  );

  useEffect(() => {
    setItems(null);
    void fetchPage(null);
  }, [fetchPage]);

  const setFilter = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(change)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const stepNames = useStepNames(items);
  const stepLabel = (i: InstanceSummary, node: string) => {
    const name = stepNames.get(versionKey(i.flowKey, i.flowVersion))?.get(node);
    return name ? l(name as never, node) : node;
  };
  const flowTitle = (key: string) => {
    const def = flows.items?.find((f) => f.key === key);
    return def ? l(def.title as never, key) : key;
  };

  return (
    <section className="instances" data-testid="instances-page">
      <h1>{t('instancesTitle')}</h1>
      {flowKey && version !== undefined ? <p className="muted">{t('instancesOfVersion', { flow: flowTitle(flowKey), version })}</p> : null}
      <div className="filters row">
        <label>
          {t('filterFlow')}
          <select data-testid="instances-flow" value={flowKey} onChange={(e) => setFilter({ flowKey: e.target.value, version: '' })}>
            <option value="">{t('allFlows')}</option>
            {[...new Set([...(flows.items ?? []).map((f) => f.key), ...(flowKey ? [flowKey] : [])])].map((key) => (
              <option key={key} value={key}>{flowTitle(key)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('colVersion')}
          <input
            type="number"
            min={1}
            data-testid="instances-version"
            disabled={!flowKey}
            value={versionText}
            placeholder={t('instancesAnyVersion')}
            onChange={(e) => setFilter({ version: e.target.value })}
          />
        </label>
        <label>
          {t('filterStatus')}
          <select data-testid="instances-status" value={status} onChange={(e) => setFilter({ status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`instanceStatusOf.${s}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {error ? <ErrorPanel error={error} onRetry={() => void fetchPage(null)} /> : null}
      {!items && !error ? <p role="status">{t('loading')}</p> : null}
      {items && items.length === 0 ? <EmptyState title={t('instancesEmpty')}>{t('instancesEmptyBody')}</EmptyState> : null}
      {items && items.length > 0 ? (
        <table className="data-table" data-testid="instances-table">
          <thead>
            <tr>
              <th scope="col">{t('instanceFlow')}</th>
              <th scope="col">{t('colVersion')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('instanceAt')}</th>
              <th scope="col">{t('instanceInitiator')}</th>
              <th scope="col">{t('instanceSubject')}</th>
              <th scope="col">{t('instanceStarted')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td><Link to={`/instances/${encodeURIComponent(i.id)}`}>{flowTitle(i.flowKey)}{i.businessKey ? ` · ${i.businessKey}` : ''}</Link></td>
                <td>v{i.flowVersion}</td>
                <td>{t(`instanceStatusOf.${i.status}`, { defaultValue: i.status })}</td>
                <td data-testid="instance-step">{i.activeNodes.map((node) => stepLabel(i, node)).join(locale === 'zh-CN' ? '、' : ', ') || '—'}</td>
                <td><PersonName id={i.initiator} /></td>
                <td>{i.subjectId ? <PersonName id={i.subjectId} /> : '—'}</td>
                <td>{formatWhen(i.createdAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" disabled={busy} onClick={() => void fetchPage(cursor)} data-testid="instances-more">{t('instancesMore')}</button>
      ) : null}
    </section>
  );
}
