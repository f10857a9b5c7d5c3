import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpStandIn, sendJson } from './http-stand-in.js';

/**
 * DingTalk's custom robot as DingTalk checks it: `access_token` must be the robot's, and with "加签" on,
 * `sign` must equal base64(HMAC-SHA256(secret, timestamp + "\n" + secret)) for a timestamp within an hour
 * of now; otherwise errcode 310000 (as DingTalk answers).
 */
export async function startDingtalkStandIn(accessToken: string, secret: string): Promise<HttpStandIn & { messages: Array<Record<string, unknown>> }> {
  const messages: Array<Record<string, unknown>> = [];
  const standIn = await HttpStandIn.start((req, res) => {
    if (req.method !== 'POST' || req.path !== '/robot/send') return sendJson(res, 404, { errcode: 404, errmsg: 'not found' });
    if (req.query.get('access_token') !== accessToken) return sendJson(res, 200, { errcode: 300001, errmsg: 'token is not exist' });
    const timestamp = Number(req.query.get('timestamp'));
    const given = Buffer.from(req.query.get('sign') ?? '');
    const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > 3_600_000 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return sendJson(res, 200, { errcode: 310000, errmsg: 'sign not match' });
    }
    messages.push(req.json as Record<string, unknown>);
    return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
  });
  return Object.assign(standIn, { messages });
}

/** WeCom's group robot: the `key` is the credential; markdown content over 4096 bytes is refused (errcode 40058). */
export async function startWecomStandIn(key: string): Promise<HttpStandIn & { messages: Array<Record<string, unknown>> }> {
  const messages: Array<Record<string, unknown>> = [];
  const standIn = await HttpStandIn.start((req, res) => {
    if (req.method !== 'POST' || req.path !== '/cgi-bin/webhook/send') return sendJson(res, 404, { errcode: 404, errmsg: 'not found' });
    if (req.query.get('key') !== key) return sendJson(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
    const body = req.json as { msgtype?: string; markdown?: { content?: string } };
    if (body.msgtype === 'markdown' && Buffer.byteLength(body.markdown?.content ?? '') > 4096) {
      return sendJson(res, 200, { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' });
    }
    messages.push(body as Record<string, unknown>);
    return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
  });
  return Object.assign(standIn, { messages });
}

/**
 * A generic SMS gateway: `Authorization: Bearer <apiKey>`, a JSON body with an approved sign name, a known
 * template code and its parameters (no free text), answering `{ code: "OK", bizId }`.
 */
export async function startSmsGatewayStandIn(apiKey: string, approved: { signName: string; templates: string[] }): Promise<HttpStandIn & { sent: Array<Record<string, unknown>> }> {
  const sent: Array<Record<string, unknown>> = [];
  const standIn = await HttpStandIn.start((req, res) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendJson(res, 401, { code: 'Unauthorized' });
    if (req.method === 'GET') return sendJson(res, 200, { service: 'sms' });
    const body = req.json as { phone?: string; sign?: string; template?: string; params?: Record<string, string> };
    if (body.sign !== approved.signName) return sendJson(res, 400, { code: 'SignatureInvalid', message: 'sign name not approved' });
    if (!body.template || !approved.templates.includes(body.template)) return sendJson(res, 400, { code: 'TemplateInvalid', message: 'template not approved' });
    sent.push(body as Record<string, unknown>);
    return sendJson(res, 200, { code: 'OK', bizId: `biz-${sent.length}` });
  });
  return Object.assign(standIn, { sent });
}
