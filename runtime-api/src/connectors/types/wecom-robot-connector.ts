import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import { truncateUtf8 } from '../text-templates.js';
import { engineConfigSchema } from './engine-config-schema.js';
import { linkLabelOf, messageParamsSchema, TEST_MESSAGE, type MessageParams } from './message-params.js';
import { robotResult } from './robot-reply.js';

export interface WecomRobotConfig {
  baseUrl?: string;
  allowHosts?: string[];
  timeoutMs?: number;
  messageType?: 'markdown' | 'text';
}

type Ctx = ActionContext<WecomRobotConfig>;
export const WECOM_DEFAULT_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';
/** WeCom's limits, in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
const WECOM_TEXT_MAX_BYTES = 2048;
// 45009: the robot sent more than 20 messages this minute.
const THROTTLED: Record<number, number> = { 45009: 60_000 };

function sendUrl(ctx: Ctx): string {
  const key = ctx.connector.secret('key');
  if (!key) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: 'the secret "key" is not set' });
  const url = new URL(ctx.connector.config.baseUrl ?? WECOM_DEFAULT_URL);
  url.searchParams.set('key', key);
  return url.toString();
}

function message(params: MessageParams, config: WecomRobotConfig): Record<string, unknown> {
  if ((config.messageType ?? 'markdown') === 'text') {
    const content = [params.title, params.body, params.link].filter(Boolean).join('\n');
    return { msgtype: 'text', text: { content: truncateUtf8(content, WECOM_TEXT_MAX_BYTES), ...(params.address ? { mentioned_list: [params.address] } : {}) } };
  }
  // The mention and the link go first in the budget: they are what makes the message actionable.
  const tail = `${params.link ? `\n[${linkLabelOf(params)}](${params.link})` : ''}${params.address ? `\n<@${params.address}>` : ''}`;
  const head = `**${params.title}**${params.body ? `\n${params.body}` : ''}`;
  const content = truncateUtf8(head, WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(tail)) + tail;
  return { msgtype: 'markdown', markdown: { content } };
}

async function post(ctx: Ctx, payload: Record<string, unknown>, note: string): Promise<ActionResult> {
  const exchange = await ctx.http.request({ method: 'POST', url: sendUrl(ctx), json: payload });
  return robotResult(exchange, ctx.now, THROTTLED, note);
}

const sendMessage: ActionType<MessageParams, WecomRobotConfig> = {
  type: 'sendMessage',
  version: '1.0.0',
  label: { en: 'Post to the WeCom group', 'zh-CN': '发送到企业微信群' },
  paramsSchema: messageParamsSchema,
  run: (params, ctx) => post(ctx, message(params, ctx.connector.config), `posted to WeCom${params.address ? ` mentioning ${params.address}` : ''}`),
};

export const wecomRobotConnector: ConnectorType<WecomRobotConfig> = {
  type: 'wecom-robot',
  version: '1.0.0',
  label: { en: 'WeCom group robot', 'zh-CN': '企业微信群机器人' },
  description: {
    en: 'Posts markdown (at most 4096 bytes) or text messages to a WeCom group through its robot, mentioning the recipient.',
    'zh-CN': '通过群机器人向企业微信群发送 Markdown（最多 4096 字节）或文本消息，并 @ 接收人。',
  },
  configSchema: engineConfigSchema('wecom-robot'),
  secrets: [{ name: 'key', required: true, description: { en: 'The robot\'s key from its webhook URL.', 'zh-CN': '机器人 Webhook 地址中的 key。' } }],
  channel: { channel: 'wecom' },
  actions: { sendMessage: sendMessage as ActionType<never, WecomRobotConfig> },
  test: (ctx) => post(ctx, { msgtype: 'text', text: { content: `${TEST_MESSAGE.title}\n${TEST_MESSAGE.body}` } }, 'test message posted'),
};
