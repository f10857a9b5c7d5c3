import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { executionServices } from '../../src/execution/execution-services.js';
import { fireTimerBatch } from '../../src/workers/fire-timer-batch.js';
import { claimTimers } from '../../src/workers/timer-claims.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { countQueries } from '../harness/query-counter.js';
import { leaveForm, makeDue, setUp, startInstance, waitFlow } from './worker-fixtures.js';

// A date-offset rule's texts may name a related record's field ({assets.assetId.tag}, the asset's tag rather
// than its record id), as event rules' texts may. Fired by the timer worker, in its batch (writes deferred),
// in the batch's careful re-run (a savepoint per timer), the reminder shows the value.

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const node = (id: string, type: string, config?: Record<string, unknown>) => ({ id, type, name: t(id, id), ...(config ? { config } : {}) });

const assetForm = {
  kind: 'form', key: 'kit-asset', title: t('Asset', '资产'), collection: true,
  fields: [{ key: 'tag', type: 'text', label: t('Asset tag', '资产编号'), required: true }],
};
const kitExitForm = {
  kind: 'form', key: 'kit-exit', title: t('Exit', '离职'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'lastWorkingDay', type: 'date', label: t('Last working day', '最后工作日'), required: true },
    { key: 'assets', type: 'sub-table', label: t('Assets', '资产'), fields: [{ key: 'assetId', type: 'relation', label: t('Asset', '资产'), config: { form: 'kit-asset', displayField: 'tag' } }] },
  ],
};
const kitExitFlow = {
  kind: 'flow', key: 'kit-exit', title: t('Exit', '离职'), form: 'kit-exit', timeZone: 'Asia/Shanghai',
  nodes: [node('start', 'start'), node('approve', 'approval', { assignees: [{ kind: 'manager-of', path: 'employeeId' }] }), node('end', 'end')],
  edges: [{ id: 'e1', from: 'start', to: 'approve' }, { id: 'e2', from: 'approve', to: 'end' }],
};
/** The day before the last working day: finance settles, told which devices to check (by tag, not by record id). */
const settleRule = {
  kind: 'rule', key: 'kit-settle', title: t('Settle', '结算'), scope: { flow: 'kit-exit' },
  trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: -1, unit: 'days', at: '09:00' } },
  actions: [
    {
      type: 'create-task',
      params: {
        title: t('Settle {employeeId.name}', '结算 {employeeId.name}'),
        description: t('Devices to check (asset tags): {assets.assetId.tag}.', '需核对的设备（资产编号）：{assets.assetId.tag}。'),
        assignees: [{ kind: 'role', role: 'hr' }],
      },
    },
    { type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: t('Devices of {employeeId.name}: {assets.assetId.tag}', '{employeeId.name} 的设备：{assets.assetId.tag}') } },
  ],
};

