import { useTranslation } from 'react-i18next';
import { useMyRoles } from '../../dashboard/use-my-roles.js';
import { useLocalized } from '../../app/i18n/localized.js';
import { formatWhen } from '../format-when.js';
import { DELIVERY_DETAIL_ROLES, deliveryWording } from './delivery-wording.js';

/** One delivery attempt as GET /api/instances/:id/deliveries lists it (runtime-api/src/workers). */
export interface Delivery {
  id: number | string;
  type: string;
  attempt: number;
  status: string;
  error: string | null;
  note: string | null;
  startedAt: string;
  finishedAt: string;
}

/** An effect the instance queued (notify, invoke a connector, render a document …) and where it stands. */
export interface QueuedEffect {
  id: string;
  type: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryAnswer {
  outbox: QueuedEffect[];
  items: Delivery[];
}

interface Row {
  key: string;
  when: string;
  type: string;
  status: string;
  note: string | null;
  error: string | null;
  attempt: number;
  queued: boolean;
}

function rowsOf(answer: DeliveryAnswer): Row[] {
  const done = answer.items.map((d) => ({ key: `d-${d.id}`, when: d.finishedAt ?? d.startedAt, type: d.type, status: d.status, note: d.note, error: d.error, attempt: d.attempt, queued: false }));
  const waiting = answer.outbox
    .filter((o) => o.status !== 'delivered')
    .map((o) => ({ key: `o-${o.id}`, when: o.createdAt, type: o.type, status: o.status, note: null, error: o.lastError, attempt: o.attempts, queued: true }));
  return [...done, ...waiting];
}

/**
 * What the request did outside itself (notifications, records, documents, external systems), in words per
 * action for everyone; the technical note or error (ids, byte counts, hashes) only for HR, admins and
 * auditors, folded behind "Details".
 */
export function DeliveryLog({ answer }: { answer: DeliveryAnswer }) {
  const { t } = useTranslation('delivery');
  const { locale } = useLocalized();
  const roles = useMyRoles();
  const technical = (roles ?? []).some((r) => (DELIVERY_DETAIL_ROLES as readonly string[]).includes(r));
  const rows = rowsOf(answer);
  if (rows.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <table className="data-table" data-testid="deliveries">
      <thead>
        <tr>
          <th scope="col">{t('colWhen')}</th>
          <th scope="col">{t('colAction')}</th>
          <th scope="col">{t('colStatus')}</th>
          <th scope="col">{t('colAttempt')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const wording = deliveryWording(row.type, row.status, row.note);
          const connector = wording.connector ? t(`connector.${wording.connector}`, { defaultValue: wording.connector }) : undefined;
          const result = wording.result === 'skipped'
            ? connector ? t('status.skipped', { connector }) : t('status.skippedAny')
            : t(`status.${wording.result}`, { status: row.status });
          const detail = row.error ?? row.note;
          return (
            <tr key={row.key} className={row.queued ? 'muted' : undefined} data-result={wording.result}>
              <td>{formatWhen(row.when, locale)}</td>
              <td>{t(`action.${wording.action}`)}</td>
              <td>
                {result}
                {technical && detail ? (
                  <details className="delivery-detail">
                    <summary>{t('details')}</summary>
                    <code>{row.type} · {row.status} — {detail}</code>
                  </details>
                ) : null}
              </td>
              <td>{row.attempt}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
