import type { JsonLogic } from '@baton/engine';
import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import { resultOfExchange } from '../http/http-outcome.js';
import { evaluateTemplate, templateIssues } from '../json-template.js';
import { fillHeaders, secretScope } from '../text-templates.js';
import { engineConfigSchema } from './engine-config-schema.js';
import { messageParamsSchema, type MessageParams } from './message-params.js';

export interface SmsHttpConfig {
  baseUrl: string;
  allowHosts?: string[];
  timeoutMs?: number;
  method?: 'POST' | 'PUT' | 'GET';
  path?: string;
  headers?: Record<string, string>;
  signName: string;
  templates: Record<string, string>;
  body?: JsonLogic;
}

type Ctx = ActionContext<SmsHttpConfig>;

interface SmsParams {
  phone: string;
  /** A key of config.templates. */
  template: string;
  params?: Record<string, string>;
}

/**
 * SMS in China carries no free text: an approved sign name, an approved template code and its parameters.
 * The request body is `{ phone, signName, templateCode, params }` unless config.body (JsonLogic over those
 * plus `secrets`) builds the gateway's own shape; GET sends the same fields as a query string.
 */
async function sendSms(ctx: Ctx, sms: SmsParams): Promise<ActionResult> {
  const config = ctx.connector.config;
  const templateCode = config.templates[sms.template];
  if (templateCode === undefined) throw new ConnectorFailure('BATON_E_MESSAGE_NO_TEMPLATE', { template: sms.template });
  const fields = { phone: sms.phone, signName: config.signName, templateCode, params: sms.params ?? {} };
  let body: unknown = fields;
  if (config.body !== undefined) {
    try {
      body = evaluateTemplate(config.body, { ...secretScope(ctx.connector, {}), ...fields }, { now: ctx.now.toISOString() });
    } catch (err) {
      throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: `config.body could not be evaluated (${(err as Error).message})` });
    }
  }
  const method = config.method ?? 'POST';
  const headers = fillHeaders(ctx.connector, config.headers, {});
  const path = config.path ?? '';
  let url = path;
  if (method === 'GET') {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      query.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    url = `${path}${path.includes('?') ? '&' : '?'}${query.toString()}`;
  }
  const exchange = await ctx.http.request({ method, url, headers, ...(method === 'GET' ? {} : { json: body }) });
  return resultOfExchange(exchange, ctx.now, { note: `SMS ${templateCode} handed to the gateway` });
}

const sendSmsAction: ActionType<SmsParams, SmsHttpConfig> = {
  type: 'sendSms',
  version: '1.0.0',
  label: { en: 'Send a template SMS', 'zh-CN': '发送模板短信' },
  paramsSchema: {
    type: 'object',
    properties: {
      phone: { type: 'string', pattern: '^\\+?[0-9 -]{5,20}$' },
      template: { type: 'string', minLength: 1 },
      params: { type: 'object', additionalProperties: { type: 'string' } },
    },
    required: ['phone', 'template'],
    additionalProperties: false,
  },
  run: (params, ctx) => sendSms(ctx, params),
};

/** A notification as SMS: template `message.template` (or "default") with `title`, `link` and the effect's data as parameters. */
const sendMessage: ActionType<MessageParams, SmsHttpConfig> = {
  type: 'sendMessage',
  version: '1.0.0',
  label: { en: 'Send a notification by SMS', 'zh-CN': '以短信发送通知' },
  paramsSchema: messageParamsSchema,
  async run(params, ctx) {
    if (!params.address) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: 'a message needs the mobile number in "address"' });
    const values: Record<string, string> = { title: params.title, ...(params.link ? { link: params.link } : {}), ...params.data };
    return sendSms(ctx, { phone: params.address, template: params.template ?? 'default', params: values });
  },
};

export const smsHttpConnector: ConnectorType<SmsHttpConfig> = {
  type: 'sms-http',
  version: '1.0.0',
  label: { en: 'SMS through an HTTP gateway', 'zh-CN': '短信（HTTP 网关）' },
  description: {
    en: 'Sends template SMS (approved sign name + template code + parameters) through a generic HTTP gateway; credentials go in headers or body as {{secrets.<name>}}.',
    'zh-CN': '通过通用 HTTP 短信网关发送模板短信（审核通过的签名 + 模板编号 + 参数）；凭据以 {{secrets.<名称>}} 写入请求头或请求体。',
  },
  configSchema: engineConfigSchema('sms-http'),
  secrets: [],
  anySecrets: true,
  channel: { channel: 'sms' },
  actions: { sendSms: sendSmsAction as ActionType<never, SmsHttpConfig>, sendMessage: sendMessage as ActionType<never, SmsHttpConfig> },
  checkConfig(config) {
    if (config.body === undefined) return [];
    return templateIssues(config.body, '/config/body').map((i) => ({ path: i.path, en: i.messages.en, 'zh-CN': i.messages['zh-CN'] }));
  },
  async test(ctx) {
    // Sending a real SMS costs money and needs a number: the test only checks the gateway answers.
    const exchange = await ctx.http.request({ method: 'GET', url: '', headers: fillHeaders(ctx.connector, ctx.connector.config.headers, {}) });
    if (exchange.status < 500 && exchange.status !== 410 && (exchange.status < 300 || exchange.status >= 400)) {
      return { status: 'ok', log: exchange.log, note: `gateway answered ${exchange.status} (no SMS was sent)` };
    }
    return resultOfExchange(exchange, ctx.now);
  },
};
