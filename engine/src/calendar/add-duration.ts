import { BatonError } from '../errors/error-catalogue.js';
import { CALENDAR_ERRORS } from './calendar-errors.js';
import { MS_PER_DAY } from './calendar-date.js';
import { addBusinessDayNumber } from './add-business-days.js';
import { addBusinessHours } from './add-business-hours.js';
import { prepareCalendar } from './is-workday.js';
import type { WorkCalendar } from './work-calendar.js';
import { formatInstant, instantToWallClockMs, parseInstant, wallClockToInstantMs } from './zoned-time.js';

export type CalendarDurationUnit = 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';

export interface CalendarDuration {
  amount: number;
  unit: CalendarDurationUnit;
}

export const CALENDAR_DURATION_UNITS: readonly CalendarDurationUnit[] = ['minutes', 'hours', 'days', 'business-hours', 'business-days'];

/** Keeps the wall-clock time and moves the date, so "+1 day at 09:00" stays 09:00 across a DST change. */
function shiftWallDays(instantMs: number, timeZone: string, move: (day: number) => number): number {
  const wall = instantToWallClockMs(instantMs, timeZone);
  const day = Math.floor(wall / MS_PER_DAY);
  return wallClockToInstantMs(move(day) * MS_PER_DAY + (wall - day * MS_PER_DAY), timeZone);
}

/**
 * An instant plus a duration, for SLAs and timers: minutes and hours are elapsed time; days are calendar
 * days at the same wall-clock time in `timeZone`; business-days skip non-working days of `cal` (same wall
 * time); business-hours count working hours only (see addBusinessHours). Returns an ISO instant (UTC).
 */
export function addDuration(instant: string, duration: CalendarDuration, cal: WorkCalendar | undefined, timeZone: string): string {
  const { amount, unit } = duration;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || !CALENDAR_DURATION_UNITS.includes(unit)) {
    throw new BatonError(CALENDAR_ERRORS.BATON_E_CALENDAR_BAD_DURATION, { amount: String(amount), unit: String(unit) });
  }
  const ms = parseInstant(instant, timeZone);
  switch (unit) {
    case 'minutes':
      return formatInstant(ms + amount * 60_000);
    case 'hours':
      return formatInstant(ms + amount * 3_600_000);
    case 'days':
      return formatInstant(shiftWallDays(ms, timeZone, (day) => day + Math.trunc(amount)));
    case 'business-days': {
      const p = prepareCalendar(cal);
      return formatInstant(shiftWallDays(ms, timeZone, (day) => addBusinessDayNumber(day, amount, p)));
    }
    case 'business-hours':
      return addBusinessHours(formatInstant(ms), amount, cal, timeZone);
  }
}
