import { validateExpression, type JsonLogic } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import { resultOfExchange } from '../http/http-outcome.js';
import { templateIssues } from '../json-template.js';
import { engineConfigSchema } from '../types/engine-config-schema.js';
import { isSigningSecret, signWebhook } from './webhook-signature.js';

export interface InboundConfig {
  action: 'start-flow' | 'upsert-record';
  flow?: string;
  form?: string;
  match?: JsonLogic;
  map: JsonLogic;
  idField?: string;
  /** upsert-record: the directory user the hook writes as (their roles must satisfy the form's writers). */
  actAs?: string;
}

export interface WebhookConfig {
  baseUrl?: string;
  allowHosts?: string[];
  timeoutMs?: number;
  direction?: 'out' | 'in' | 'both';
  events?: string[];
  toleranceSeconds?: number;
  inbound?: InboundConfig;
}

export const WEBHOOK_SECRET = 'signingSecret';

/** `task.*` matches task.completed; `*` alone matches every event; otherwise names match exactly. */
export function eventMatches(patterns: readonly string[] | undefined, type: string): boolean {
  if (patterns === undefined) return true;
  return patterns.some((pattern) => {
    if (pattern === '*' || pattern === '**') return true;
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*');
    return new RegExp(`^${source}$`).test(type);
  });
}

export function sendsOut(config: WebhookConfig): boolean {
  return (config.direction ?? 'out') !== 'in';
}

/** A CloudEvents 1.0 structured-mode JSON event. */
export function cloudEvent(
  ctx: ActionContext<WebhookConfig>,
  type: string,
  data: unknown,
  extra: { subject?: string; time?: string } = {},
): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: ctx.idempotencyKey,
    source: ctx.publicUrl ?? 'urn:baton:runtime',
    type,
    time: extra.time ?? ctx.now.toISOString(),
    ...(extra.subject ? { subject: extra.subject } : {}),
    datacontenttype: 'application/json',
    data,
  };
}

/** Posts a signed CloudEvent: `webhook-id` is the effect's key, so it is the same on every retry. */
async function postEvent(ctx: ActionContext<WebhookConfig>, event: Record<string, unknown>): Promise<ActionResult> {
  const config = ctx.connector.config;
  if (!sendsOut(config) || !config.baseUrl) {
    throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: 'it receives webhooks only (direction "in" or no baseUrl); set direction "out" or "both" and a baseUrl to send' });
  }
  const secret = ctx.connector.secret(WEBHOOK_SECRET);
  if (!secret) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: `the secret "${WEBHOOK_SECRET}" is not set` });
  const body = JSON.stringify(event);
  const timestamp = Math.floor(ctx.now.getTime() / 1000);
  const exchange = await ctx.http.request({
    method: 'POST',
    url: '',
    body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'webhook-id': ctx.idempotencyKey,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, ctx.idempotencyKey, timestamp, body),
    },
  });
  return resultOfExchange(exchange, ctx.now, { note: `${String(event.type)} delivered as ${ctx.idempotencyKey}` });
}

interface DeliverEventParams {
  event: { type: string; at?: string; instanceId?: string; recordId?: string } & Record<string, unknown>;
}

const deliverEvent: ActionType<DeliverEventParams, WebhookConfig> = {
  type: 'deliverEvent',
  version: '1.0.0',
  label: { en: 'Deliver a domain event', 'zh-CN': '投递领域事件' },
  paramsSchema: {
    type: 'object',
    properties: { event: { type: 'object', properties: { type: { type: 'string', minLength: 1 } }, required: ['type'] } },
    required: ['event'],
  },
  async run(params, ctx) {
    const { event } = params;
    const subject = event.instanceId ?? event.recordId;
    // The delivery log says which event about what, delivered or not ("record.updated cust-1").
    const logged = subject ? `${event.type} ${subject}` : event.type;
    if (!eventMatches(ctx.connector.config.events, event.type)) {
      return { status: 'ok', skipped: true, subject: logged, note: `${event.type} is no longer among this subscription's events; nothing sent` };
    }
    const result = await postEvent(ctx, cloudEvent(ctx, `dev.baton.${event.type}`, event, { ...(subject ? { subject } : {}), ...(event.at ? { time: event.at } : {}) }));
    return { ...result, subject: logged };
  },
};

