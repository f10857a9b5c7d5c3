import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { proofSummary, replayableDeadLetters } from './connector-model.js';
import type { ConnectorDelivery, ConnectorDeliveryList, ConnectorsApi, OutboxEntry } from './connectors-api.js';
import { DeliveryFilterBar } from './delivery-filter-bar.js';
import { actionChoices, deliveryQuery, exportFileName, isFiltered, NO_DELIVERY_FILTER, rangeIsEmpty, type DeliveryFilter } from './delivery-filters.js';
import { downloadCsv, exportDeliveries } from './export-deliveries.js';

interface Props {
  api: ConnectorsApi;
  connectorKey: string;
  reloadToken: number;
  /** Admins: "send again" on dead letters (the outbox is theirs). Auditors read the same list without it. */
  canReplay: boolean;
  /** The actions the connector's type declares: the event filter offers them before any was logged. */
  typeActions?: readonly string[];
  onActivity?: () => void;
}

type ExportRun = { state: 'idle' } | { state: 'running'; read: number } | { state: 'done'; rows: number; capped: boolean };

/**
 * A connector's deliveries (admins and auditors), newest first, with what each proved: filtered on the server
 * by status, event and day range, read a page at a time ("Load more"), exported as CSV with the same filters,
 * and for admins "send again" on a dead letter whose outbox row is still dead (POST /api/outbox/:id/replay,
 * audited). `onActivity` runs after a refresh or a replay, so the list's health and dead-letter counts follow.
 */
