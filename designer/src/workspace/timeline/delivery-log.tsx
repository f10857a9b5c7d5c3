import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/localized.js';
import { formatWhen } from '../format-when.js';

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

export function DeliveryLog({ answer }: { answer: DeliveryAnswer }) {
  const { t } = useTranslation('workspace');
  const { locale } = useLocalized();
  if (answer.items.length === 0 && answer.outbox.length === 0) return <p className="muted">{t('deliveriesNone')}</p>;
  return (
    <table className="data-table" data-testid="deliveries">
      <thead>
        <tr>
          <th scope="col">{t('when')}</th>
          <th scope="col">{t('deliveryAction')}</th>
          <th scope="col">{t('deliveryStatus')}</th>
          <th scope="col">{t('deliveryAttempt')}</th>
        </tr>
      </thead>
      <tbody>
        {answer.items.map((d) => (
          <tr key={`d-${d.id}`}>
            <td>{formatWhen(d.finishedAt ?? d.startedAt, locale)}</td>
            <td>{d.type}</td>
            <td>{d.status}{d.error ? ` — ${d.error}` : d.note ? ` — ${d.note}` : ''}</td>
            <td>{d.attempt}</td>
          </tr>
        ))}
        {answer.outbox
          .filter((o) => o.status !== 'delivered')
          .map((o) => (
            <tr key={`o-${o.id}`} className="muted">
              <td>{formatWhen(o.createdAt, locale)}</td>
              <td>{o.type}</td>
              <td>{o.status}{o.lastError ? ` — ${o.lastError}` : ''}</td>
              <td>{o.attempts}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
