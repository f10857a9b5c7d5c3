import type { ConnectorDelivery, ConnectorDeliveryQuery, ConnectorDeliveryStatus } from '@baton/client';
import type { CsvColumn } from '../workspace/records/csv-export.js';
import { proofSummary } from './connector-model.js';

/**
 * The delivery log's filter bar as the page holds it, and the query the server gets for it. Dates are the
 * user's calendar days (an `<input type="date">` value, YYYY-MM-DD): "from" starts at local midnight, "to" is
 * inclusive, so it ends at the next day's local midnight — what someone in Shanghai means by "3 March".
 */
export interface DeliveryFilter {
  /** One status, "failed" (will retry or dead letter), or "all". */
  status: 'all' | 'failed' | ConnectorDeliveryStatus;
  /** An action (event type); '' for every one. */
  action: string;
  from: string;
  to: string;
}

export const NO_DELIVERY_FILTER: DeliveryFilter = { status: 'all', action: '', from: '', to: '' };
export const DELIVERY_STATUS_CHOICES = ['all', 'delivered', 'skipped', 'failed', 'retry', 'dead'] as const;

/** Rows per page shown, and per request when exporting (the server's maximum page). */
export const DELIVERY_PAGE = 50;
export const EXPORT_PAGE = 200;
/** The most rows one CSV export reads: the newest ones when more match. */
export const EXPORT_MAX = 10_000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a YYYY-MM-DD day, `plusDays` later; null for anything else. */
export function localMidnight(day: string, plusDays = 0): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A "from" after "to" matches nothing: the bar says so instead of asking the server. */
export function rangeIsEmpty(filter: Pick<DeliveryFilter, 'from' | 'to'>): boolean {
  return filter.from !== '' && filter.to !== '' && filter.from > filter.to;
}

export function isFiltered(filter: DeliveryFilter): boolean {
  return filter.status !== 'all' || filter.action !== '' || filter.from !== '' || filter.to !== '';
}

/** The server query for a filter (without limit and cursor). */
export function deliveryQuery(filter: DeliveryFilter): ConnectorDeliveryQuery {
  const query: ConnectorDeliveryQuery = {};
  if (filter.status === 'failed') query.status = ['retry', 'dead'];
  else if (filter.status !== 'all') query.status = [filter.status];
  if (filter.action !== '') query.action = filter.action;
  const from = localMidnight(filter.from);
  const to = localMidnight(filter.to, 1);
  if (from) query.from = from.toISOString();
  if (to) query.to = to.toISOString();
  return query;
}

/** The action choices: the type's actions, those seen in the log, and the one chosen, sorted, once each. */
export function actionChoices(typeActions: readonly string[], seen: Iterable<string>, chosen: string): string[] {
  const all = new Set<string>([...typeActions, ...seen]);
  if (chosen !== '') all.add(chosen);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** A spreadsheet-friendly local time: "2026-03-02 17:05:09" (Excel reads it as a date and time). */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export type DeliveryLabel = (key: string, options?: Record<string, unknown>) => string;

/** The CSV's columns, headed in the user's language. */
export function deliveryCsvColumns(t: DeliveryLabel): CsvColumn[] {
  return [
    { key: 'at', label: t('colAt') },
    { key: 'action', label: t('colEvent') },
    { key: 'subject', label: t('csvSubject') },
    { key: 'status', label: t('colDeliveryStatus') },
    { key: 'attempt', label: t('colAttempts') },
    { key: 'error', label: t('colError') },
    { key: 'proof', label: t('colProof') },
    { key: 'durationMs', label: t('csvDuration') },
    { key: 'instanceId', label: t('csvInstance') },
    { key: 'idempotencyKey', label: t('csvIdempotencyKey') },
  ];
}

/** One CSV row per delivery: words for the status, the proof in one line, local times. */
export function deliveryCsvRows(items: readonly ConnectorDelivery[], t: DeliveryLabel): Array<Record<string, unknown>> {
  return items.map((d) => ({
    at: localDateTime(d.at),
    action: d.action,
    subject: d.subject,
    status: t(`deliveryStatus.${d.status}`, { defaultValue: d.status }),
    attempt: d.attempt,
    error: d.error,
    proof: proofSummary(d.proof),
    durationMs: d.durationMs,
    instanceId: d.instanceId,
    idempotencyKey: d.idempotencyKey,
  }));
}

/** The export's file name: the connector, the filter's days when set, today. */
export function exportFileName(connectorKey: string, filter: DeliveryFilter, today: Date): string {
  const span = filter.from !== '' || filter.to !== '' ? `-${filter.from || 'start'}_${filter.to || 'now'}` : '';
  return `deliveries-${connectorKey}${span}-${localDateTime(today.toISOString()).slice(0, 10)}.csv`;
}
