import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish, putConnector, signingSecret } from './connector-test-kit.js';

// An inbound webhook that writes records writes as the directory user its configuration names
// (inbound.actAs), held to the form's writers exactly as a token holder of POST/PATCH /api/records is; a
// refusal is a 403 with code, path and sentence to the sender and a `dead` receive row the admins see. An id
// that names another form's record, or one another webhook created, is a 409. Every call below is a real
// HTTP request to the listening runtime, signed the Standard Webhooks way.

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const users = [
  { id: 'svc-assets', name: 'Asset sync', roles: ['admin-affairs'] },
  { id: 'svc-plain', name: 'Plain sync', roles: ['engineer'] },
  { id: 'svc-off', name: 'Retired sync', roles: ['admin-affairs'], active: false },
  { id: 'svc-hr', name: 'HR sync', roles: ['hr'] },
];
const assetForm = {
  kind: 'form', key: 'hook-asset', title: t('Asset', '资产'), collection: true, writers: ['admin-affairs'],
  fields: [{ key: 'name', type: 'text', label: t('Name', '名称'), required: true }],
};
const vendorForm = {
  kind: 'form', key: 'hook-supplier', title: t('Supplier', '供应商'), collection: true,
  fields: [{ key: 'name', type: 'text', label: t('Name', '名称'), required: true }],
};
const upsert = (form: string, actAs?: string) => ({
  direction: 'in',
  inbound: { action: 'upsert-record', form, idField: 'id', map: { name: { var: 'name' } }, ...(actAs ? { actAs } : {}) },
});