export function ConnectorDeliveries({ api, connectorKey, reloadToken, canReplay, typeActions = [], onActivity }: Props) {
  const { t } = useTranslation('connectors');
  const [filter, setFilter] = useState<DeliveryFilter>(NO_DELIVERY_FILTER);
  const [items, setItems] = useState<ConnectorDelivery[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<ConnectorDeliveryList['total']>(null);
  const [seenActions, setSeenActions] = useState<ReadonlySet<string>>(new Set());
  const [loadingMore, setLoadingMore] = useState(false);
  const [dead, setDead] = useState<Map<string, OutboxEntry>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [replayed, setReplayed] = useState<string[]>([]);
  const [exportRun, setExportRun] = useState<ExportRun>({ state: 'idle' });
  // Filters change faster than answers come back: only the latest request's answer is shown.
  const request = useRef(0);
  const emptyRange = rangeIsEmpty(filter);

  const remember = (list: readonly ConnectorDelivery[]) =>
    setSeenActions((seen) => (list.every((d) => seen.has(d.action)) ? seen : new Set([...seen, ...list.map((d) => d.action)])));

  const load = useCallback(async () => {
    const mine = ++request.current;
    setError(null);
    setExportRun({ state: 'idle' });
    if (rangeIsEmpty(filter)) {
      setItems([]);
      setNextCursor(null);
      setTotal({ count: 0, exact: true });
      return;
    }
    try {
      const [page, letters] = await Promise.all([api.deliveries(connectorKey, deliveryQuery(filter)), canReplay ? api.deadLetters() : null]);
      if (mine !== request.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setTotal(page.total);
      remember(page.items);
      setDead(letters ? replayableDeadLetters(page.items, letters.items) : new Map());
    } catch (e) {
      if (mine === request.current) setError(e);
    }
  }, [api, connectorKey, canReplay, filter]);
  useEffect(() => {
    void load();
  }, [load, reloadToken]);

  const loadMore = async () => {
    if (!nextCursor || !items) return;
    const mine = request.current;
    setLoadingMore(true);
    setError(null);
    try {
      const [page, letters] = await Promise.all([api.deliveries(connectorKey, { ...deliveryQuery(filter), cursor: nextCursor }), canReplay ? api.deadLetters() : null]);
      if (mine !== request.current) return;
      const all = [...items, ...page.items];
      setItems(all);
      setNextCursor(page.nextCursor);
      remember(page.items);
      if (letters) setDead(replayableDeadLetters(all, letters.items));
    } catch (e) {
      if (mine === request.current) setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const replay = async (row: OutboxEntry) => {
    setBusy(row.id);
    setError(null);
    try {
      await api.replay(row.id, t('replayComment'));
      setReplayed((r) => [...r, row.idempotencyKey]);
      await load();
      onActivity?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const runExport = async () => {
    setExportRun({ state: 'running', read: 0 });
    setError(null);
    try {
      const out = await exportDeliveries(api, connectorKey, filter, t, (read) => setExportRun({ state: 'running', read }));
      downloadCsv(exportFileName(connectorKey, filter, new Date()), out.csv);
      setExportRun({ state: 'done', rows: out.rows, capped: out.capped });
    } catch (e) {
      setExportRun({ state: 'idle' });
      setError(e);
    }
  };

  const actions = useMemo(() => actionChoices(typeActions, seenActions, filter.action), [typeActions, seenActions, filter.action]);
  const filtered = isFiltered(filter);
  const hasRows = items !== null && items.length > 0;

  return (
    <section aria-labelledby={`deliveries-${connectorKey}`} data-testid="connector-deliveries">
      <div className="row">
        <h3 id={`deliveries-${connectorKey}`}>{t('deliveriesTitle')}</h3>
        <button type="button" onClick={() => void load().then(() => onActivity?.())} data-testid="deliveries-refresh">{t('refresh')}</button>
        <button type="button" disabled={!hasRows || exportRun.state === 'running'} onClick={() => void runExport()} data-testid="deliveries-export">
          {t('exportCsv')}
        </button>
      </div>
      <DeliveryFilterBar connectorKey={connectorKey} filter={filter} actions={actions} onChange={setFilter} />
      {error ? <ErrorPanel error={error} /> : null}
      {exportRun.state === 'running' ? <p className="muted" role="status">{t('exporting', { count: exportRun.read })}</p> : null}
      {exportRun.state === 'done' ? (
        <p className={exportRun.capped ? 'notice' : 'success'} role="status" data-testid="deliveries-exported">
          {exportRun.capped ? t('exportCapped', { count: exportRun.rows }) : t('exportDone', { count: exportRun.rows })}
        </p>
      ) : null}
      {items === null && !error ? <p className="muted" role="status">{t('loading')}</p> : null}
      {items !== null && items.length === 0 && !filtered ? <EmptyState title={t('deliveriesTitle')}>{t('deliveriesEmpty')}</EmptyState> : null}
      {items !== null && items.length === 0 && filtered && !emptyRange ? (
        <div data-testid="deliveries-no-match">
          <EmptyState title={t('noMatchTitle')} action={<button type="button" onClick={() => setFilter(NO_DELIVERY_FILTER)}>{t('filterClear')}</button>}>
            {t('noMatchBody')}
          </EmptyState>
        </div>
      ) : null}
      {replayed.length > 0 ? <p className="success" role="status">{t('replayed')}</p> : null}
      {hasRows ? (
        <table className="list" data-testid="deliveries-table">
          <thead>
            <tr>
              <th>{t('colAt')}</th>
              <th>{t('colEvent')}</th>
              <th>{t('colDeliveryStatus')}</th>
              <th>{t('colAttempts')}</th>
              <th>{t('colError')}</th>
              <th>{t('colProof')}</th>
              {canReplay ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((d) => {
              const letter = dead.get(d.idempotencyKey);
              const replayable = letter !== undefined && d.status === 'dead' && items.find((x) => x.idempotencyKey === d.idempotencyKey) === d;
              return (
                <tr key={d.id} data-testid={`delivery-${d.id}`} data-status={d.status}>
                  <td>{new Date(d.at).toLocaleString()}</td>
                  <td><code>{d.action}</code>{d.subject ? <span className="muted small"> · {d.subject}</span> : null}</td>
                  <td>{t(`deliveryStatus.${d.status}`, { defaultValue: d.status })}</td>
                  <td>{d.attempt}</td>
                  <td className="small">{d.error ?? '—'}</td>
                  <td className="small" data-testid={`delivery-proof-${d.id}`}>{proofSummary(d.proof) ?? '—'}</td>
                  {canReplay ? (
                    <td>
                      {replayable ? (
                        <button type="button" disabled={busy !== null} onClick={() => void replay(letter)} data-testid={`replay-${d.id}`}>
                          {busy === letter.id ? t('replaying') : t('replay')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {hasRows ? (
        <div className="delivery-footer">
          {total ? (
            <span className="muted small" data-testid="deliveries-count">
              {t(total.exact ? 'shownOfTotal' : 'shownOfMore', { shown: items.length, total: total.count })}
            </span>
          ) : null}
          {nextCursor ? (
            <button type="button" disabled={loadingMore} onClick={() => void loadMore()} data-testid="deliveries-more">
              {loadingMore ? t('loadingMore') : t('loadMore')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
