import { BatonError } from '../errors/error-catalogue.js';
import { CALENDAR_ERRORS } from './calendar-errors.js';
import { formatDate, MS_PER_DAY } from './calendar-date.js';
import { isWorkdayNumber, prepareCalendar } from './is-workday.js';
import type { WorkCalendar } from './work-calendar.js';
import { formatInstant, instantToWallClockMs, parseInstant, wallClockToInstantMs } from './zoned-time.js';

const MAX_DAYS = 366 * 5;

/**
 * Adds working time: only the hours between `workStart` and `workEnd` of working days (wall clock in
 * `timeZone`) count. 4 business hours from Friday 16:00 with 09:00–18:00 is Monday 11:00. Starting outside
 * working hours starts at the next opening; a negative amount counts backwards from the previous closing.
 */
export function addBusinessHours(instant: string, hours: number, cal: WorkCalendar | undefined, timeZone: string): string {
  const p = prepareCalendar(cal);
  const wall = instantToWallClockMs(parseInstant(instant, timeZone), timeZone);
  let day = Math.floor(wall / MS_PER_DAY);
  let pos = wall - day * MS_PER_DAY;
  let left = Math.abs(hours) * 3_600_000;
  const forward = hours >= 0;
  const { workStartMs: open, workEndMs: close } = p;
  for (let i = 0; i < MAX_DAYS; i++) {
    if (isWorkdayNumber(day, p) && close > open) {
      if (forward) {
        const from = Math.max(pos, open);
        if (from < close || (from === close && left === 0)) {
          if (left <= close - from) return formatInstant(wallClockToInstantMs(day * MS_PER_DAY + from + left, timeZone));
          left -= close - from;
        }
      } else {
        const from = Math.min(pos, close);
        if (from > open || (from === open && left === 0)) {
          if (left <= from - open) return formatInstant(wallClockToInstantMs(day * MS_PER_DAY + from - left, timeZone));
          left -= from - open;
        }
      }
    }
    day += forward ? 1 : -1;
    pos = forward ? 0 : MS_PER_DAY;
  }
  throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_NO_WORKDAYS, { date: formatDate(Math.floor(wall / MS_PER_DAY)) });
}
