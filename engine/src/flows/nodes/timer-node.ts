import type { JsonLogic } from '../../expressions/expression-types.js';
import type { Duration } from '../flow-definition.js';
import { addBusinessDays } from '../../calendar/add-business-days.js';
import { instantToZonedDate, zonedDateTimeToInstant } from '../../calendar/zoned-time.js';
import type { NodeContext, NodeType } from '../node-type.js';
import { durationSchema, jsonLogicSchema, MAIN_IN, MAIN_OUT } from './node-schemas.js';

export interface TimerConfig {
  /** Wait this long after entering. */
  duration?: Duration;
  /** Or wait until a date: JsonLogic giving YYYY-MM-DD (or an instant), e.g. {"var": "lastWorkingDay"}. */
  date?: JsonLogic;
  /** Shift of that date in calendar or working days (negative = before). */
  offset?: { amount: number; unit: 'days' | 'business-days' };
  /** Local time of day (HH:mm) in the flow's time zone. Default 09:00. */
  time?: string;
}

function shiftDays(date: string, days: number): string {
  const t = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** When the timer is due; a date expression that yields no date fires at once rather than never. */
export function timerDueAt(config: TimerConfig, ctx: NodeContext<TimerConfig>): string {
  if (config.duration) return ctx.addDuration(ctx.now, config.duration);
  const value = config.date === undefined ? undefined : ctx.evaluate(config.date);
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return ctx.now;
  let date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : instantToZonedDate(value, ctx.timeZone);
  const offset = config.offset;
  if (offset) date = offset.unit === 'business-days' ? addBusinessDays(date, offset.amount, ctx.calendar) : shiftDays(date, offset.amount);
  return zonedDateTimeToInstant(date, config.time ?? '09:00', ctx.timeZone);
}

/** Waits for a duration or until a date computed from the data (e.g. 3 working days before the last day, 09:00). */
export const timerNodeType: NodeType<TimerConfig> = {
  type: 'timer',
  version: '1.0.0',
  waitState: true,
  configSchema: {
    type: 'object',
    properties: {
      duration: durationSchema,
      date: jsonLogicSchema,
      offset: {
        type: 'object',
        properties: { amount: { type: 'integer' }, unit: { enum: ['days', 'business-days'] } },
        required: ['amount', 'unit'],
        additionalProperties: false,
      },
      time: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    },
    oneOf: [{ required: ['duration'] }, { required: ['date'] }],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Timer', 'zh-CN': '定时等待' },
    description: {
      en: 'Waits for a duration or until a date from the data, in working days if asked.',
      'zh-CN': '等待一段时间，或等到根据数据计算出的日期（可按工作日计算）。',
    },
    icon: 'clock',
    category: 'events',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT] },
  }),
  enter(_token, ctx) {
    return { timers: [{ dueAt: timerDueAt(ctx.config, ctx) }] };
  },
  on(command) {
    return command.kind === 'timer' ? { leave: {} } : undefined;
  },
};
