import { addBusinessDayNumber, diffBusinessDays } from '../calendar/add-business-days.js';
import { addDuration, CALENDAR_DURATION_UNITS, type CalendarDurationUnit } from '../calendar/add-duration.js';
import { formatDate, isDateString, MS_PER_DAY, parseDate, parseTime } from '../calendar/calendar-date.js';
import { isWorkdayNumber, prepareCalendar } from '../calendar/is-workday.js';
import { formatInstant, instantToWallClockMs, parseInstant, wallClockToInstantMs } from '../calendar/zoned-time.js';
import { BatonError } from '../errors/error-catalogue.js';
import { ERROR_TYPES, ExpressionError, invalidArguments } from './expression-error.js';
import type { ExpressionOperation } from './expression-operation.js';
import type { EvalContext } from './expression-types.js';

/**
 * Date operations. Dates are "YYYY-MM-DD" strings, instants ISO 8601 strings; operations given a date
 * answer with a date, given an instant answer with an instant (UTC, "…Z"). The time zone is the optional
 * last argument, else ctx.timeZone, else UTC; business days use ctx.calendar (default Monday–Friday).
 */
function guard<T>(operator: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof BatonError && !(err instanceof ExpressionError)) throw new ExpressionError(ERROR_TYPES.invalidDate, `"${operator}": ${err.message}`);
    throw err;
  }
}

function zone(arg: unknown, ctx: EvalContext): string {
  return typeof arg === 'string' && arg !== '' ? arg : ctx.timeZone ?? 'UTC';
}

function integer(value: unknown, operator: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidArguments(operator, 'the amount must be a number');
  return Math.trunc(n);
}

/** A date stays a date; an instant moves its date in the time zone and keeps its wall-clock time. */
function shiftDays(operator: string, value: unknown, ctx: EvalContext, move: (day: number) => number): string {
  return guard(operator, () => {
    if (isDateString(value)) return formatDate(move(parseDate(value)));
    const tz = zone(undefined, ctx);
    const wall = instantToWallClockMs(parseInstant(value, tz), tz);
    const day = Math.floor(wall / MS_PER_DAY);
    return formatInstant(wallClockToInstantMs(move(day) * MS_PER_DAY + (wall - day * MS_PER_DAY), tz));
  });
}

/** The calendar date of a date or an instant, as a day number. */
function dayOf(value: unknown, tz: string): number {
  if (isDateString(value)) return parseDate(value);
  return Math.floor(instantToWallClockMs(parseInstant(value, tz), tz) / MS_PER_DAY);
}

