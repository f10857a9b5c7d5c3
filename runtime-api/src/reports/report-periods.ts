import { instantToZonedDate, type Condition, type DateBucket, type DimensionModel, type ReportQuery } from '@baton/engine';
import type { Period } from './headcount-sql.js';

/** More periods than this are not enumerated from a filter (a report over decades of days). */
const MAX_PERIODS = 400;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The bucket a date falls in: its first day. */
export function bucketStartOf(date: string, bucket: DateBucket, weekStart: 'monday' | 'sunday'): string {
  const d = new Date(`${date}T00:00:00Z`);
  switch (bucket) {
    case 'day':
      return date;
    case 'week': {
      const back = weekStart === 'monday' ? (d.getUTCDay() + 6) % 7 : d.getUTCDay();
      return addDays(date, -back);
    }
    case 'month':
      return date.slice(0, 8) + '01';
    case 'quarter':
      return `${date.slice(0, 5)}${String(Math.floor(d.getUTCMonth() / 3) * 3 + 1).padStart(2, '0')}-01`;
    case 'year':
      return date.slice(0, 5) + '01-01';
  }
}

/** The last day of the bucket starting on `start`. */
export function periodEnd(start: string, bucket: DateBucket): string {
  if (bucket === 'day') return start;
  if (bucket === 'week') return addDays(start, 6);
  const d = new Date(`${start}T00:00:00Z`);
  const months = bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 0)).toISOString().slice(0, 10);
}

/** Lower and upper bounds (local dates) the report's own filters put on one field, when they are ANDed at the top. */
function boundsOf(where: Condition | undefined, ref: string, timeZone: string): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  const items = !where ? [] : where.kind === 'and' ? where.items : [where];
  for (const c of items) {
    if (c.kind === 'and') {
      const inner = boundsOf(c, ref, timeZone);
      if (inner.from && (!out.from || inner.from > out.from)) out.from = inner.from;
      if (inner.to && (!out.to || inner.to < out.to)) out.to = inner.to;
      continue;
    }
    if (c.kind !== 'compare' || c.field.ref !== ref || typeof c.value !== 'string') continue;
    const date = c.as === 'date' ? c.value : c.as === 'datetime' ? instantToZonedDate(c.value, timeZone) : undefined;
    if (!date) continue;
    // "< midnight of D" (a whole-day bound on a date-time) ends the day before.
    const upper = c.op === '<' ? addDays(date, -1) : date;
    const lower = c.op === '>' && c.as === 'date' ? addDays(date, 1) : date;
    if ((c.op === '>=' || c.op === '>') && (!out.from || lower > out.from)) out.from = lower;
    if ((c.op === '<=' || c.op === '<') && (!out.to || upper < out.to)) out.to = upper;
    if (c.op === '=') {
      out.from = date;
      out.to = date;
    }
  }
  return out;
}

/**
 * Every period of the date dimension within the range the report's filters give it (e.g. "last working
 * day between the 1st of January and the 31st of December" → twelve months), so headcount covers periods
 * without a single row too, and can be counted while the rows are (it need not wait for them).
 * Undefined when the filters do not bound the field on both sides.
 */
export function periodsFromFilters(query: ReportQuery): Period[] | undefined {
  const date = query.dimensions.find((d): d is Extract<DimensionModel, { kind: 'date' }> => d.kind === 'date');
  if (!date) return undefined;
  const { from, to } = boundsOf(query.where, date.field.ref, date.timeZone);
  if (!from || !to || from > to) return undefined;
  const periods: Period[] = [];
  for (let start = bucketStartOf(from, date.bucket, date.weekStart); start <= to; start = addDays(periodEnd(start, date.bucket), 1)) {
    periods.push({ start, end: periodEnd(start, date.bucket) });
    if (periods.length > MAX_PERIODS) return undefined;
  }
  return periods;
}
