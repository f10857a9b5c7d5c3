import { issue } from '../../errors/error-catalogue.js';
import type { Issue } from '../../errors/issue.js';
import { isTimeZone } from '../cron-schedule.js';
import { paramRefSchema, type ParamRef } from '../param-ref.js';
import { readPath } from '../read-path.js';
import { dateOf, dayOffsetInstant } from '../rule-dates.js';
import { RULES_ERRORS } from '../rules-errors.js';
import type { TriggerType } from '../trigger-type.js';

export interface DateOffsetConfig {
  /** A date or date-time field of the record, e.g. "lastWorkingDay". */
  field: string;
  /** Negative = before the date. A number or a pack parameter: {"param": "settlementReminderDays", "negate": true}. */
  offset?: number | ParamRef;
  unit?: 'minutes' | 'hours' | 'days' | 'business-days';
  /** "HH:mm" wall-clock time for day units; "00:00" when omitted. */
  at?: string | ParamRef;
  /** IANA zone for the date and `at`; the organisation's zone when omitted. */
  timeZone?: string;
  /** When the computed time is already past at planning: "fire" it at once (default) or "skip" it. */
  late?: 'fire' | 'skip';
}

/** Resolved form (after pack parameters are filled in), as `plan` sees it. */
type Resolved = Omit<DateOffsetConfig, 'offset' | 'at'> & { offset?: number; at?: string };

const HH_MM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

/**
 * "N (business) days before/after a date field at HH:mm". Planned per record; when the date field changes the
 * record is planned again and its timer moves (same timer id, new due time).
 */
export const dateOffsetTrigger: TriggerType<DateOffsetConfig> = {
  type: 'date-offset',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    properties: {
      field: { type: 'string', minLength: 1 },
      offset: { oneOf: [{ type: 'integer' }, paramRefSchema] },
      unit: { enum: ['minutes', 'hours', 'days', 'business-days'] },
      at: { oneOf: [{ type: 'string', pattern: HH_MM }, paramRefSchema] },
      timeZone: { type: 'string', minLength: 1 },
      late: { enum: ['fire', 'skip'] },
    },
    required: ['field'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Relative to a date', 'zh-CN': '相对日期' },
    description: {
      en: 'N days or business days before or after a date field, at a time of day, e.g. 3 business days before the last working day at 09:00.',
      'zh-CN': '在日期字段之前或之后 N 天（或 N 个工作日）的某个时刻触发，如最后工作日前 3 个工作日的 09:00。',
    },
    icon: 'calendar-clock',
    category: 'time',
    mode: 'time',
  }),
  plan: (record, config, ctx) => {
    if (!record) return [];
    const c = config as Resolved;
    const timeZone = c.timeZone ?? ctx.timeZone ?? 'UTC';
    const value = readPath(record.data, c.field);
    const offset = typeof c.offset === 'number' ? c.offset : 0;
    const unit = c.unit ?? 'days';
    let dueAt: string | undefined;
    if (unit === 'minutes' || unit === 'hours') {
      const date = dateOf(value, timeZone);
      if (date === undefined || typeof value !== 'string') return [];
      // A date-only value means its start of day in the zone.
      const start = value.length === 10 ? dayOffsetInstant(date, 0, 'days', '00:00', timeZone, ctx) : new Date(value).toISOString();
      dueAt = new Date(Date.parse(start) + offset * (unit === 'hours' ? 3_600_000 : 60_000)).toISOString();
    } else {
      const date = dateOf(value, timeZone);
      if (date === undefined) return [];
      dueAt = dayOffsetInstant(date, offset, unit, c.at ?? '00:00', timeZone, ctx);
    }
    if (c.late === 'skip' && Date.parse(dueAt) < Date.parse(ctx.now)) return [];
    return [{ dueAt }];
  },
  fieldRefs: (config) => [{ field: config.field, path: '/field', types: ['date', 'date-time'] }],
  check: (config, path, locale) => {
    const issues: Issue[] = [];
    if (config.timeZone !== undefined && !isTimeZone(config.timeZone)) {
      issues.push(issue(RULES_ERRORS.BATON_E_RULE_BAD_TIME_ZONE, `${path}/timeZone`, { timeZone: config.timeZone }, locale));
    }
    return issues;
  },
};
