import { replayFlow, type DomainEvent } from '@baton/engine';
import { expect, it } from 'vitest';
import { writeOutbox } from '../../src/execution/effect-rows.js';
import { historyEvent } from '../../src/execution/history-rows.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { childFlow, customerForm, defaultOwnerRule, exitFlow, leaveForm, noteRule, parentFlow, setUp } from './worker-fixtures.js';

type Json = Record<string, any>;

forEachDatabase('built-in outbox handlers: setData and startFlow', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  const drain = () => ctx().app.baton.workers.drain();
  const start = async (flow: string) => {
    const res = await ctx().call({ method: 'POST', url: `/api/flows/${flow}/instances`, payload: { data: { employeeId: 'emp', lastWorkingDay: '2031-01-10' } }, token: as('emp') });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const act = async (user: string, instanceId: string, action: string) => {
    const task = (await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}`, token: as(user) })).json().items[0];
    expect(task, `${user} has an open task on ${instanceId}`).toBeDefined();
    const res = await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action }, token: as(user) });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** A crash after the handler committed but before the row was marked: the row is due again. */
  const redeliver = (outboxId: string) =>
    db().updateTable('outbox').set({ status: 'pending', next_attempt_at: new Date(Date.now() - 1), locked_by: null, locked_until: null }).where('id', '=', outboxId).execute();

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, exitFlow, noteRule, customerForm, defaultOwnerRule, childFlow, parentFlow]);
  });

  it('setData patches the instance: data.changed in the history, version bumped, audited, once per effect', async () => {
    const id = await start('exit');
    await act('mgr', id, 'approve');
    const [row] = await db().selectFrom('outbox').selectAll().where('instance_id', '=', id).where('effect_type', '=', 'setData').execute();
    expect(row).toBeDefined();
    const before = await db().selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await drain()).deliveries.delivered).toBe(1);
    const after = await db().selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.data).toMatchObject({ note: 'approved by the manager', employeeId: 'emp' });
    expect(after.version).toBe(before.version + 1);
    const events = (await db().selectFrom('history').selectAll().where('instance_id', '=', id).orderBy('seq').execute()).map((e) => ({ ...e, payload: historyEvent(e) as unknown as Json }));
    const changed = events.filter((e) => e.payload.type === 'data.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.payload).toMatchObject({ actor: 'system', payload: { patch: { note: 'approved by the manager' } } });
    expect(after.history_seq).toBe(events[events.length - 1]!.seq);
    // The stored state is what replaying the history gives.
    const replayed = replayFlow(events.filter((e) => e.source === 'flow').map((e) => e.payload as unknown as DomainEvent));
    expect(replayed.data).toEqual(after.data);
    expect(replayed.version).toBe((after.state as Json).version);
    const audit = await db().selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', id).where('action', '=', 'instance.data-set').execute();
    expect(audit).toEqual([{ actor: 'system', data: expect.objectContaining({ fields: ['note'] }) }]);

    await redeliver(row!.id);
    expect((await drain()).deliveries.delivered).toBe(1);
    const again = await db().selectFrom('instances').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    expect(again.version).toBe(after.version);
    const log = await db().selectFrom('outbox_deliveries').select(['status', 'note']).where('outbox_id', '=', row!.id).orderBy('id').execute();
    expect(log.map((l) => l.status)).toEqual(['delivered', 'delivered']);
    expect(log[1]!.note).toMatch(/already applied/);
  });

  it('setData that changes nothing writes no history, version or audit entry, and is still marked applied', async () => {
    const id = await start('exit');
    await drain();
    const before = await db().selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const historyBefore = await db().selectFrom('history').select('seq').where('instance_id', '=', id).execute();
    await ctx().database.db.transaction().execute((trx) =>
      writeOutbox(trx, null, [{ type: 'setData', key: `test:same:${id}`, instanceId: id, patch: { employeeId: 'emp', lastWorkingDay: '2031-01-10' } }]),
    );
    expect((await drain()).deliveries.delivered).toBe(1);
    const after = await db().selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version);
    expect(after.history_seq).toBe(before.history_seq);
    expect(await db().selectFrom('history').select('seq').where('instance_id', '=', id).execute()).toEqual(historyBefore);
    expect(await db().selectFrom('audit_log').select('id').where('subject_id', '=', id).where('action', '=', 'instance.data-set').execute()).toEqual([]);
    const [row] = await db().selectFrom('outbox').select('id').where('idempotency_key', '=', `test:same:${id}`).execute();
    const log = await db().selectFrom('outbox_deliveries').select('note').where('outbox_id', '=', row!.id).execute();
    expect(log.map((l) => l.note)).toEqual([`instance ${id}: nothing changed (version ${before.version})`]);

    const created = await ctx().call({ method: 'POST', url: '/api/records/customer', payload: { data: { name: 'Same', ownerId: 'hr1' } }, token: as('hr1') });
    const recordId = created.json().id as string;
    await drain();
    await ctx().database.db.transaction().execute((trx) =>
      writeOutbox(trx, null, [{ type: 'setData', key: `test:same:${recordId}`, formKey: 'customer', recordId, patch: { name: 'Same' } }]),
    );
    expect((await drain()).deliveries.delivered).toBe(1);
    const record = await db().selectFrom('records').selectAll().where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(record).toMatchObject({ version: 1, updated_by: 'hr1' });
    const audit = await db().selectFrom('audit_log').select('action').where('subject_id', '=', `customer/${recordId}`).execute();
    expect(audit.map((a) => a.action)).toEqual(['record.created']);
  });

  it('setData patches a record of a collection at the version read, and the change reaches the rules', async () => {
    const created = await ctx().call({ method: 'POST', url: '/api/records/customer', payload: { data: { name: 'Acme' } }, token: as('hr1') });
    expect(created.statusCode, created.body).toBe(201);
    const recordId = created.json().id as string;
    expect((await drain()).deliveries.delivered).toBe(1);
    const row = await db().selectFrom('records').selectAll().where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ version: 2, updated_by: 'system', data: { name: 'Acme', ownerId: 'mgr' } });
    const audit = await db().selectFrom('audit_log').select('actor').where('subject_id', '=', `customer/${recordId}`).where('action', '=', 'record.updated').execute();
    expect(audit).toEqual([{ actor: 'system' }]);
  });

  it('setData refuses what the record form refuses: dead at once, with the reason', async () => {
    const created = await ctx().call({ method: 'POST', url: '/api/records/customer', payload: { data: { name: 'Beta', ownerId: 'hr1' } }, token: as('hr1') });
    const recordId = created.json().id as string;
    await ctx().database.db.transaction().execute((trx) =>
      writeOutbox(trx, null, [{ type: 'setData', key: `test:bad-name:${recordId}`, formKey: 'customer', recordId, patch: { name: 42 } }]),
    );
    expect((await drain()).deliveries.dead).toBe(1);
    const row = await db().selectFrom('outbox').selectAll().where('idempotency_key', '=', `test:bad-name:${recordId}`).executeTakeFirstOrThrow();
    expect(row.status).toBe('dead');
    expect(row.last_error).toMatch(/refuses the data: \/name/);
  });

  it('setData on a directory user marks a leaver as left: leave date, inactive, tokens stop working', async () => {
    const token = await ctx().tokenFor('outsider', []);
    expect((await ctx().call({ method: 'GET', url: '/api/directory/users/outsider', token })).statusCode).toBe(200);
    await ctx().database.db.transaction().execute((trx) =>
      writeOutbox(trx, null, [{ type: 'setData', key: 'test:leaver', userId: 'outsider', patch: { leaveDate: '2031-01-10', active: false, colour: 'red' } }]),
    );
    expect((await drain()).deliveries.delivered).toBe(1);
    const user = await db().selectFrom('directory_users').selectAll().where('id', '=', 'outsider').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ leave_date: '2031-01-10', active: false });
    expect((await ctx().call({ method: 'GET', url: '/api/directory/users/outsider', token })).statusCode).toBe(401);
    const log = await db().selectFrom('outbox_deliveries').select('note').where('outbox_id', 'in', db().selectFrom('outbox').select('id').where('idempotency_key', '=', 'test:leaver')).execute();
    expect(log[0]!.note).toMatch(/ignored colour/);
  });

  it('startFlow starts the subflow child once, linked to its parent, which continues when the child ends', async () => {
    const parentId = await start('parent');
    const [row] = await db().selectFrom('outbox').selectAll().where('instance_id', '=', parentId).where('effect_type', '=', 'startFlow').execute();
    expect(row).toBeDefined();
    expect((await drain()).deliveries.delivered).toBe(1);
    const children = await db().selectFrom('instances').selectAll().where('parent_instance_id', '=', parentId).execute();
    expect(children).toHaveLength(1);
    const child = children[0]!;
    expect(child).toMatchObject({ flow_key: 'child', status: 'running', started_by: 'emp', parent_node_id: 'sub', parent_notified_at: null });
    expect(child.data).toMatchObject({ employeeId: 'emp' });

    await redeliver(row!.id);
    await drain();
    expect(await db().selectFrom('instances').select('id').where('flow_key', '=', 'child').execute()).toHaveLength(1);

    // The child's initiator confirms: the child ends, the parent's subflow node hears of it and the parent ends.
    await act('emp', child.id, 'complete');
    const report = await drain();
    expect(report.parentsSignalled).toBe(1);
    const parent = await db().selectFrom('instances').selectAll().where('id', '=', parentId).executeTakeFirstOrThrow();
    expect(parent.status).toBe('completed');
    const types = (await db().selectFrom('history').select('type').where('instance_id', '=', parentId).orderBy('seq').execute()).map((h) => h.type);
    expect(types).toEqual(expect.arrayContaining(['signal.received', 'flow.completed']));
    expect((await db().selectFrom('instances').select('parent_notified_at').where('id', '=', child.id).executeTakeFirstOrThrow()).parent_notified_at).toBeInstanceOf(Date);
    expect((await drain()).parentsSignalled).toBe(0);
  });

  it('startFlow of an unpublished flow is a dead letter that names the fix', async () => {
    await ctx().database.db.transaction().execute((trx) => writeOutbox(trx, null, [{ type: 'startFlow', key: 'test:ghost', flowKey: 'ghost', data: {} }]));
    expect((await drain()).deliveries.dead).toBe(1);
    const row = await db().selectFrom('outbox').selectAll().where('idempotency_key', '=', 'test:ghost').executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/no published flow "ghost": publish it, then replay/);
  });
});
