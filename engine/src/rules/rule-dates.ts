import { addBusinessDays } from '../calendar/add-business-days.js';
import { addDuration as addCalendarDuration } from '../calendar/add-duration.js';
import { instantToZonedDate, zonedDateTimeToInstant } from '../calendar/zoned-time.js';
import type { RuleContext } from './trigger-type.js';

/** A delay for task due dates and reminders; business units follow ctx.calendar. */
export interface RuleDuration {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';
}

export const durationSchema = {
  type: 'object',
  properties: {
    amount: { type: 'number', minimum: 0 },
    unit: { enum: ['minutes', 'hours', 'days', 'business-hours', 'business-days'] },
  },
  required: ['amount', 'unit'],
  additionalProperties: false,
} as const;

const DAY_MS = 86_400_000;

/** Adds calendar days to a "YYYY-MM-DD" date. */
export function addCalendarDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The date part of a date or date-time value in a time zone; undefined when it is not a date. */
export function dateOf(value: unknown, timeZone: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) return undefined;
  return instantToZonedDate(new Date(value).toISOString(), timeZone);
}

/**
 * A day `offset` days (or business days, per ctx.calendar) from `date`, at `at` in `timeZone`.
 * Business days skip weekends and holidays and count adjusted working days (调休) as working.
 */
export function dayOffsetInstant(
  date: string,
  offset: number,
  unit: 'days' | 'business-days',
  at: string,
  timeZone: string,
  ctx: Pick<RuleContext, 'calendar'>,
): string {
  const day = unit === 'business-days' ? addBusinessDays(date, offset, ctx.calendar) : addCalendarDays(date, offset);
  return zonedDateTimeToInstant(day, at, timeZone);
}

/** `now` plus a duration in the organisation's zone; with `at`, day units land on that wall-clock time. */
export function addDuration(now: string, duration: RuleDuration, ctx: Pick<RuleContext, 'calendar' | 'timeZone'>, at?: string): string {
  const timeZone = ctx.timeZone ?? 'UTC';
  if (at === undefined || (duration.unit !== 'days' && duration.unit !== 'business-days')) {
    return addCalendarDuration(now, duration, ctx.calendar, timeZone);
  }
  const date = instantToZonedDate(now, timeZone);
  return dayOffsetInstant(date, Math.trunc(duration.amount), duration.unit, at, timeZone, ctx);
}

