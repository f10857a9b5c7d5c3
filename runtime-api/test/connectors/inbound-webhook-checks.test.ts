import { formatDate, parseDate } from '@baton/engine';
import { Webhook } from 'standardwebhooks';
import { beforeAll, expect, it } from 'vitest';
import { organisationToday } from '../../src/directory/person-presence.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish, putConnector, signingSecret } from './connector-test-kit.js';

// An inbound webhook that starts a flow or writes a record is refused exactly what the API refuses
// (POST /api/flows/:key/instances, POST and PATCH /api/records/:formKey), with the same code, path and
// message: the people who have left, the form's own validation, the body's shape. Every call below is a
// real HTTP request to /api/hooks/:key signed the Standard Webhooks way.

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const ZONE = 'Asia/Shanghai';
const today = organisationToday(new Date(), ZONE);
const yesterday = formatDate(parseDate(today) - 1);

const directory = {
  departments: [{ id: 'd-root', name: 'Company', headId: 'boss' }],
  users: [
    { id: 'boss', name: 'Boss Present', departmentId: 'd-root', roles: ['manager'] },
    { id: 'emp', name: 'Emp Leaving', departmentId: 'd-root', managerId: 'boss', roles: [] },
    { id: 'gone', name: 'Gao Gone', departmentId: 'd-root', managerId: 'boss', roles: [], leaveDate: yesterday },
    { id: 'off', name: 'Olga Off', departmentId: 'd-root', roles: [], active: false },
    // The service account the vendor hook writes as (inbound.actAs): HR may write the vendor records.
    { id: 'svc-vendors', name: 'Vendor sync', roles: ['hr'] },
  ],
};

