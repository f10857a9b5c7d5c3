import type { JsonLogic } from '../../expressions/expression-types.js';
import type { Duration } from '../flow-definition.js';
import { addBusinessDays } from '../../calendar/add-business-days.js';
import { instantToZonedDate, zonedDateTimeToInstant } from '../../calendar/zoned-time.js';
import type { NodeContext, NodeType } from '../node-type.js';
import { both, durationSchema, jsonLogicSchema, MAIN_IN, MAIN_OUT, worded } from './node-schemas.js';

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
      duration: worded(durationSchema, { title: both('Wait for', '等待时长') }),
      date: worded(jsonLogicSchema, {
        title: both('Until the date', '等到日期'),
        description: both('A date from the data (a date field of the form, or a formula giving one).', '来自数据的日期（表单中的日期字段，或算出日期的公式）。'),
      }),
      offset: worded({
        type: 'object',
        properties: {
          amount: worded({ type: 'integer' }, { title: both('Days (negative: before the date)', '天数（负数表示之前）') }),
          unit: worded({ enum: ['days', 'business-days'] }, { title: both('Counted in', '计算方式'), enumTitles: { days: both('calendar days', '自然日'), 'business-days': both('working days', '工作日') } }),
        },
        required: ['amount', 'unit'],
        additionalProperties: false,
      }, { title: both('Shift the date by', '日期偏移') }),
      time: worded({ type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', 'x-expected': both('a time of day such as 09:00', '时刻，例如 09:00') }, {
        title: both('At (time of day)', '时刻'),
        description: both('In the flow’s time zone; 09:00 when empty.', '按流程的时区；不填则为 09:00。'),
      }),
    },
    oneOf: [
      { required: ['duration'], 'x-title': both('Wait for a while', '等待一段时间') },
      { required: ['date'], 'x-title': both('Wait until a date', '等到某个日期') },
    ],
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