export const DATE_OPERATIONS: Record<string, ExpressionOperation> = {
  now: {
    maxArgs: 0,
    description: { en: 'The current instant, from the evaluation context (never the wall clock).', 'zh-CN': '当前时间点，取自求值上下文（绝不读取系统时钟）。' },
    example: '{"now": []}',
    evaluate: (_args, ctx) => {
      if (typeof ctx.now !== 'string') throw new ExpressionError(ERROR_TYPES.missingContext, '"now" needs ctx.now (an ISO instant)');
      return ctx.now;
    },
  },
  today: {
    maxArgs: 1,
    description: { en: "Today's date (YYYY-MM-DD) in the time zone, from ctx.now.", 'zh-CN': '时区内的今天日期（YYYY-MM-DD），取自 ctx.now。' },
    example: '{"today": ["Asia/Shanghai"]}',
    evaluate: (args, ctx) => {
      if (typeof ctx.now !== 'string') throw new ExpressionError(ERROR_TYPES.missingContext, '"today" needs ctx.now (an ISO instant)');
      const now = ctx.now;
      return guard('today', () => formatDate(dayOf(now, zone(args[0], ctx))));
    },
  },
  addDays: {
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'A date or instant plus N calendar days (negative goes back).', 'zh-CN': '日期或时间点加 N 个自然日（负数向前）。' },
    example: '{"addDays": [{"var": "lastWorkingDay"}, -3]}',
    evaluate: ([value, n], ctx) => {
      const days = integer(n, 'addDays');
      return shiftDays('addDays', value, ctx, (day) => day + days);
    },
  },
  addBusinessDays: {
    minArgs: 2,
    maxArgs: 2,
    description: { en: 'A date or instant plus N working days of ctx.calendar (negative goes back).', 'zh-CN': '日期或时间点加 N 个工作日（按 ctx.calendar，负数向前）。' },
    example: '{"addBusinessDays": [{"var": "lastWorkingDay"}, -3]}',
    evaluate: ([value, n], ctx) => {
      const days = integer(n, 'addBusinessDays');
      const p = guard('addBusinessDays', () => prepareCalendar(ctx.calendar));
      return shiftDays('addBusinessDays', value, ctx, (day) => addBusinessDayNumber(day, days, p));
    },
  },
  diffDays: {
    minArgs: 2,
    maxArgs: 3,
    description: { en: 'Calendar days from the first date to the second (negative if earlier).', 'zh-CN': '从第一个日期到第二个日期的自然日天数（更早则为负数）。' },
    example: '{"diffDays": [{"today": []}, {"var": "lastWorkingDay"}]}',
    evaluate: ([from, to, tz], ctx) => guard('diffDays', () => dayOf(to, zone(tz, ctx)) - dayOf(from, zone(tz, ctx))),
  },
  diffBusinessDays: {
    minArgs: 2,
    maxArgs: 3,
    description: { en: 'Working days from the first date to the second: those in (from, to].', 'zh-CN': '两个日期之间的工作日数：计 (from, to] 内的工作日。' },
    example: '{"diffBusinessDays": [{"var": "noticeDate"}, {"var": "lastWorkingDay"}]}',
    evaluate: ([from, to, tz], ctx) =>
      guard('diffBusinessDays', () =>
        diffBusinessDays(formatDate(dayOf(from, zone(tz, ctx))), formatDate(dayOf(to, zone(tz, ctx))), ctx.calendar),
      ),
  },
  isWorkday: {
    minArgs: 1,
    maxArgs: 2,
    description: { en: 'Whether the date is a working day of ctx.calendar.', 'zh-CN': '该日期是否为工作日（按 ctx.calendar）。' },
    example: '{"isWorkday": [{"var": "lastWorkingDay"}]}',
    evaluate: ([value, tz], ctx) => guard('isWorkday', () => isWorkdayNumber(dayOf(value, zone(tz, ctx)), prepareCalendar(ctx.calendar))),
  },
  startOfDay: {
    minArgs: 1,
    maxArgs: 2,
    description: { en: 'The instant at 00:00 of the date (or of the instant\'s date) in the time zone.', 'zh-CN': '该日期（或时间点所在日期）在时区内 00:00 的时间点。' },
    example: '{"startOfDay": [{"now": []}, "Asia/Shanghai"]}',
    evaluate: ([value, tz], ctx) =>
      guard('startOfDay', () => {
        const z = zone(tz, ctx);
        return formatInstant(wallClockToInstantMs(dayOf(value, z) * MS_PER_DAY, z));
      }),
  },
  toDate: {
    minArgs: 1,
    maxArgs: 2,
    description: { en: 'The date (YYYY-MM-DD) an instant falls on in the time zone.', 'zh-CN': '时间点在时区内所在的日期（YYYY-MM-DD）。' },
    example: '{"toDate": [{"var": "submittedAt"}, "Asia/Shanghai"]}',
    evaluate: ([value, tz], ctx) => guard('toDate', () => formatDate(dayOf(value, zone(tz, ctx)))),
  },
  atTime: {
    minArgs: 2,
    maxArgs: 3,
    description: { en: 'A date at a wall-clock time "HH:mm" in the time zone, as an instant.', 'zh-CN': '日期加时刻 "HH:mm"（时区内），得到时间点。' },
    example: '{"atTime": [{"var": "lastWorkingDay"}, "09:00", "Asia/Shanghai"]}',
    evaluate: ([date, time, tz], ctx) =>
      guard('atTime', () => {
        const z = zone(tz, ctx);
        return formatInstant(wallClockToInstantMs(dayOf(date, z) * MS_PER_DAY + parseTime(String(time)), z));
      }),
  },
  addDuration: {
    minArgs: 3,
    maxArgs: 3,
    description: { en: 'An instant plus an amount of minutes, hours, days, business-hours or business-days.', 'zh-CN': '时间点加上若干分钟、小时、天、工作小时或工作日。' },
    example: '{"addDuration": [{"var": "submittedAt"}, 8, "business-hours"]}',
    evaluate: ([instant, amount, unit], ctx) => {
      if (!CALENDAR_DURATION_UNITS.includes(unit as CalendarDurationUnit)) throw invalidArguments('addDuration', `unit must be one of ${CALENDAR_DURATION_UNITS.join(', ')}`);
      const n = typeof amount === 'string' ? Number(amount) : amount;
      return guard('addDuration', () =>
        addDuration(String(instant), { amount: n as number, unit: unit as CalendarDurationUnit }, ctx.calendar, zone(undefined, ctx)),
      );
    },
  },
};