forEachDatabase('inbound webhook record writes: the acting user must be one of the form\'s writers; ids never cross records', (ctx) => {
  const secret = signingSecret();
  let base = '';
  let seq = 0;

  /** A signed POST /api/hooks/:key over real HTTP; `id` reuses a webhook-id (a sender retrying one message). */
  const sendHook = async (key: string, payload: Json, options: { locale?: string; id?: string } = {}) => {
    const body = JSON.stringify(payload);
    const id = options.id ?? `acc-${(seq += 1)}`;
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${base}/api/hooks/${key}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json', 'accept-language': options.locale ?? 'en',
        'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(secret).sign(id, new Date(ts * 1000), body),
      },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const api = async (method: string, path: string, token: string, payload?: Json) => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const record = (id: string) => ctx().database.db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  const importUsers = async (list: Json[]) => expect((await api('POST', '/api/directory/import', ctx().adminToken, { users: list })).status).toBe(200);

  beforeAll(async () => {
    await ctx().app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(ctx().app.server.address() as AddressInfo).port}`;
    await importUsers(users);
    for (const def of [assetForm, vendorForm]) await publish(ctx(), def);
    const secrets = { signingSecret: secret };
    await putConnector(ctx(), 'assets-in', { type: 'webhook', config: upsert('hook-asset', 'svc-assets'), secrets });
    await putConnector(ctx(), 'assets-cmdb', { type: 'webhook', config: upsert('hook-asset', 'svc-hr'), secrets });
    await putConnector(ctx(), 'assets-plain', { type: 'webhook', config: upsert('hook-asset', 'svc-plain'), secrets });
    await putConnector(ctx(), 'assets-off', { type: 'webhook', config: upsert('hook-asset', 'svc-off'), secrets });
    await putConnector(ctx(), 'suppliers-in', { type: 'webhook', config: upsert('hook-supplier', 'svc-hr'), secrets });
  });

  it('writes as a user among the form\'s writers: created by the hook, audited with the acting user, a delivered receive row', async () => {
    const created = await sendHook('assets-in', { id: 'A-1', name: 'Laptop 1' });
    expect(created).toEqual({ status: 201, body: { status: 'created', recordId: 'A-1' } });
    expect(await record('A-1')).toMatchObject({ form_key: 'hook-asset', created_by: 'hook:assets-in', data: { name: 'Laptop 1' } });
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', 'hook-asset/A-1').execute();
    expect(audit).toEqual([{ actor: 'hook:assets-in', data: expect.objectContaining({ via: 'webhook', as: 'svc-assets' }) }]);
    const view = await api('GET', '/api/connectors/assets-in', ctx().adminToken);
    expect(view.body.lastDelivery).toMatchObject({ action: 'receive', status: 'delivered', error: null });
  });

  it('refuses a user who is not among the form\'s writers with a 403 (code, path, sentence in en and zh-CN), as the API refuses them; a dead receive row shows why', async () => {
    const en = await sendHook('assets-plain', { id: 'A-2', name: 'Laptop 2' }, { id: 'plain-msg' });
    expect(en.status).toBe(403);
    expect(en.body.error).toMatchObject({
      code: 'BATON_E_HOOK_FORBIDDEN',
      path: '/config/inbound/actAs',
      message: 'The incoming webhook "assets-plain" writes as "svc-plain" (inbound.actAs), who may not write records of "hook-asset": an admin must give that user one of the roles admin, designer, hr, admin-affairs, or name a user who has one.',
    });
    const zh = await sendHook('assets-plain', { id: 'A-2', name: 'Laptop 2' }, { locale: 'zh-CN' });
    expect(zh.body.error.message).toBe('接收 Webhook "assets-plain" 以 "svc-plain"（inbound.actAs）的身份写入，但该用户无权写入 "hook-asset" 的记录：请管理员为其授予以下角色之一：admin, designer, hr, admin-affairs，或改为指定拥有这些角色的用户。');
    // The same user with a token is refused by POST /api/records too.
    const viaApi = await api('POST', '/api/records/hook-asset', await ctx().tokenFor('svc-plain', []), { data: { name: 'Laptop 2' } });
    expect(viaApi.status).toBe(403);
    expect(viaApi.body.error.code).toBe('BATON_E_FORBIDDEN');
    expect(await record('A-2')).toBeUndefined();

    // Visible to the admins: the connector's last receive is dead, with the code and the sentence.
    const view = await api('GET', '/api/connectors/assets-plain', ctx().adminToken);
    expect(view.body.lastDelivery).toMatchObject({ action: 'receive', status: 'dead' });
    expect(view.body.lastDelivery.error).toContain('BATON_E_HOOK_FORBIDDEN (HTTP 403)');
    const deliveries = await api('GET', '/api/connectors/assets-plain/deliveries', ctx().adminToken);
    expect(deliveries.body.items.map((d: Json) => [d.idempotencyKey, d.status])).toEqual(expect.arrayContaining([['plain-msg', 'dead']]));

    // Once an admin gives the user a writer role, the sender's retry of the same message goes through:
    // a refused message's webhook-id was not remembered.
    await importUsers([{ ...users[1], roles: ['engineer', 'admin-affairs'] }]);
    const retried = await sendHook('assets-plain', { id: 'A-2', name: 'Laptop 2' }, { id: 'plain-msg' });
    expect(retried).toEqual({ status: 201, body: { status: 'created', recordId: 'A-2' } });
    await importUsers([users[1]!]);
  });

  it('refuses a deactivated acting user, and a hook saved before inbound.actAs existed; actAs is required when saving one', async () => {
    const off = await sendHook('assets-off', { id: 'A-3', name: 'Laptop 3' });
    expect(off.status).toBe(403);
    expect(off.body.error).toMatchObject({ code: 'BATON_E_HOOK_ACTOR_UNKNOWN', path: '/config/inbound/actAs' });

    const unsaved = await api('PUT', '/api/connectors/assets-legacy', ctx().adminToken, { type: 'webhook', config: upsert('hook-asset'), secrets: { signingSecret: secret } });
    expect(unsaved.status).toBe(422);
    expect(unsaved.body.error.code).toBe('BATON_E_CONNECTOR_CONFIG_INVALID');
    expect(unsaved.body.error.issues.map((i: Json) => i.path)).toContain('/config/inbound/actAs');

    // A row written before this rule (no actAs) is refused at call time, not treated as a superuser.
    await ctx().database.db.updateTable('connectors' as never).set({ config: JSON.stringify(upsert('hook-asset')) } as never).where('key' as never, '=', 'assets-off' as never).execute();
    const legacy = await sendHook('assets-off', { id: 'A-3', name: 'Laptop 3' });
    expect(legacy.status).toBe(403);
    expect(legacy.body.error).toMatchObject({ code: 'BATON_E_HOOK_ACTOR_MISSING', path: '/config/inbound/actAs' });
    expect(legacy.body.error.message).toContain('admin, designer, hr, admin-affairs');
    expect(await record('A-3')).toBeUndefined();
  });

  it('answers 409 at the id\'s path when the id names another form\'s record or one another webhook created, changing neither', async () => {
    // Another form's record: the supplier hook names the asset A-1.
    const crossForm = await sendHook('suppliers-in', { id: 'A-1', name: 'Acme Supplies' });
    expect(crossForm.status).toBe(409);
    expect(crossForm.body.error).toMatchObject({ code: 'BATON_E_HOOK_RECORD_ID_TAKEN', path: '/id' });
    expect(crossForm.body.error.message).toContain('"A-1"');
    // The same form, but the record another webhook created.
    const otherHook = await sendHook('assets-cmdb', { id: 'A-1', name: 'Overwritten' });
    expect(otherHook.status).toBe(409);
    expect(otherHook.body.error).toMatchObject({ code: 'BATON_E_HOOK_RECORD_ID_TAKEN', path: '/id' });
    expect(await record('A-1')).toMatchObject({ form_key: 'hook-asset', version: 1, data: { name: 'Laptop 1' } });
    // zh-CN too.
    const zh = await sendHook('suppliers-in', { id: 'A-1', name: 'Acme' }, { locale: 'zh-CN' });
    expect(zh.body.error.message).toContain('记录 id "A-1"');

    // The hook that created it updates it; a record a person created may be updated by a writer, as with PATCH.
    expect((await sendHook('assets-in', { id: 'A-1', name: 'Laptop 1b' })).body).toEqual({ status: 'updated', recordId: 'A-1' });
    const byPerson = await api('POST', '/api/records/hook-asset', ctx().adminToken, { data: { name: 'Desk' } });
    expect(byPerson.status).toBe(201);
    const updated = await sendHook('assets-cmdb', { id: byPerson.body.id, name: 'Standing desk' });
    expect(updated).toEqual({ status: 200, body: { status: 'updated', recordId: byPerson.body.id } });
  });

  it('answers one 201 and one 409 (never a 500) when two webhooks race to create the same new id', async () => {
    const [a, b] = await Promise.all([sendHook('assets-in', { id: 'A-9', name: 'Race A' }), sendHook('assets-cmdb', { id: 'A-9', name: 'Race B' })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ code: 'BATON_E_HOOK_RECORD_ID_TAKEN', path: '/id' });
    const row = await record('A-9');
    expect(row?.version).toBe(1);
    expect(row?.created_by).toBe(a.status === 201 ? 'hook:assets-in' : 'hook:assets-cmdb');
  });
});
