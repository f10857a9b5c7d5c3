import type { ScheduleTimerEffect } from '../../effects/effect.js';
import { addDuration, durationSchema, type RuleDuration } from '../rule-dates.js';
import type { RuleActionType } from '../trigger-type.js';
import { assigneeFieldRefs, templatesOf } from './action-helpers.js';
import { buildNotify, notifyParamsSchema, type NotifyParams } from './notify-action.js';

export interface ScheduleReminderParams extends NotifyParams {
  /** How long from now; with `at`, day units land on that time of day. */
  after: RuleDuration;
  /** "HH:mm" in the organisation's time zone, for day-based delays. */
  at?: string;
}

/**
 * Sends a notification later: a timer whose payload carries the ready-made notify effect (recipients resolved
 * now, so the reminder goes to the people who were responsible when it was set).
 */
export const scheduleReminderAction: RuleActionType<ScheduleReminderParams> = {
  type: 'schedule-reminder',
  version: '1.0.0',
  paramsSchema: {
    ...notifyParamsSchema,
    properties: {
      ...notifyParamsSchema.properties,
      after: durationSchema,
      at: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    },
    required: ['to', 'title', 'after'],
  },
  describe: () => ({
    label: { en: 'Schedule a reminder', 'zh-CN': '定时提醒' },
    description: {
      en: 'Sends a notification after a delay, e.g. in 2 business days at 09:00.',
      'zh-CN': '在一段时间后发送通知，例如 2 个工作日后的 09:00。',
    },
    icon: 'alarm-clock',
    category: 'message',
  }),
  toEffects: (params, env) => {
    const notify = buildNotify(params, env, `${env.key}:notify`);
    if (notify.to.length === 0) return [];
    const effect: ScheduleTimerEffect = {
      type: 'scheduleTimer',
      key: env.key,
      timerId: env.key,
      dueAt: addDuration(env.ctx.now, params.after, env.ctx, params.at),
      purpose: 'reminder',
      payload: { notify },
    };
    if (env.instanceId) effect.instanceId = env.instanceId;
    return [effect];
  },
  templates: (params) => templatesOf([['title', params.title], ['body', params.body]]),
  fieldRefs: (params) => assigneeFieldRefs(params.to, 'to'),
};
