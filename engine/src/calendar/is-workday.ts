import { parseDate, parseTime, weekday } from './calendar-date.js';
import type { WorkCalendar } from './work-calendar.js';

/** A calendar with its lists turned into sets; cached per calendar object (treat calendars as immutable). */
export interface PreparedCalendar {
  weekend: ReadonlySet<number>;
  holidays: ReadonlySet<number>;
  workdays: ReadonlySet<number>;
  workStartMs: number;
  workEndMs: number;
}

const prepared = new WeakMap<WorkCalendar, PreparedCalendar>();
const PLAIN: WorkCalendar = {};

export function prepareCalendar(cal: WorkCalendar | undefined): PreparedCalendar {
  const key = cal ?? PLAIN;
  let p = prepared.get(key);
  if (!p) {
    p = {
      weekend: new Set(key.weekend ?? [0, 6]),
      holidays: new Set((key.holidays ?? []).map(parseDate)),
      workdays: new Set((key.workdays ?? []).map(parseDate)),
      workStartMs: parseTime(key.workStart ?? '09:00'),
      workEndMs: parseTime(key.workEnd ?? '18:00'),
    };
    prepared.set(key, p);
  }
  return p;
}

export function isWorkdayNumber(day: number, p: PreparedCalendar): boolean {
  if (p.workdays.has(day)) return true;
  if (p.holidays.has(day)) return false;
  return !p.weekend.has(weekday(day));
}

/**
 * Is "YYYY-MM-DD" a working day? An adjusted working day (调休, listed in `workdays`) is one even on a
 * weekend; a holiday is not; otherwise the weekend decides. Without a calendar: Monday to Friday.
 */
export function isWorkday(date: string, cal?: WorkCalendar): boolean {
  return isWorkdayNumber(parseDate(date), prepareCalendar(cal));
}
