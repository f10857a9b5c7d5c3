import { expect, it } from 'vitest';
import { writeOutbox } from '../../src/execution/effect-rows.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { exitFlow, leaveForm, setUp } from './worker-fixtures.js';

// A setData effect (from a rule) is judged by the target's form before it is applied; a refused one is a
// dead letter naming the code and the path, audited, and the target is left as it was.
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const supplierForm = {
  kind: 'form', key: 'supplier', title: t('Supplier', '供应商'), collection: true,
  fields: [
    { key: 'name', type: 'text', label: t('Name', '名称'), required: true },
    { key: 'seats', type: 'number', label: t('Seats', '席位') },
  ],
};
const seatsRule = (key: string, name: string, seats: unknown) => ({
  kind: 'rule', key, title: t(key, key), scope: { form: 'supplier' },
  trigger: { type: 'record-created' },
  condition: { '==': [{ var: 'name' }, name] },
  actions: [{ type: 'set-data', params: { values: { seats } } }],
});
/** On the manager's approval of an "exit": a wrong-typed last working day (publishing already refuses unknown fields). */
const badExitRule = {
  kind: 'rule', key: 'exit-bad-set', title: t('Bad set', '错误设置'), scope: { flow: 'exit' },
  trigger: { type: 'task-completed', config: { nodeId: 'approve' } },
  actions: [{ type: 'set-data', params: { values: { lastWorkingDay: 42 } } }],
};

type Json = Record<string, any>;

forEachDatabase('setData is validated against the target form', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  const drain = () => ctx().app.baton.workers.drain();
  const setDataRows = async (match: (effect: Json) => boolean) =>
    (await db().selectFrom('outbox').selectAll().where('effect_type', '=', 'setData').execute()).filter((r) => match(r.effect as Json));
  const createSupplier = async (name: string) => {
    const res = await ctx().call({ method: 'POST', url: '/api/records/supplier', payload: { data: { name } }, token: as('hr1') });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, exitFlow, badExitRule, supplierForm, seatsRule('supplier-good', 'Good', 3), seatsRule('supplier-bad', 'Bad', 'many')]);
  });

  it('a rule writing a wrong-typed value into a record: record unchanged, dead letter with code and path, audited', async () => {
    const id = await createSupplier('Bad');
    const before = await db().selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const drained = await drain();
    expect(drained.deliveries.dead).toBe(1);
    const after = await db().selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version);
    expect(after.data).toEqual({ name: 'Bad' });
    const [row] = await setDataRows((e) => e.recordId === id);
    expect(row!.status).toBe('dead');
    expect(row!.attempts).toBe(1);
    expect(row!.last_error).toMatch(/^BATON_E_SET_DATA_INVALID \/seats: /);
    expect(row!.last_error).toContain(`record supplier/${id} refuses the data`);
    const audit = await db().selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', `supplier/${id}`).where('action', '=', 'set-data.refused').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('system');
    const issues = (audit[0]!.data as Json).issues as Json[];
    expect(issues[0]).toMatchObject({ path: '/seats', code: expect.stringMatching(/^BATON_E_/) });
    expect(issues[0]!.messages['zh-CN']).toBeTruthy();
  });

  it('a rule writing a valid value applies as before', async () => {
    const id = await createSupplier('Good');
    expect((await drain()).deliveries.delivered).toBe(1);
    const after = await db().selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ version: 2, updated_by: 'system', data: { name: 'Good', seats: 3 } });
    const [row] = await setDataRows((e) => e.recordId === id);
    expect(row!.status).toBe('delivered');
  });

  it('an instance patch its flow\'s forms refuse: instance unchanged, dead letter naming the path', async () => {
    const start = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2031-01-10' } }, token: as('emp') });
    expect(start.statusCode, start.body).toBe(201);
    const instanceId = start.json().id as string;
    const task = (await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}`, token: as('mgr') })).json().items[0];
    const acted = await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'approve' }, token: as('mgr') });
    expect(acted.statusCode, acted.body).toBe(200);
    const before = await db().selectFrom('instances').selectAll().where('id', '=', instanceId).executeTakeFirstOrThrow();
    expect((await drain()).deliveries.dead).toBe(1);
    const after = await db().selectFrom('instances').selectAll().where('id', '=', instanceId).executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version);
    expect(after.data).toEqual(before.data);
    const [row] = await db().selectFrom('outbox').selectAll().where('instance_id', '=', instanceId).where('effect_type', '=', 'setData').execute();
    expect(row!.status).toBe('dead');
    expect(row!.last_error).toMatch(/^BATON_E_SET_DATA_INVALID \/lastWorkingDay: .*refuses the data: \/lastWorkingDay .*\(BATON_E_/);
    const audit = await db().selectFrom('audit_log').select('data').where('subject_id', '=', instanceId).where('action', '=', 'set-data.refused').execute();
    const paths = ((audit[0]!.data as Json).issues as Json[]).map((i) => i.path).sort();
    expect(paths).toEqual(['/lastWorkingDay']);

    // A field no form of the flow declares (an effect written by code, not a checked rule) is refused too.
    const key = `test:unknown:${instanceId}`;
    await ctx().database.db.transaction().execute((trx) => writeOutbox(trx, instanceId, [{ type: 'setData', key, patch: { colour: 'red' } }]));
    expect((await drain()).deliveries.dead).toBe(1);
    const unknown = await db().selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    expect(unknown.last_error).toMatch(/^BATON_E_SET_DATA_INVALID \/colour: .*no form of this flow declares the field "colour".*\(BATON_E_SET_DATA_UNKNOWN_FIELD\)/);
    const same = await db().selectFrom('instances').select('version').where('id', '=', instanceId).executeTakeFirstOrThrow();
    expect(same.version).toBe(before.version);
  });
});
