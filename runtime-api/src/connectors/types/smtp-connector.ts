import type { LocalizedText } from '@baton/engine';
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ConnectorFailure } from '../connector-failure.js';
import type { ActionContext, ActionResult, ActionType, ConnectorType } from '../connector-type.js';
import { failureResult } from '../http/http-outcome.js';
import { pinHost } from '../http/ssrf-guard.js';
import { engineConfigSchema } from './engine-config-schema.js';
import { linkLabelOf, messageParamsSchema, TEST_MESSAGE, type MessageParams } from './message-params.js';

export interface SmtpConfig {
  host: string;
  port: number;
  secure?: boolean;
  from: string;
  fromName?: LocalizedText;
  replyTo?: string;
  allowHosts?: string[];
  timeoutMs?: number;
}

type Ctx = ActionContext<SmtpConfig>;

interface EmailParams {
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale?: 'en' | 'zh-CN';
}

// Connection, DNS and socket trouble and SMTP 4xx replies are transient; 5xx replies and bad credentials are not.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function senderName(config: SmtpConfig, locale: 'en' | 'zh-CN'): string | undefined {
  const name = config.fromName;
  if (name === undefined) return undefined;
  return typeof name === 'string' ? name : (name[locale] ?? name.en);
}

/** Connects to the address the SSRF guard checked, while TLS still verifies the configured host name. */
async function transport(ctx: Ctx) {
  const config = ctx.connector.config;
  const pinned = await pinHost(config.host, config.allowHosts, ctx.resolveHost);
  const username = ctx.connector.secret('username');
  const password = ctx.connector.secret('password');
  const timeout = config.timeoutMs ?? 10_000;
  return nodemailer.createTransport({
    host: pinned.address,
    port: config.port,
    secure: config.secure ?? config.port === 465,
    tls: { servername: pinned.hostname },
    ...(username ? { auth: { user: username, pass: password ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
}

function smtpFailure(err: unknown): ActionResult {
  if (err instanceof ConnectorFailure) return failureResult(err);
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = `${e.code ?? 'SMTP'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.response ?? e.message ?? String(err)}`;
  const transient = (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) || (e.responseCode === undefined && TRANSIENT_CODES.has(e.code ?? ''));
  if (transient) return failureResult(new ConnectorFailure('BATON_E_PEER_UNAVAILABLE', { detail }, { retry: true }));
  return failureResult(new ConnectorFailure('BATON_E_PEER_REJECTED', { status: e.responseCode ?? e.code ?? 'error', detail }));
}

/** One message; the Message-ID comes from the effect's key, so a redelivered e-mail can be recognised downstream. */
async function sendEmail(ctx: Ctx, email: EmailParams): Promise<ActionResult> {
  const config = ctx.connector.config;
  const name = senderName(config, email.locale ?? 'zh-CN');
  const messageId = `<${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 32)}@baton>`;
  const started = performance.now();
  const log = {
    request: { method: 'SMTP', url: `smtp://${config.host}:${config.port}`, body: { from: config.from, to: email.to, subject: email.subject, messageId } },
  };
  try {
    const mailer = await transport(ctx);
    const info = await mailer.sendMail({
      from: name ? { name, address: config.from } : config.from,
      to: email.to,
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      subject: email.subject,
      text: email.text,
      ...(email.html ? { html: email.html } : {}),
      messageId,
      headers: { 'X-Baton-Idempotency-Key': ctx.idempotencyKey },
    });
    mailer.close();
    const durationMs = Math.round(performance.now() - started);
    return { status: 'ok', note: `accepted by ${config.host}`, log: { ...log, response: { body: String(info.response ?? '') }, durationMs } };
  } catch (err) {
    const result = smtpFailure(err);
    return { ...result, log: { ...log, durationMs: Math.round(performance.now() - started) } };
  }
}

const sendEmailAction: ActionType<EmailParams, SmtpConfig> = {
  type: 'sendEmail',
  version: '1.0.0',
  label: { en: 'Send an e-mail', 'zh-CN': '发送邮件' },
  paramsSchema: {
    type: 'object',
    properties: {
      to: { type: 'string', format: 'email' },
      subject: { type: 'string', minLength: 1, maxLength: 500 },
      text: { type: 'string' },
      html: { type: 'string' },
      locale: { enum: ['en', 'zh-CN'] },
    },
    required: ['to', 'subject', 'text'],
    additionalProperties: false,
  },
  run: (params, ctx) => sendEmail(ctx, params),
};

const sendMessage: ActionType<MessageParams, SmtpConfig> = {
  type: 'sendMessage',
  version: '1.0.0',
  label: { en: 'Send a notification by e-mail', 'zh-CN': '以邮件发送通知' },
  paramsSchema: messageParamsSchema,
  async run(params, ctx) {
    if (!params.address) throw new ConnectorFailure('BATON_E_CONNECTOR_MISCONFIGURED', { key: ctx.connector.key, detail: 'a message needs the e-mail address in "address"' });
    const label = linkLabelOf(params);
    const text = [params.body ?? '', params.link ? `${label}: ${params.link}` : ''].filter(Boolean).join('\n\n');
    const paragraphs = (params.body ?? '').split(/\n{2,}/).filter(Boolean).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
    const link = params.link ? `<p><a href="${escapeHtml(params.link)}">${escapeHtml(label)}</a></p>` : '';
    const html = `<!doctype html><html><body><h3>${escapeHtml(params.title)}</h3>${paragraphs.join('')}${link}</body></html>`;
    return sendEmail(ctx, { to: params.address, subject: params.title, text: text || params.title, html, ...(params.locale ? { locale: params.locale } : {}) });
  },
};

export const smtpConnector: ConnectorType<SmtpConfig> = {
  type: 'smtp',
  version: '1.0.0',
  label: { en: 'E-mail (SMTP)', 'zh-CN': '电子邮件（SMTP）' },
  description: {
    en: 'Sends e-mail through an SMTP server (nodemailer): TLS on 465, STARTTLS otherwise; the connection goes to the address the SSRF guard checked.',
    'zh-CN': '通过 SMTP 服务器发送邮件（nodemailer）：465 端口使用 TLS，其余使用 STARTTLS；连接只发往经 SSRF 防护检查过的地址。',
  },
  configSchema: engineConfigSchema('smtp'),
  secrets: [
    { name: 'username', required: false, description: { en: 'SMTP user name, when the server wants a login.', 'zh-CN': 'SMTP 用户名（服务器要求登录时）。' } },
    { name: 'password', required: false, description: { en: 'SMTP password or app password.', 'zh-CN': 'SMTP 密码或授权码。' } },
  ],
  channel: { channel: 'email' },
  actions: { sendEmail: sendEmailAction as ActionType<never, SmtpConfig>, sendMessage: sendMessage as ActionType<never, SmtpConfig> },
  async test(ctx) {
    try {
      const mailer = await transport(ctx);
      await mailer.verify();
      mailer.close();
      return { status: 'ok', note: `${ctx.connector.config.host} accepted the connection${ctx.connector.secret('username') ? ' and the login' : ''} (${TEST_MESSAGE.title}; no e-mail was sent)` };
    } catch (err) {
      return smtpFailure(err);
    }
  },
};