forEachDatabase('rule timers name related records', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  const workerCtx = () => ({
    db: ctx().database.db, config: ctx().config, services: executionServices(ctx().database, ctx().config),
    settings: ctx().config.workers, workerId: 'related-worker', log: ctx().app.log,
  });
  const assetIds: Record<string, string> = {};
  const createAsset = async (tag: string) => {
    const res = await ctx().call({ method: 'POST', url: '/api/records/kit-asset', payload: { data: { tag } } });
    expect(res.statusCode, res.body).toBe(201);
    assetIds[tag] = res.json().id as string;
  };
  /** Starts exits naming the assets (by record id, as the form stores them) and makes their rule timers due. */
  const startDue = async (count: number, tags: string[]): Promise<string[]> => {
    const ids: string[] = [];
    const assets = tags.map((tag) => ({ assetId: assetIds[tag] }));
    for (let i = 0; i < count; i++) ids.push(await startInstance(ctx(), as('emp'), 'kit-exit', { employeeId: 'emp', lastWorkingDay: '2031-01-10', assets }));
    const timers = await db().selectFrom('timers').select('id').where('instance_id', 'in', ids).where('kind', '=', 'rule').execute();
    expect(timers).toHaveLength(count);
    for (const timer of timers) await makeDue(ctx(), timer.id);
    return ids;
  };
  const ruleTask = async (instanceId: string) =>
    db().selectFrom('tasks').select(['title', 'description', 'source']).where('instance_id', '=', instanceId).where('source', '=', 'rule').executeTakeFirstOrThrow();
  const notices = async (instanceId: string) =>
    (await db().selectFrom('outbox').select('effect').where('instance_id', '=', instanceId).execute()).map((r) => r.effect as Json).filter((e) => e.type === 'notify');
  const expectTags = async (instanceId: string, tags: string) => {
    const task = await ruleTask(instanceId);
    expect(task.title).toMatchObject({ en: 'Settle Zhang San' });
    expect(task.description).toEqual({ en: `Devices to check (asset tags): ${tags}.`, 'zh-CN': `需核对的设备（资产编号）：${tags}。` });
    const [notice] = await notices(instanceId);
    expect(notice?.title).toEqual({ en: `Devices of Zhang San: ${tags}`, 'zh-CN': `Zhang San 的设备：${tags}` });
  };

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, waitFlow, assetForm, kitExitForm, kitExitFlow, settleRule]);
    for (const tag of ['LT-0101', 'PH-0102', 'MN-0104']) await createAsset(tag);
  });

  it('fires through the worker: the reminder task and notification list the assets\' tags, not their record ids', async () => {
    const [id] = (await startDue(1, ['LT-0101', 'PH-0102'])) as [string];
    await ctx().app.baton.workers.drain();
    expect((await db().selectFrom('timers').select('status').where('instance_id', '=', id).where('kind', '=', 'rule').executeTakeFirstOrThrow()).status).toBe('fired');
    await expectTags(id, 'LT-0101, PH-0102');
    expect(JSON.stringify(await ruleTask(id))).not.toContain(assetIds['LT-0101']!);
  });

  it('reads the records a batch\'s reminders name once for the whole batch (writes deferred)', async () => {
    const ids = await startDue(6, ['LT-0101', 'MN-0104']);
    const claimed = await claimTimers(ctx().database.db, 'related-worker', 100, 60_000);
    expect(claimed).toHaveLength(6);
    let outcomes: string[] = [];
    const cost = await countQueries(ctx().database, async () => {
      outcomes = [...(await fireTimerBatch(workerCtx(), claimed)).outcomes.values()];
    });
    expect(outcomes).toEqual(Array(6).fill('fired'));
    expect(cost.commits).toBe(1);
    // The batch locks no record (its timers are instances'); the one read of records is the assets, for all six.
    expect(cost.statements.filter((s) => /from "records"/.test(s))).toHaveLength(1);
    for (const id of ids) await expectTags(id, 'LT-0101, MN-0104');
  });

  it('fills them in the batch\'s careful re-run too (a savepoint per timer, after another timer failed)', async () => {
    const ids = await startDue(2, ['PH-0102']);
    // A timer node of another flow fails in the same batch: the batch is run again, timer by timer.
    const waiting = await startInstance(ctx(), as('emp'), 'wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const nodeTimer = await db().selectFrom('timers').select('id').where('instance_id', '=', waiting).where('kind', '=', 'node').executeTakeFirstOrThrow();
    await makeDue(ctx(), nodeTimer.id);
    await sql`create or replace function baton_test_refuse() returns trigger language plpgsql as $$
      begin if new.type = 'timer.fired' and new.instance_id = ${sql.lit(waiting)} then raise exception 'history is read-only today'; end if; return new; end $$`.execute(ctx().database.db);
    await sql`create trigger baton_test_refuse before insert on history for each row execute function baton_test_refuse()`.execute(ctx().database.db);
    try {
      const claimed = await claimTimers(ctx().database.db, 'related-worker', 100, 60_000);
      const result = await fireTimerBatch(workerCtx(), claimed);
      const byInstance = Object.fromEntries([...result.outcomes].map(([timerId, outcome]) => [claimed.find((c) => c.id === timerId)!.instanceId, outcome]));
      expect(byInstance).toEqual({ [ids[0]!]: 'fired', [ids[1]!]: 'fired', [waiting]: 'retry' });
    } finally {
      await sql`drop trigger if exists baton_test_refuse on history`.execute(ctx().database.db);
    }
    for (const id of ids) await expectTags(id, 'PH-0102');
  });
});
