import { BatonError } from '../errors/error-catalogue.js';
import { CALENDAR_ERRORS } from './calendar-errors.js';

/**
 * Calendar dates as day numbers (days since 1970-01-01), so date arithmetic is integer arithmetic and
 * never meets a time zone or a DST shift. Strings are "YYYY-MM-DD".
 */
export const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateString(value: unknown): value is string {
  return typeof value === 'string' && DATE_RE.test(value);
}

export function parseDate(value: string): number {
  const m = DATE_RE.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return ms / MS_PER_DAY;
  }
  throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_BAD_DATE, { value });
}

export function formatDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:mm" → milliseconds since midnight. "24:00" is accepted as the end of the day (for workEnd). */
export function parseTime(value: string): number {
  if (value === '24:00') return MS_PER_DAY;
  const m = TIME_RE.exec(value);
  if (!m) throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_BAD_TIME, { value });
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}
