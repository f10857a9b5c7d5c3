import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { executionServices } from '../../src/execution/execution-services.js';
import { batchOrder, fireTimerBatch, splitBatches } from '../../src/workers/fire-timer-batch.js';
import { claimTimers, type ClaimedTimer } from '../../src/workers/timer-claims.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { dayBeforeRule, exitFlow, leaveForm, makeDue, setUp, startInstance, waitFlow } from './worker-fixtures.js';

type Json = Record<string, any>;

forEachDatabase('timer batches', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  const start = (flow: string, data: Json) => startInstance(ctx(), as('emp'), flow, data);
  const timerOf = async (instanceId: string, kind: string) =>
    db().selectFrom('timers').selectAll().where('instance_id', '=', instanceId).where('kind', '=', kind).executeTakeFirstOrThrow();
  const workerCtx = (workerId: string) => ({
    db: ctx().database.db,
    config: ctx().config,
    services: executionServices(ctx().database, ctx().config),
    settings: ctx().config.workers,
    workerId,
    log: ctx().app.log,
  });
  const refuseTimerFiredFor = async (instanceId: string) => {
    await sql`create or replace function baton_test_refuse() returns trigger language plpgsql as $$
      begin if new.type = 'timer.fired' and new.instance_id = ${sql.lit(instanceId)} then raise exception 'history is read-only today'; end if; return new; end $$`.execute(ctx().database.db);
    await sql`create trigger baton_test_refuse before insert on history for each row execute function baton_test_refuse()`.execute(ctx().database.db);
  };
  const dropRefusal = () => sql`drop trigger if exists baton_test_refuse on history`.execute(ctx().database.db);

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, waitFlow, exitFlow, dayBeforeRule]);
  });

  it('keeps the timers of one instance together and orders batches by instance', () => {
    const t = (id: string, instanceId: string | null, due: number): ClaimedTimer => ({ id, instanceId, kind: 'node', payload: {}, dueAt: new Date(due), attempts: 1 });
    const claimed = [t('a', 'i2', 1), t('b', 'i1', 2), t('c', 'i2', 0), t('d', 'i3', 5), t('e', 'i1', 1)];
    expect(batchOrder(claimed).map((x) => x.id)).toEqual(['e', 'b', 'c', 'a', 'd']);
    // Two lanes: batches of about half, but i1's two timers and i2's two timers each stay in one batch.
    expect(splitBatches(claimed, 2, 50).map((b) => b.map((x) => x.id))).toEqual([['e', 'b', 'c', 'a'], ['d']]);
    expect(splitBatches(claimed, 5, 50).map((b) => b.map((x) => x.id))).toEqual([['e', 'b'], ['c', 'a'], ['d']]);
  });

  it('rolls back only the failing timer of a batch: the others fire in the same transaction', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await start('wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' }));
    const [good1, bad, good2] = ids as [string, string, string];
    for (const id of ids) await makeDue(ctx(), (await timerOf(id, 'node')).id);
    await refuseTimerFiredFor(bad);
    try {
      const claimed = await claimTimers(ctx().database.db, 'batch-worker', 10, 60_000);
      expect(claimed.map((c) => c.instanceId).sort()).toEqual([...ids].sort());
      // One batch: one transaction, a savepoint per timer once a timer fails.
      const result = await fireTimerBatch(workerCtx('batch-worker'), claimed);
      expect(Object.fromEntries([...result.outcomes].map(([id, outcome]) => [claimed.find((c) => c.id === id)!.instanceId, outcome]))).toEqual({
        [good1]: 'fired',
        [bad]: 'retry',
        [good2]: 'fired',
      });
      expect(result.committed).toBe(2);
    } finally {
      await dropRefusal();
    }
    for (const id of [good1, good2]) {
      expect(await timerOf(id, 'node')).toMatchObject({ status: 'fired', attempts: 1, locked_by: null, locked_until: null, last_error: null });
      const view = (await ctx().call({ method: 'GET', url: `/api/instances/${id}` })).json();
      expect(view.activeNodes).toEqual(['hrTask']);
    }
    // The failing one: nothing of its firing stayed; it waits out the backoff (30 s ± 20 %), due time unchanged.
    const failed = await timerOf(bad, 'node');
    expect(failed).toMatchObject({ status: 'scheduled', attempts: 1, locked_by: null, fired_at: null, last_error: 'history is read-only today' });
    const wait = failed.locked_until!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(37_000);
    expect((await ctx().call({ method: 'GET', url: `/api/instances/${bad}` })).json().activeNodes).toEqual(['pause']);
    const badHistory = await db().selectFrom('history').select('type').where('instance_id', '=', bad).where('type', '=', 'timer.fired').execute();
    expect(badHistory).toEqual([]);
    const audits = await db().selectFrom('audit_log').select('subject_id').where('action', '=', 'timer.fired').where('subject_id', 'in', ids).execute();
    expect(audits.map((a) => a.subject_id).sort()).toEqual([good1, good2].sort());

    // Its backoff over, it fires once on its own.
    await db().updateTable('timers').set({ locked_until: new Date(Date.now() - 1) }).where('instance_id', '=', bad).execute();
    const report = await ctx().app.baton.workers.drain();
    expect(report.timers).toMatchObject({ fired: 1, retry: 0 });
    expect(await timerOf(bad, 'node')).toMatchObject({ status: 'fired', attempts: 2, last_error: null });
  });

  it('a timer re-planned while it waits out a retry takes its new due time, not the old wait', async () => {
    // The last working day is past: the day-before rule's timer is due at once, and its first try fails.
    const id = await start('exit', { employeeId: 'emp', lastWorkingDay: '2024-05-20' });
    const timer = await timerOf(id, 'rule');
    await sql`create or replace function baton_test_refuse_task() returns trigger language plpgsql as $$
      begin if new.source = 'rule' and new.instance_id = ${sql.lit(id)} then raise exception 'tasks are read-only today'; end if; return new; end $$`.execute(ctx().database.db);
    await sql`create trigger baton_test_refuse_task before insert on tasks for each row execute function baton_test_refuse_task()`.execute(ctx().database.db);
    try {
      expect((await ctx().app.baton.workers.drain()).timers).toMatchObject({ retry: 1, fired: 0 });
    } finally {
      await sql`drop trigger if exists baton_test_refuse_task on tasks`.execute(ctx().database.db);
    }
    const waiting = await timerOf(id, 'rule');
    expect(waiting).toMatchObject({ status: 'scheduled', attempts: 1, locked_by: null, last_error: 'tasks are read-only today' });
    expect(waiting.locked_until!.getTime()).toBeGreaterThan(Date.now() + 20_000);

    // The manager moves the last day (still in the past): the timer moves, and its new time is now.
    const approval = (await ctx().call({ method: 'GET', url: `/api/tasks?instanceId=${id}`, token: as('mgr') })).json().items[0];
    const moved = await ctx().call({ method: 'POST', url: `/api/tasks/${approval.id}/actions`, payload: { action: 'approve', data: { lastWorkingDay: '2024-05-10' } }, token: as('mgr') });
    expect(moved.statusCode, moved.body).toBe(200);
    const replanned = await timerOf(id, 'rule');
    expect(replanned.id).toBe(timer.id);
    expect(replanned.due_at.toISOString()).toBe('2024-05-09T01:00:00.000Z');
    expect(replanned).toMatchObject({ status: 'scheduled', attempts: 0, locked_until: null, last_error: null });

    // It fires at once, as the new time's decision, without waiting out the old backoff.
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
    const tasks = await db().selectFrom('tasks').select('effect_key').where('instance_id', '=', id).where('source', '=', 'rule').execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.effect_key).toContain('@2024-05-09T01:00:00.000Z');
  });

  it('has the entries a worker appended chained right after its commit, not at the next sweep', async () => {
    const id = await start('wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    await makeDue(ctx(), (await timerOf(id, 'node')).id);
    const chainer = ctx().app.baton.audit;
    const flushes: Array<Promise<unknown>> = [];
    const original = chainer.flush.bind(chainer);
    chainer.flush = (force?: boolean) => {
      const run = original(force);
      flushes.push(run);
      return run;
    };
    try {
      expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
      // Asked for by the worker itself, synchronously after its commit.
      expect(flushes.length).toBeGreaterThan(0);
      await Promise.all(flushes);
    } finally {
      chainer.flush = original;
    }
    const entry = await db().selectFrom('audit_log').select(['seq', 'hash']).where('subject_id', '=', id).where('action', '=', 'timer.fired').executeTakeFirstOrThrow();
    expect(entry.seq).toBeGreaterThan(0);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
