/**
 * Which days are working days, as data. China moves working days around public holidays
 * (调休), so a weekend day can be a working day: `workdays` lists those, `holidays` the days off.
 */
export interface WorkCalendar {
  /** Days of the week that are off unless listed in `workdays`; 0 = Sunday. Default [0, 6]. */
  weekend?: number[];
  /** Dates (YYYY-MM-DD) that are off. */
  holidays?: string[];
  /** Dates (YYYY-MM-DD) that are working days even though they fall on a weekend. */
  workdays?: string[];
  /** Working hours for business-hour arithmetic, "HH:mm". Default 09:00–18:00. */
  workStart?: string;
  workEnd?: string;
}
