import { expect, it } from 'vitest';
import { writeOutbox } from '../../src/execution/effect-rows.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { directory } from './fixtures/exit-flow.js';

// A null clears a record's field (top-level JSON Merge Patch): PATCH /records, and a rule's set-data through
// the outbox. The field is removed, so readerFields stop naming its former holder and required still holds.
type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const deviceForm = {
  kind: 'form', key: 'device', title: t('Device', '设备'), collection: true,
  readers: [], readerFields: ['holderId'], writers: ['it'],
  fields: [
    { key: 'tag', type: 'text', label: t('Tag', '编号'), required: true },
    { key: 'holderId', type: 'user', label: t('Holder', '领用人') },
    { key: 'note', type: 'text', label: t('Note', '备注') },
    { key: 'status', type: 'select', label: t('Status', '状态'), required: true, config: { options: [{ value: 'in-use', label: t('In use', '使用中') }, { value: 'in-stock', label: t('In stock', '库存') }] } },
  ],
};
/** Back in stock: nobody holds it any more. */
const inStockRule = {
  kind: 'rule', key: 'device-in-stock', title: t('Back in stock', '入库'), scope: { form: 'device' },
  trigger: { type: 'record-updated', config: { fields: ['status'] } },
  condition: { '==': [{ var: 'status' }, 'in-stock'] },
  actions: [{ type: 'set-data', params: { values: { holderId: null } } }],
};
/** An expression that comes out null for a required field: only the run can tell, and the form refuses it. */
const wipeTagRule = {
  kind: 'rule', key: 'device-wipe-tag', title: t('Wipe tag', '清除编号'), scope: { form: 'device' },
  trigger: { type: 'record-updated', config: { fields: ['note'] } },
  condition: { '==': [{ var: 'note' }, 'wipe'] },
  actions: [{ type: 'set-data', params: { values: { tag: { if: [{ '==': [{ var: 'note' }, 'wipe'] }, null, { var: 'tag' }] } } } }],
};