interface SendParams {
  type: string;
  data?: Record<string, unknown>;
  subject?: string;
}

const send: ActionType<SendParams, WebhookConfig> = {
  type: 'send',
  version: '1.0.0',
  label: { en: 'Send an event', 'zh-CN': '发送事件' },
  paramsSchema: {
    type: 'object',
    properties: { type: { type: 'string', minLength: 1, maxLength: 200 }, data: { type: 'object' }, subject: { type: 'string' } },
    required: ['type'],
    additionalProperties: false,
  },
  run: (params, ctx) => postEvent(ctx, cloudEvent(ctx, params.type, params.data ?? {}, params.subject ? { subject: params.subject } : {})),
};

function expressionIssues(logic: JsonLogic | undefined, path: string): Array<{ path: string; en: string; 'zh-CN': string }> {
  if (logic === undefined) return [];
  return validateExpression(logic, path, 'en').map((i) => ({ path: i.path, en: i.messages.en, 'zh-CN': i.messages['zh-CN'] }));
}

export const webhookConnector: ConnectorType<WebhookConfig> = {
  type: 'webhook',
  version: '1.0.0',
  label: { en: 'Webhook (Standard Webhooks, CloudEvents)', 'zh-CN': 'Webhook（Standard Webhooks 签名，CloudEvents 格式）' },
  description: {
    en: 'Posts signed CloudEvents for the domain events it subscribes to, and accepts signed webhooks at /api/hooks/<key> that start a flow or write a record.',
    'zh-CN': '为订阅的领域事件推送带签名的 CloudEvents，并在 /api/hooks/<键> 接收带签名的 Webhook，用于发起流程或写入记录。',
  },
  configSchema: engineConfigSchema('webhook'),
  secrets: [
    {
      name: WEBHOOK_SECRET,
      required: true,
      description: { en: 'The shared signing secret, "whsec_" + base64 of 24–64 random bytes.', 'zh-CN': '共享签名密钥，格式为 "whsec_" + 24–64 个随机字节的 base64。' },
    },
  ],
  checkSecret(name, value) {
    if (name === WEBHOOK_SECRET && !isSigningSecret(value)) {
      return {
        en: 'A signing secret is "whsec_" followed by base64 of 24 to 64 random bytes, e.g. whsec_$(openssl rand -base64 32).',
        'zh-CN': '签名密钥应为 "whsec_" 加 24 到 64 个随机字节的 base64，例如 whsec_$(openssl rand -base64 32)。',
      };
    }
    return undefined;
  },
  actions: { deliverEvent: deliverEvent as ActionType<never, WebhookConfig>, send: send as ActionType<never, WebhookConfig> },
  checkConfig(config) {
    const out: Array<{ path: string; en: string; 'zh-CN': string }> = [];
    const direction = config.direction ?? 'out';
    if (direction !== 'in' && !config.baseUrl) {
      out.push({ path: '/config/baseUrl', en: 'An outgoing webhook needs baseUrl: the receiver\'s URL.', 'zh-CN': '发送 Webhook 需要 baseUrl：接收方的地址。' });
    }
    if (direction !== 'out' && !config.inbound) {
      out.push({ path: '/config/inbound', en: 'An incoming webhook needs inbound: what an accepted call does (start-flow or upsert-record).', 'zh-CN': '接收 Webhook 需要 inbound：接受调用后执行的操作（start-flow 或 upsert-record）。' });
    }
    out.push(...expressionIssues(config.inbound?.match, '/config/inbound/match'));
    if (config.inbound) out.push(...templateIssues(config.inbound.map, '/config/inbound/map').map((i) => ({ path: i.path, en: i.messages.en, 'zh-CN': i.messages['zh-CN'] })));
    return out;
  },
  async test(ctx) {
    if (!sendsOut(ctx.connector.config)) {
      const url = ctx.publicUrl ? `${ctx.publicUrl}/api/hooks/${ctx.connector.key}` : `/api/hooks/${ctx.connector.key}`;
      return { status: 'ok', note: `incoming only: senders post signed requests to ${url}` };
    }
    return postEvent(ctx, cloudEvent(ctx, 'dev.baton.connector.test', { test: true, id: randomUUID() }));
  },
};
