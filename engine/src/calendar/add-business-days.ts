import { BatonError } from '../errors/error-catalogue.js';
import { CALENDAR_ERRORS } from './calendar-errors.js';
import { formatDate, parseDate } from './calendar-date.js';
import { isWorkdayNumber, prepareCalendar, type PreparedCalendar } from './is-workday.js';
import type { WorkCalendar } from './work-calendar.js';

/** A calendar with no working day would loop forever; a year of days off in a row is treated as broken. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

/** Moves `n` working days from `day` (negative goes backwards); 0 returns the day itself. */
export function addBusinessDayNumber(day: number, n: number, p: PreparedCalendar): number {
  const dir = n < 0 ? -1 : 1;
  let left = Math.abs(Math.trunc(n));
  let cur = day;
  let off = 0;
  while (left > 0) {
    cur += dir;
    if (isWorkdayNumber(cur, p)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF_IN_A_ROW) {
      throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_NO_WORKDAYS, { date: formatDate(day) });
    }
  }
  return cur;
}

/**
 * "YYYY-MM-DD" plus `n` working days of `cal`: Friday + 1 = Monday; a negative `n` counts backwards
 * (lastWorkingDay − 3 business days). Holidays and adjusted working days (调休) come from the calendar.
 */
export function addBusinessDays(date: string, n: number, cal?: WorkCalendar): string {
  return formatDate(addBusinessDayNumber(parseDate(date), n, prepareCalendar(cal)));
}

/**
 * Working days from `from` to `to`: the count of working days in (from, to], negative when `to` is
 * earlier. So addBusinessDays(from, diffBusinessDays(from, to)) === to whenever `to` is a working day.
 */
export function diffBusinessDays(from: string, to: string, cal?: WorkCalendar): number {
  const p = prepareCalendar(cal);
  const a = parseDate(from);
  const b = parseDate(to);
  let count = 0;
  if (b >= a) {
    for (let d = a + 1; d <= b; d++) if (isWorkdayNumber(d, p)) count++;
    return count;
  }
  for (let d = b; d < a; d++) if (isWorkdayNumber(d, p)) count++;
  return -count;
}