forEachDatabase('clearing record fields with null', (ctx) => {
  const tokens: Record<string, string> = {};
  let device: Json = {};
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: Json) => ctx().call({ method, url, token, ...(payload ? { payload } : {}) });
  const listed = async (token: string) => ((await call('GET', '/api/records/device', token)).json().items as Json[]).map((r) => r.id as string);
  const stored = async (id: string) => ctx().database.db.selectFrom('records').select(['data', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

  it('sets up', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    tokens.emp = await ctx().tokenFor('emp', []);
    tokens.it1 = await ctx().tokenFor('it1', ['it']);
    for (const def of [deviceForm, inStockRule, wipeTagRule]) await publish(ctx(), def);
  });

  it('refuses to save or publish a rule that clears a required field, naming the field and the path', async () => {
    const clearsStatus = { ...inStockRule, key: 'device-no-status', actions: [{ type: 'set-data', params: { values: { holderId: null, status: null } } }] };
    // Saving checks it already (as publishing would), so the analyst learns it in the designer.
    const res = await ctx().call({ method: 'POST', url: '/api/definitions', payload: clearsStatus, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode, res.body).toBe(422);
    const issues = res.json().error.issues as Json[];
    expect(issues.map((i) => [i.code, i.path])).toEqual([['BATON_E_RULE_CLEARS_REQUIRED', '/actions/0/params/values/status']]);
    expect(issues[0]!.message).toContain('必填');
  });

  it('a null at creation is no value: the record simply lacks the field', async () => {
    const res = await call('POST', '/api/records/device', tokens.it1!, { data: { tag: 'LT-1', holderId: 'emp', note: null, status: 'in-use' } });
    expect(res.statusCode, res.body).toBe(201);
    device = res.json();
    expect(device.data).toEqual({ tag: 'LT-1', holderId: 'emp', status: 'in-use' });
    expect(await listed(tokens.emp!)).toEqual([device.id]);
  });

  it('PATCH with null removes the field; the former holder no longer reads the record, IT and admin do', async () => {
    const res = await call('PATCH', `/api/records/device/${device.id}`, tokens.it1!, { data: { holderId: null, note: 'spare' }, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, data: { tag: 'LT-1', note: 'spare', status: 'in-use' } });
    expect(res.json().data).not.toHaveProperty('holderId');
    expect((await stored(device.id)).data).toEqual({ tag: 'LT-1', note: 'spare', status: 'in-use' });
    expect(await listed(tokens.emp!)).toEqual([]);
    expect(await listed(tokens.it1!)).toEqual([device.id]);
    expect(await listed(ctx().adminToken)).toEqual([device.id]);
    // Clearing what is already absent changes nothing: same version, no new audit entry.
    const again = await call('PATCH', `/api/records/device/${device.id}`, tokens.it1!, { data: { holderId: null }, version: 2 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().version).toBe(2);
  });

  it('PATCH clearing a required field is refused by the form (422 at its path), nothing stored', async () => {
    const res = await call('PATCH', `/api/records/device/${device.id}`, tokens.it1!, { data: { tag: null }, version: 2 });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'BATON_E_DATA_INVALID', path: '/data/tag' });
    expect((await stored(device.id)).version).toBe(2);
  });

  it("a rule's set-data with null clears the holder when the device goes back in stock", async () => {
    const given = await call('PATCH', `/api/records/device/${device.id}`, tokens.it1!, { data: { holderId: 'emp' }, version: 2 });
    expect(given.statusCode, given.body).toBe(200);
    expect(await listed(tokens.emp!)).toEqual([device.id]);
    const back = await call('PATCH', `/api/records/device/${device.id}`, tokens.it1!, { data: { status: 'in-stock' }, version: 3 });
    expect(back.statusCode, back.body).toBe(200);
    const drained = await ctx().app.baton.workers.drain();
    expect(drained.deliveries.dead).toBe(0);
    const after = await stored(device.id);
    expect(after.data).toEqual({ tag: 'LT-1', note: 'spare', status: 'in-stock' });
    expect(after.version).toBe(5);
    expect(await listed(tokens.emp!)).toEqual([]);
    expect(await listed(ctx().adminToken)).toEqual([device.id]);
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', `device/${device.id}`).where('action', '=', 'record.updated').where('actor', '=', 'system').execute();
    expect(audit.map((a) => (a.data as Json).cleared)).toEqual([['holderId']]);
  });

  it('a rule whose value comes out null for a required field: refused at run time, the record left as it was', async () => {
    const res = await call('PATCH', `/api/records/device/${device.id}`, tokens.it1!, { data: { note: 'wipe' }, version: 5 });
    expect(res.statusCode, res.body).toBe(200);
    const drained = await ctx().app.baton.workers.drain();
    expect(drained.deliveries.dead).toBe(1);
    const after = await stored(device.id);
    expect(after.data).toMatchObject({ tag: 'LT-1', note: 'wipe' });
    expect(after.version).toBe(6);
    const dead = await ctx().database.db.selectFrom('outbox').select(['last_error', 'effect']).where('status', '=', 'dead').execute();
    const [row] = dead.filter((r) => (r.effect as Json).type === 'setData');
    expect(row!.last_error).toMatch(/^BATON_E_SET_DATA_INVALID \/tag: /);
  });

  it("a person's directory entry: null clears the leave date and removes an attribute, the others kept", async () => {
    const db = ctx().database.db;
    const effect = (key: string, patch: Json) => db.transaction().execute((trx) => writeOutbox(trx, null, [{ type: 'setData', key, userId: 'emp', patch }]));
    await effect('mark-emp-left', { leaveDate: '2030-06-28', attributes: { employmentStatus: 'left', badge: 'B-7' } });
    await ctx().app.baton.workers.drain();
    await effect('unmark-emp', { leaveDate: null, attributes: { employmentStatus: null } });
    expect((await ctx().app.baton.workers.drain()).deliveries.dead).toBe(0);
    const user = await db.selectFrom('directory_users').select(['leave_date', 'attributes']).where('id', '=', 'emp').executeTakeFirstOrThrow();
    expect(user.leave_date).toBeNull();
    expect(user.attributes).toEqual({ badge: 'B-7' });
  });
});
