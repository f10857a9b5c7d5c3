import { createHmac } from 'node:crypto';
import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import { engineConfigSchema } from './engine-config-schema.js';
import { linkLabelOf, looksLikeMobile, messageParamsSchema, TEST_MESSAGE, type MessageParams } from './message-params.js';
import { robotResult } from './robot-reply.js';

export interface DingtalkRobotConfig {
  baseUrl?: string;
  allowHosts?: string[];
  timeoutMs?: number;
  messageType?: 'markdown' | 'actionCard' | 'text';
  atAll?: boolean;
}

type Ctx = ActionContext<DingtalkRobotConfig>;
export const DINGTALK_DEFAULT_URL = 'https://oapi.dingtalk.com/robot/send';
// 130101: more than 20 messages a minute; 90030: the robot is throttled for 10 minutes.
const THROTTLED: Record<number, number> = { 130101: 60_000, 90030: 600_000 };

/** DingTalk's "加签": base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), sent URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

function sendUrl(ctx: Ctx): string {
  const token = ctx.connector.secret('accessToken');
  if (!token) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: 'the secret "accessToken" is not set' });
  const url = new URL(ctx.connector.config.baseUrl ?? DINGTALK_DEFAULT_URL);
  url.searchParams.set('access_token', token);
  const secret = ctx.connector.secret('signingSecret');
  if (secret) {
    // Signed with the delivery's clock; DingTalk accepts an hour either side.
    const timestamp = ctx.now.getTime();
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', dingtalkSign(secret, timestamp));
  }
  return url.toString();
}

function message(params: MessageParams, config: DingtalkRobotConfig): Record<string, unknown> {
  const address = params.address;
  const at = {
    ...(address && looksLikeMobile(address) ? { atMobiles: [address] } : address ? { atUserIds: [address] } : {}),
    isAtAll: config.atAll === true,
  };
  // A mention only notifies when the text itself contains "@<id>".
  const mention = address ? `\n\n@${address}` : '';
  const body = params.body ? `\n\n${params.body}` : '';
  const type = config.messageType ?? 'markdown';
  if (type === 'text') {
    return { msgtype: 'text', text: { content: `${params.title}${body ? `\n${params.body}` : ''}${params.link ? `\n${params.link}` : ''}${mention}` }, at };
  }
  if (type === 'actionCard' && params.link) {
    return { msgtype: 'actionCard', actionCard: { title: params.title, text: `#### ${params.title}${body}${mention}`, singleTitle: linkLabelOf(params), singleURL: params.link }, at };
  }
  const link = params.link ? `\n\n[${linkLabelOf(params)}](${params.link})` : '';
  return { msgtype: 'markdown', markdown: { title: params.title, text: `#### ${params.title}${body}${link}${mention}` }, at };
}

async function post(ctx: Ctx, payload: Record<string, unknown>, note: string): Promise<ActionResult> {
  const exchange = await ctx.http.request({ method: 'POST', url: sendUrl(ctx), json: payload });
  return robotResult(exchange, ctx.now, THROTTLED, note);
}

const sendMessage: ActionType<MessageParams, DingtalkRobotConfig> = {
  type: 'sendMessage',
  version: '1.0.0',
  label: { en: 'Post to the DingTalk group', 'zh-CN': '发送到钉钉群' },
  paramsSchema: messageParamsSchema,
  run: (params, ctx) => post(ctx, message(params, ctx.connector.config), `posted to DingTalk${params.address ? ` mentioning ${params.address}` : ''}`),
};

export const dingtalkRobotConnector: ConnectorType<DingtalkRobotConfig> = {
  type: 'dingtalk-robot',
  version: '1.0.0',
  label: { en: 'DingTalk group robot', 'zh-CN': '钉钉群机器人' },
  description: {
    en: 'Posts markdown, action-card or text messages to a DingTalk group through a custom robot, signed with its secret, mentioning the recipient.',
    'zh-CN': '通过自定义机器人向钉钉群发送 Markdown、ActionCard 或文本消息，使用加签密钥签名，并 @ 接收人。',
  },
  configSchema: engineConfigSchema('dingtalk-robot'),
  secrets: [
    { name: 'accessToken', required: true, description: { en: 'The robot\'s access_token from its webhook URL.', 'zh-CN': '机器人 Webhook 地址中的 access_token。' } },
    { name: 'signingSecret', required: false, description: { en: 'The robot\'s signing secret (SEC…), when "加签" is on.', 'zh-CN': '开启“加签”时机器人的签名密钥（SEC…）。' } },
  ],
  channel: { channel: 'dingtalk' },
  actions: { sendMessage: sendMessage as ActionType<never, DingtalkRobotConfig> },
  test: (ctx) => post(ctx, { msgtype: 'text', text: { content: `${TEST_MESSAGE.title}\n${TEST_MESSAGE.body}` } }, 'test message posted'),
};
