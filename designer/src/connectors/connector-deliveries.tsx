import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { proofSummary, replayableDeadLetters } from './connector-model.js';
import type { ConnectorDelivery, ConnectorsApi, OutboxEntry } from './connectors-api.js';

interface Props {
  api: ConnectorsApi;
  connectorKey: string;
  reloadToken: number;
  /** Admins: "send again" on dead letters (the outbox is theirs). Auditors read the same list without it. */
  canReplay: boolean;
  onActivity?: () => void;
}

/**
 * A connector's recent deliveries (admins and auditors), newest first, with what each proved, and for
 * admins "send again" on a dead letter whose outbox row is still dead (POST /api/outbox/:id/replay,
 * audited). `onActivity` runs after a refresh or a replay, so the list's health and dead-letter counts follow.
 */
export function ConnectorDeliveries({ api, connectorKey, reloadToken, canReplay, onActivity }: Props) {
  const { t } = useTranslation('connectors');
  const [items, setItems] = useState<ConnectorDelivery[] | null>(null);
  const [dead, setDead] = useState<Map<string, OutboxEntry>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [replayed, setReplayed] = useState<string[]>([]);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [list, letters] = await Promise.all([api.deliveries(connectorKey), canReplay ? api.deadLetters() : null]);
      setItems(list.items);
      setDead(letters ? replayableDeadLetters(list.items, letters.items) : new Map());
    } catch (e) {
      setError(e);
    }
  }, [api, connectorKey, canReplay]);
  useEffect(() => {
    void load();
  }, [load, reloadToken]);

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

  return (
    <section aria-labelledby={`deliveries-${connectorKey}`} data-testid="connector-deliveries">
      <div className="row">
        <h3 id={`deliveries-${connectorKey}`}>{t('deliveriesTitle')}</h3>
        <button type="button" onClick={() => void load().then(() => onActivity?.())} data-testid="deliveries-refresh">{t('refresh')}</button>
      </div>
      {error ? <ErrorPanel error={error} /> : null}
      {items === null && !error ? <p className="muted" role="status">{t('loading')}</p> : null}
      {items !== null && items.length === 0 ? <EmptyState title={t('deliveriesTitle')}>{t('deliveriesEmpty')}</EmptyState> : null}
      {replayed.length > 0 ? <p className="success" role="status">{t('replayed')}</p> : null}
      {items && items.length > 0 ? (
        <table className="list">
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
    </section>
  );
}
