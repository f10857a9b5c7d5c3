import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase, testConfig } from '../harness/for-each-database.js';
import type { HttpStandIn } from '../stand-ins/http-stand-in.js';
import { startDingtalkStandIn, startSmsGatewayStandIn, startWecomStandIn } from '../stand-ins/robot-stand-ins.js';
import { SmtpStandIn } from '../stand-ins/smtp-stand-in.js';
import { exitFlow, exitForm, notifyRule } from '../api/fixtures/exit-flow.js';
import { drain, enqueue, LOOPBACK, makeDue, outboxRow, publish, putConnector } from './connector-test-kit.js';

type Json = Record<string, any>;
type Robot = HttpStandIn & { messages: Array<Record<string, any>> };

const people = {
  users: [
    { id: 'emp', name: 'Zhang San', email: 'zhang.san@example.com', mobile: '+86 138 0000 0001', roles: [], attributes: { dingtalk: 'dt-emp', wecom: 'wc-emp', locale: 'en' } },
    { id: 'mgr', name: 'Li Si', email: 'li.si@example.com', mobile: '+86 138 0000 0002', roles: [], attributes: { dingtalk: 'dt-mgr', notifyChannels: ['inbox', 'email'] } },
    { id: 'hr1', name: 'Wang HR', mobile: '+86 138 0000 0003', roles: ['hr'], attributes: { dingtalk: 'dt-hr1' } },
    { id: 'gone', name: 'Left Already', email: 'gone@example.com', roles: [], active: false },
  ],
};
const base = testConfig();