const handoverForm = {
  kind: 'form', key: 'hook-handover', title: t('Handover', '交接'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Leaving employee', '离职员工'), required: true, config: { allowPeopleWhoLeft: true } },
    { key: 'customers', type: 'sub-table', label: t('Customers', '客户'), fields: [
      { key: 'name', type: 'text', label: t('Customer', '客户'), required: true },
      { key: 'successorId', type: 'user', label: t('Successor', '接手人') },
    ] },
  ],
};
const handoverFlow = {
  kind: 'flow', key: 'hook-handover', title: t('Handover', '交接'), form: 'hook-handover',
  nodes: [
    { id: 'request', type: 'start', name: t('Request', '申请') },
    { id: 'approve', type: 'approval', name: t('Manager approves', '主管审批'), config: { assignees: [{ kind: 'manager-of', path: 'employeeId' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [{ id: 'e1', from: 'request', to: 'approve' }, { id: 'e2', from: 'approve', to: 'end' }],
};
const vendorForm = {
  kind: 'form', key: 'hook-vendor', title: t('Vendor', '供应商'), collection: true,
  fields: [
    { key: 'name', type: 'text', label: t('Name', '名称'), required: true },
    { key: 'ownerId', type: 'user', label: t('Owner', '负责人') },
    { key: 'apiKey', type: 'secret', label: t('API key', '接口密钥'), config: { revealTo: ['hr'] } },
  ],
};

forEachDatabase('inbound webhooks are checked like the API: people who left, form validation, body shape', (ctx) => {
  const secret = signingSecret();
  let seq = 0;

  /** A signed POST /api/hooks/:key, the way a sender does it. */
  const sendHook = (key: string, payload: Json, locale = 'en') => {
    const body = JSON.stringify(payload);
    const id = `msg-${(seq += 1)}`;
    const ts = Math.floor(Date.now() / 1000);
    return ctx().call({
      method: 'POST', url: `/api/hooks/${key}`, token: null, payload: body,
      headers: { 'content-type': 'application/json', 'accept-language': locale, 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': new Webhook(secret).sign(id, new Date(ts * 1000), body) },
    });
  };
  const api = (method: 'POST' | 'PATCH', url: string, payload: Json, locale = 'en') => ctx().call({ method, url, payload, headers: { 'accept-language': locale } });
  /** The refusal's shape both answers must share. */
  const refusal = (res: { statusCode: number; body: string; json(): Json }) => {
    const { code, path, message } = res.json().error ?? {};
    return { status: res.statusCode, code, path, message };
  };
  const count = async (table: 'instances' | 'records') => Number((await ctx().database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [handoverForm, handoverFlow, vendorForm]) await publish(ctx(), def);
    // Passes the payload through: the checks under test are the start's and the record's, not the mapping's.
    await putConnector(ctx(), 'hr-start', {
      type: 'webhook',
      config: { direction: 'in', inbound: { action: 'start-flow', flow: 'hook-handover', map: { var: 'start' } } },
      secrets: { signingSecret: secret },
    });
    await putConnector(ctx(), 'vendor-in', {
      type: 'webhook',
      config: { direction: 'in', inbound: { action: 'upsert-record', form: 'hook-vendor', idField: 'id', actAs: 'svc-vendors', map: { var: 'vendor' } } },
      secrets: { signingSecret: secret },
    });
  });

  it('refuses a flow start naming a successor who left with the API\'s code, path and message (en, zh-CN); a leaver in a field that allows them starts', async () => {
    const before = await count('instances');
    const data = { employeeId: 'gone', customers: [{ name: 'ACME', successorId: 'boss' }, { name: 'Globex', successorId: 'gone' }] };
    for (const locale of ['en', 'zh-CN']) {
      const viaHook = refusal(await sendHook('hr-start', { start: { data } }, locale));
      expect(viaHook).toEqual(refusal(await api('POST', '/api/flows/hook-handover/instances', { data }, locale)));
      expect(viaHook).toMatchObject({ status: 422, code: 'BATON_E_PERSON_LEFT', path: '/data/customers/1/successorId' });
    }
    const en = refusal(await sendHook('hr-start', { start: { data } }));
    expect(en.message).toBe(`Choose someone who is still here for "Successor" (/data/customers/1/successorId): Gao Gone ("gone") left on ${yesterday}.`);
    const zh = refusal(await sendHook('hr-start', { start: { data } }, 'zh-CN'));
    expect(zh.message).toBe(`请为“接手人”（/data/customers/1/successorId）选择在职人员：Gao Gone（“gone”）已于 ${yesterday} 离职。`);
    // Deactivated in the directory counts as gone; unknown people are refused as by the API.
    expect(refusal(await sendHook('hr-start', { start: { employeeId: 'emp', customers: [{ name: 'ACME', successorId: 'off' }] } }))).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/data/customers/0/successorId' });
    expect(refusal(await sendHook('hr-start', { start: { employeeId: 'emp', customers: [{ name: 'ACME', successorId: 'ghost' }] } }))).toMatchObject({ code: 'BATON_E_PERSON_NOT_FOUND', path: '/data/customers/0/successorId' });
    expect(await count('instances')).toBe(before);

    const started = await sendHook('hr-start', { start: { data: { employeeId: 'gone', customers: [{ name: 'ACME', successorId: 'boss' }] }, businessKey: 'gone-1' } });
    expect(started.statusCode, started.body).toBe(201);
    const row = await ctx().database.db.selectFrom('instances').selectAll().where('id', '=', started.json().instanceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ flow_key: 'hook-handover', business_key: 'gone-1', started_by: 'hook:hr-start', data: { employeeId: 'gone' } });
  });

  it('refuses what the start form and the API\'s body schema refuse: missing required fields, unknown properties, a bad business key or initiator', async () => {
    const same = async (start: Json) => {
      const viaHook = refusal(await sendHook('hr-start', { start }));
      const viaApi = refusal(await api('POST', '/api/flows/hook-handover/instances', 'data' in start ? start : { data: start }));
      expect(viaHook).toEqual(viaApi);
      return viaHook;
    };
    expect(await same({ data: { customers: [] } })).toMatchObject({ status: 422, code: 'BATON_E_DATA_INVALID', path: '/data/employeeId' });
    expect(await same({ data: { employeeId: 'emp', salary: 1 } })).toMatchObject({ status: 422, code: 'BATON_E_DATA_INVALID', path: '/data/salary' });
    expect(await same({ data: { employeeId: 'emp' }, businessKey: 'k'.repeat(201) })).toMatchObject({ status: 400, code: 'BATON_E_REQUEST_INVALID', path: '/businessKey' });
    expect(await same({ data: { employeeId: 'emp' }, businessKey: 42 })).toMatchObject({ status: 400, code: 'BATON_E_REQUEST_INVALID', path: '/businessKey' });
    // A business key already taken: 409 at /businessKey from both.
    expect(await same({ data: { employeeId: 'emp' }, businessKey: 'gone-1' })).toMatchObject({ status: 409, code: 'BATON_E_BUSINESS_KEY_TAKEN', path: '/businessKey' });
    // An initiator the hook names must be a directory id (the API's pattern) of someone the directory knows.
    expect(refusal(await sendHook('hr-start', { start: { data: { employeeId: 'emp' }, initiator: 'a b' } }))).toMatchObject({ status: 400, code: 'BATON_E_REQUEST_INVALID', path: '/initiator' });
    expect(refusal(await sendHook('hr-start', { start: { data: { employeeId: 'emp' }, initiator: 'ghost' } }))).toMatchObject({ status: 422, code: 'BATON_E_INITIATOR_UNKNOWN', path: '/initiator' });
    // A business key the payload lacks (the mapping read null) is simply not set.
    expect((await sendHook('hr-start', { start: { data: { employeeId: 'emp' }, businessKey: null } })).statusCode).toBe(201);
  });

  it('refuses a record naming an owner who left, as POST /api/records does; an update keeping a since-departed owner goes through, as PATCH does', async () => {
    const before = await count('records');
    for (const locale of ['en', 'zh-CN']) {
      const viaHook = refusal(await sendHook('vendor-in', { id: 'v-1', vendor: { name: 'Acme', ownerId: 'gone' } }, locale));
      expect(viaHook).toEqual(refusal(await api('POST', '/api/records/hook-vendor', { data: { name: 'Acme', ownerId: 'gone' } }, locale)));
      expect(viaHook).toMatchObject({ status: 422, code: 'BATON_E_PERSON_LEFT', path: '/data/ownerId' });
    }
    const same = async (vendor: Json) => {
      const viaHook = refusal(await sendHook('vendor-in', { id: 'v-1', vendor }));
      expect(viaHook).toEqual(refusal(await api('POST', '/api/records/hook-vendor', { data: vendor })));
      return viaHook;
    };
    expect(await same({ ownerId: 'boss' })).toMatchObject({ status: 422, code: 'BATON_E_DATA_INVALID', path: '/data/name' });
    expect(await same({ name: 'Acme', colour: 'red' })).toMatchObject({ status: 422, code: 'BATON_E_DATA_INVALID', path: '/data/colour' });
    expect(await count('records')).toBe(before);

    // Owned by someone who has left since (written before they left): another field may change, the owner stays.
    await ctx().database.db.insertInto('records').values({
      id: 'v-2', form_key: 'hook-vendor', form_version: 1, data: JSON.stringify({ name: 'Initech', ownerId: 'gone' }), instance_id: null,
      created_by: 'boss', updated_by: 'boss', created_at: new Date(), updated_at: new Date(),
    }).execute();
    const renamed = await sendHook('vendor-in', { id: 'v-2', vendor: { name: 'Initech Ltd' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ status: 'updated', recordId: 'v-2' });
    const viaPatch = await api('PATCH', '/api/records/hook-vendor/v-2', { version: 2, data: { name: 'Initech Group' } });
    expect(viaPatch.statusCode, viaPatch.body).toBe(200);
    // Naming them anew is refused by both, at the same path.
    const reassign = refusal(await sendHook('vendor-in', { id: 'v-2', vendor: { ownerId: 'off' } }));
    expect(reassign).toEqual(refusal(await api('PATCH', '/api/records/hook-vendor/v-2', { version: 3, data: { ownerId: 'off' } })));
    expect(reassign).toMatchObject({ status: 422, code: 'BATON_E_PERSON_LEFT', path: '/data/ownerId' });
    const stored = await ctx().database.db.selectFrom('records').selectAll().where('id', '=', 'v-2').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ version: 3, data: { name: 'Initech Group', ownerId: 'gone' } });
  });

  it('seals a secret the webhook writes, audits it as a webhook write, and answers 400 (not 500) for text the database cannot store', async () => {
    const created = await sendHook('vendor-in', { id: 'v-3', vendor: { name: 'Hooli', ownerId: 'boss', apiKey: 'canary-hook-key' } });
    expect(created.statusCode, created.body).toBe(201);
    const row = await ctx().database.db.selectFrom('records').selectAll().where('id', '=', 'v-3').executeTakeFirstOrThrow();
    expect(row.data.name).toBe('Hooli');
    expect(JSON.stringify(row.data)).not.toContain('canary-hook-key');
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'action', 'data']).where('subject_id', '=', 'hook-vendor/v-3').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: 'hook:vendor-in', action: 'record.created', data: expect.objectContaining({ via: 'webhook' }) })]);

    const nul = await sendHook('vendor-in', { id: 'v-4', vendor: { name: 'Bad\u0000Name' } });
    expect(refusal(nul)).toMatchObject({ status: 400, code: 'BATON_E_REQUEST_INVALID', path: '/vendor/name' });
    let deep: Json = { name: 'x' };
    for (let i = 0; i < 200; i++) deep = { nested: deep };
    expect(refusal(await sendHook('vendor-in', { id: 'v-5', vendor: deep }))).toMatchObject({ status: 400, code: 'BATON_E_REQUEST_INVALID' });
    expect(await ctx().database.db.selectFrom('records').select('id').where('id', 'in', ['v-4', 'v-5']).execute()).toEqual([]);
  });
}, { config: { timeZone: ZONE } });
