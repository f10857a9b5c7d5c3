import type { LocalizedText } from '../i18n/localized-text.js';
import cnHolidays from './data/cn-holidays.json' with { type: 'json' };
import type { WorkCalendar } from './work-calendar.js';

/** One holiday period of the State Council's yearly notice: the days off and the weekend days worked instead. */
export interface HolidayPeriod {
  name: LocalizedText;
  off: string[];
  work: string[];
}

export interface HolidayData {
  description: string;
  years: Record<string, { notice: string; holidays: HolidayPeriod[] }>;
}

export const CN_HOLIDAY_DATA: HolidayData = cnHolidays;

/** Builds a Monday–Friday calendar from holiday data: every listed day off, every adjusted working day. */
export function calendarFromHolidayData(data: HolidayData, base: WorkCalendar = {}): WorkCalendar {
  const periods = Object.values(data.years).flatMap((y) => y.holidays);
  return {
    ...base,
    holidays: [...(base.holidays ?? []), ...periods.flatMap((p) => p.off)],
    workdays: [...(base.workdays ?? []), ...periods.flatMap((p) => p.work)],
  };
}

/** The years whose official schedule the data covers; outside them only weekends are days off. */
export const CN_CALENDAR_YEARS: readonly number[] = Object.keys(CN_HOLIDAY_DATA.years).map(Number);

/**
 * Mainland China's working calendar: Saturday/Sunday off, public holidays off, adjusted working days (调休)
 * on, working hours 09:00–18:00. Covers the years in CN_CALENDAR_YEARS; it is data to extend each year.
 */
export const CN_CALENDAR: WorkCalendar = Object.freeze(
  calendarFromHolidayData(CN_HOLIDAY_DATA, { weekend: [0, 6], workStart: '09:00', workEnd: '18:00' }),
);