forEachDatabase('notify: the inbox always, then the person\'s channels (DingTalk, WeCom, SMS, e-mail)', (ctx) => {
  let dingtalk: Robot;
  let wecom: Robot;
  let sms: HttpStandIn & { sent: Array<Record<string, any>> };
  let smtp: SmtpStandIn;

  beforeAll(async () => {
    dingtalk = await startDingtalkStandIn('dt-token', 'SEC-dingtalk-signing-secret');
    wecom = await startWecomStandIn('wc-key');
    sms = await startSmsGatewayStandIn('sms-api-key', { signName: 'Baton', templates: ['SMS_001'] });
    smtp = await SmtpStandIn.start('mailer', 'mail-pass');
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: people })).statusCode).toBe(200);
    await putConnector(ctx(), 'dingtalk', { type: 'dingtalk-robot', config: { baseUrl: `${dingtalk.url}/robot/send`, allowHosts: LOOPBACK }, secrets: { accessToken: 'dt-token', signingSecret: 'SEC-dingtalk-signing-secret' } });
    await putConnector(ctx(), 'wecom', { type: 'wecom-robot', config: { baseUrl: `${wecom.url}/cgi-bin/webhook/send`, allowHosts: LOOPBACK }, secrets: { key: 'wc-key' } });
    await putConnector(ctx(), 'sms', {
      type: 'sms-http',
      config: {
        baseUrl: sms.url, allowHosts: LOOPBACK, path: '/v1/sms', headers: { Authorization: 'Bearer {{secrets.apiKey}}' }, signName: 'Baton', templates: { default: 'SMS_001' },
        body: { phone: { var: 'phone' }, sign: { var: 'signName' }, template: { var: 'templateCode' }, params: { var: 'params' } },
      },
      secrets: { apiKey: 'sms-api-key' },
    });
    await putConnector(ctx(), 'mail', { type: 'smtp', config: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'baton@example.com', fromName: { en: 'Baton', 'zh-CN': 'Baton 离职助手' }, allowHosts: LOOPBACK }, secrets: { username: 'mailer', password: 'mail-pass' } });
  });
  afterAll(async () => {
    for (const s of [dingtalk, wecom, sms]) await s?.close();
    await smtp?.close();
  });

  it('passes each connector\'s own test against its stand-in', async () => {
    for (const key of ['dingtalk', 'wecom', 'sms', 'mail']) {
      const res = (await ctx().call({ method: 'POST', url: `/api/connectors/${key}/test` })).json();
      expect(res, key).toMatchObject({ ok: true, status: 'delivered' });
    }
    expect(dingtalk.messages.at(-1)).toMatchObject({ msgtype: 'text' });
    expect(wecom.messages.at(-1)).toMatchObject({ msgtype: 'text' });
  });

  it('writes every recipient\'s inbox and sends on the channels their profile and the org allow, in their language', async () => {
    await enqueue(ctx(), [{
      type: 'notify', key: 'n-1', to: ['emp', 'mgr', 'hr1', 'gone', 'nobody'],
      title: { en: 'Return the laptop of {name}', 'zh-CN': '请收回 {name} 的笔记本电脑' },
      body: { en: 'Before the last working day.', 'zh-CN': '请在最后工作日之前完成。' },
      data: { name: 'Zhang San' }, link: { taskId: 't-1' },
    }]);
    const report = await drain(ctx());
    expect(report.deliveries.dead).toBe(0);
    const inbox = (await sql<Json>`select user_id from notifications where effect_key = 'n-1' order by user_id`.execute(ctx().database.db)).rows.map((r) => r.user_id);
    expect(inbox).toEqual(['emp', 'gone', 'hr1', 'mgr', 'nobody']);

    const sends = (await sql<Json>`select idempotency_key, status from outbox where idempotency_key like 'n-1/%' order by idempotency_key`.execute(ctx().database.db)).rows;
    expect(sends.map((s) => `${s.idempotency_key}:${s.status}`)).toEqual([
      'n-1/emp/dingtalk:delivered', 'n-1/emp/mail:delivered', 'n-1/emp/wecom:delivered', 'n-1/hr1/dingtalk:delivered', 'n-1/mgr/mail:delivered',
    ]);
    const link = 'https://baton.example.com/tasks/t-1';
    const dtEmp = dingtalk.messages.find((m) => m.at?.atUserIds?.[0] === 'dt-emp')!;
    expect(dtEmp).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Return the laptop of Zhang San' } });
    expect(dtEmp.markdown.text).toContain(`[Open in Baton](${link})`);
    expect(dtEmp.markdown.text).toContain('@dt-emp');
    expect(dingtalk.messages.find((m) => m.at?.atUserIds?.[0] === 'dt-hr1')!.markdown.text).toContain('请收回 Zhang San 的笔记本电脑');
    expect(wecom.messages.at(-1)!.markdown.content).toBe(`**Return the laptop of Zhang San**\nBefore the last working day.\n[Open in Baton](${link})\n<@wc-emp>`);
    const mails = smtp.received.filter((m) => m.raw.includes('X-Baton-Idempotency-Key: n-1/'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['li.si@example.com', 'zhang.san@example.com']);
    const enMail = mails.find((m) => m.to[0] === 'zhang.san@example.com')!.raw;
    expect(enMail).toContain('Subject: Return the laptop of Zhang San');
    expect(enMail).toContain(link);
    expect(enMail).toMatch(/Message-ID: <[0-9a-f]{32}@baton>/i);
    // SMS is not among the org's default channels here (it costs money): nobody was texted.
    expect(sms.sent).toHaveLength(0);
  });

  it('lets people read and clear their own inbox only, in their language, with links under BATON_PUBLIC_URL', async () => {
    const emp = await ctx().tokenFor('emp', []);
    const mgr = await ctx().tokenFor('mgr', []);
    const list = (await ctx().call({ method: 'GET', url: '/api/notifications?unread=true', token: emp })).json();
    expect(list).toMatchObject({ unread: 1, items: [{ title: 'Return the laptop of Zhang San', body: 'Before the last working day.', link: { taskId: 't-1', url: 'https://baton.example.com/tasks/t-1' }, readAt: null }] });
    const zh = (await ctx().call({ method: 'GET', url: '/api/notifications', token: emp, headers: { 'accept-language': 'zh-CN', host: 'evil.example' } })).json();
    expect(zh.items[0]).toMatchObject({ title: '请收回 Zhang San 的笔记本电脑', link: { url: 'https://baton.example.com/tasks/t-1' } });
    const id = list.items[0].id;
    expect((await ctx().call({ method: 'POST', url: `/api/notifications/${id}/read`, token: mgr })).statusCode).toBe(404);
    const read = await ctx().call({ method: 'POST', url: `/api/notifications/${id}/read`, token: emp });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await ctx().call({ method: 'GET', url: '/api/notifications?unread=true', token: emp })).json()).toMatchObject({ unread: 0, items: [] });
    expect((await ctx().call({ method: 'POST', url: '/api/notifications/read-all', token: mgr })).json()).toEqual({ updated: 1 });
  });

  it('writes nothing twice when a notify effect is delivered again', async () => {
    await sql`update outbox set status = 'pending', next_attempt_at = now() where idempotency_key = 'n-1'`.execute(ctx().database.db);
    const before = { dt: dingtalk.messages.length, mails: smtp.received.length };
    await drain(ctx());
    expect((await sql<Json>`select count(*)::int as n from notifications where effect_key = 'n-1'`.execute(ctx().database.db)).rows[0]!.n).toBe(5);
    expect(dingtalk.messages.length).toBe(before.dt);
    expect(smtp.received.length).toBe(before.mails);
  });

  it('texts by template when asked for SMS, and keeps WeCom markdown within 4096 bytes', async () => {
    await enqueue(ctx(), [
      { type: 'notify', key: 'n-2', to: ['hr1'], channels: ['sms'], title: { en: 'Exit of {name}', 'zh-CN': '{name} 离职' }, data: { name: 'Zhang San' }, link: { instanceId: 'i-9' } },
      { type: 'notify', key: 'n-3', to: ['emp'], channels: ['wecom'], title: 'Long', body: '离'.repeat(5000) },
    ]);
    await drain(ctx());
    expect(sms.sent).toEqual([{ phone: '+86 138 0000 0003', sign: 'Baton', template: 'SMS_001', params: { title: 'Zhang San 离职', link: 'https://baton.example.com/instances/i-9', name: 'Zhang San' } }]);
    const long = wecom.messages.at(-1)!.markdown.content as string;
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(4096);
    expect(long.endsWith('…\n<@wc-emp>')).toBe(true);
    expect((await outboxRow(ctx(), 'n-3/emp/wecom')).status).toBe('delivered');
  });

  it('fails safely: a wrong DingTalk signature is a dead letter saying why; SMTP 4xx is retried and 5xx is not', async () => {
    await putConnector(ctx(), 'dingtalk-bad', { type: 'dingtalk-robot', config: { baseUrl: `${dingtalk.url}/robot/send`, allowHosts: LOOPBACK }, secrets: { accessToken: 'dt-token', signingSecret: 'SEC-wrong' } });
    const message = { title: 'x', address: 'dt-emp' };
    await enqueue(ctx(), [{ type: 'invoke', key: 'dt-bad', connector: 'dingtalk-bad', action: 'sendMessage', params: message }]);
    smtp.rejectWith = { code: 451, message: 'Try again later' };
    await enqueue(ctx(), [{ type: 'invoke', key: 'mail-451', connector: 'mail', action: 'sendEmail', params: { to: 'li.si@example.com', subject: 'Hi', text: 'x' } }]);
    await drain(ctx());
    expect((await outboxRow(ctx(), 'dt-bad')).status).toBe('dead');
    expect((await outboxRow(ctx(), 'dt-bad')).last_error).toContain('error 310000: sign not match');
    expect((await outboxRow(ctx(), 'mail-451')).status).toBe('pending');
    smtp.rejectWith = { code: 550, message: 'No such mailbox' };
    await makeDue(ctx());
    await drain(ctx());
    const bounced = await outboxRow(ctx(), 'mail-451');
    expect(bounced.status).toBe('dead');
    expect(bounced.last_error).toContain('550');
    smtp.rejectWith = null;
  });

  it('runs end to end: a flow start fires a rule, the rule\'s notify reaches HR\'s inbox and DingTalk', async () => {
    for (const def of [exitForm, exitFlow, notifyRule]) await publish(ctx(), def);
    const emp = await ctx().tokenFor('emp', []);
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-09-30' } }, token: emp });
    expect(started.statusCode, started.body).toBe(201);
    await drain(ctx());
    const hr = await ctx().tokenFor('hr1', ['hr']);
    const inbox = (await ctx().call({ method: 'GET', url: '/api/notifications', token: hr, headers: { 'accept-language': 'en' } })).json();
    expect(inbox.items[0]).toMatchObject({ title: 'New exit: Zhang San', link: { instanceId: started.json().id } });
    expect(dingtalk.messages.at(-1)!.markdown.text).toContain('新离职：Zhang San');
    expect(dingtalk.messages.at(-1)!.markdown.text).toContain(`https://baton.example.com/instances/${started.json().id}`);
  });
}, { config: { connectors: { ...base.connectors, publicUrl: 'https://baton.example.com', notifyChannels: ['inbox', 'email', 'dingtalk', 'wecom'], notifyLocale: 'zh-CN' } } });
