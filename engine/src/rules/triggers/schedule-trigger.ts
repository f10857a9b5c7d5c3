import { isWorkday } from '../../calendar/is-workday.js';
import { instantToZonedDate } from '../../calendar/zoned-time.js';
import { issue } from '../../errors/error-catalogue.js';
import type { Issue } from '../../errors/issue.js';
import { cronError, isTimeZone, nextCronRun } from '../cron-schedule.js';
import { RULES_ERRORS } from '../rules-errors.js';
import type { TriggerType } from '../trigger-type.js';

export interface ScheduleConfig {
  /** Five fields "minute hour day month weekday" (or six with seconds first), e.g. "0 9 * * 1-5". */
  cron: string;
  /** IANA zone the expression is read in; the organisation's zone (ctx.timeZone) when omitted. */
  timeZone?: string;
  /** Skip runs that fall on non-working days of ctx.calendar (public holidays; adjusted working Saturdays count). */
  workdaysOnly?: boolean;
}

/** Enough look-ahead to cross the longest Chinese holiday with any daily or weekly expression. */
const MAX_SKIPPED_RUNS = 400;

/**
 * A recurring trigger not tied to a record: "every Monday at 09:00 Beijing time". `plan` gives the next
 * run after ctx.now; when that timer fires, the compiled rule set plans the run after it.
 */
export const scheduleTrigger: TriggerType<ScheduleConfig> = {
  type: 'schedule',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      cron: { type: 'string', minLength: 9 },
      timeZone: { type: 'string', minLength: 1 },
      workdaysOnly: { type: 'boolean' },
    },
    required: ['cron'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'On a schedule', 'zh-CN': '定时' },
    description: {
      en: 'At times given by a cron expression in a time zone, e.g. "0 9 * * 1-5" = weekdays at 09:00.',
      'zh-CN': '按 cron 表达式在指定时区定时触发，如 "0 9 * * 1-5" 表示工作日 09:00。',
    },
    icon: 'clock',
    category: 'time',
    mode: 'schedule',
  }),
  plan: (_record, config, ctx) => {
    const timeZone = config.timeZone ?? ctx.timeZone ?? 'UTC';
    let next = nextCronRun(config.cron, ctx.now, timeZone);
    for (let i = 0; config.workdaysOnly && next !== undefined && i < MAX_SKIPPED_RUNS; i++) {
      if (isWorkday(instantToZonedDate(next, timeZone), ctx.calendar)) break;
      next = nextCronRun(config.cron, next, timeZone);
    }
    return next ? [{ dueAt: next }] : [];
  },
  check: (config, path, locale) => {
    const issues: Issue[] = [];
    const error = cronError(config.cron);
    if (error) issues.push(issue(RULES_ERRORS.BATON_E_RULE_BAD_CRON, `${path}/cron`, { cron: config.cron, error }, locale));
    if (config.timeZone !== undefined && !isTimeZone(config.timeZone)) {
      issues.push(issue(RULES_ERRORS.BATON_E_RULE_BAD_TIME_ZONE, `${path}/timeZone`, { timeZone: config.timeZone }, locale));
    }
    return issues;
  },
};
