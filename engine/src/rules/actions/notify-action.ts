import type { NotifyEffect } from '../../effects/effect.js';
import type { LocalizedText } from '../../i18n/localized-text.js';
import { assigneeSpecSchema, type AssigneeSpec } from '../assignee-spec.js';
import type { ActionEnv, RuleActionType } from '../trigger-type.js';
import { assigneeFieldRefs, channelsSchema, instanceLink, localizedTextSchema, templatesOf } from './action-helpers.js';

export interface NotifyParams {
  to: AssigneeSpec[];
  /** Connector keys or channel names ("inbox", "email", "dingtalk", "wecom"); the users' defaults when omitted. */
  channels?: string[];
  title: LocalizedText;
  body?: LocalizedText;
}

export const notifyParamsSchema = {
  type: 'object',
  properties: {
    to: { type: 'array', items: assigneeSpecSchema, minItems: 1 },
    channels: channelsSchema,
    title: localizedTextSchema,
    body: localizedTextSchema,
  },
  required: ['to', 'title'],
  additionalProperties: false,
} as const;

/** Builds the notify effect; shared with schedule-reminder, which sends the same message later. */
export function buildNotify(params: NotifyParams, env: ActionEnv, key: string): NotifyEffect {
  const effect: NotifyEffect = { type: 'notify', key, to: env.resolveAssignees(params.to).users, title: env.fill(params.title) };
  if (params.body !== undefined) effect.body = env.fill(params.body);
  if (params.channels) effect.channels = params.channels;
  const link = instanceLink(env);
  if (link) effect.link = link;
  return effect;
}

/** Sends a message to users, roles, departments or people named in the data, on the given channels. */
export const notifyAction: RuleActionType<NotifyParams> = {
  type: 'notify',
  version: '1.0.0',
  paramsSchema: notifyParamsSchema,
  describe: () => ({
    label: { en: 'Send a notification', 'zh-CN': '发送通知' },
    description: {
      en: 'Notifies people by inbox, email, DingTalk or WeCom; title and body may use {placeholders}.',
      'zh-CN': '通过站内信、邮件、钉钉或企业微信通知相关人员；标题和正文可使用 {占位符}。',
    },
    icon: 'bell',
    category: 'message',
  }),
  toEffects: (params, env) => {
    const effect = buildNotify(params, env, env.key);
    return effect.to.length > 0 ? [effect] : [];
  },
  templates: (params) => templatesOf([['title', params.title], ['body', params.body]]),
  fieldRefs: (params) => assigneeFieldRefs(params.to, 'to'),
};
