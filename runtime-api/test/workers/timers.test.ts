import { replayFlow } from '@baton/engine';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { executionServices } from '../../src/execution/execution-services.js';
import { historyEvent } from '../../src/execution/history-rows.js';
import { fireTimer } from '../../src/workers/fire-timer.js';
import { claimTimers } from '../../src/workers/timer-claims.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase, testConfig } from '../harness/for-each-database.js';
import { dailyDigestRule, dayBeforeRule, exitFlow, leaveForm, makeDue, nudgeRule, publish, setUp, slaFlow, startInstance, waitFlow } from './worker-fixtures.js';

type Json = Record<string, any>;

forEachDatabase('timer worker', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  const start = (flow: string, data: Json) => startInstance(ctx(), as('emp'), flow, data);
  const timersOf = (instanceId: string, kind: string) =>
    db().selectFrom('timers').selectAll().where('instance_id', '=', instanceId).where('kind', '=', kind).execute();
  const instance = async (id: string) => (await ctx().call({ method: 'GET', url: `/api/instances/${id}` })).json();

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, waitFlow, slaFlow, exitFlow, dayBeforeRule, nudgeRule]);
  });

  it('fires a timer step once it is due, and the instance moves on', async () => {
    const id = await start('wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const [timer] = await timersOf(id, 'node');
    expect(timer).toMatchObject({ status: 'scheduled', attempts: 0 });
    const early = await ctx().app.baton.workers.drain();
    expect(early.timers.fired).toBe(0);
    expect((await instance(id)).activeNodes).toEqual(['pause']);

    await makeDue(ctx(), timer!.id);
    const report = await ctx().app.baton.workers.drain();
    expect(report.timers.fired).toBe(1);
    const after = await instance(id);
    expect(after.activeNodes).toEqual(['hrTask']);
    expect(after.history.map((h: Json) => h.type)).toContain('timer.fired');
    const row = await db().selectFrom('timers').selectAll().where('id', '=', timer!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'fired', locked_by: null, locked_until: null, attempts: 1 });
    expect(row.fired_at).toBeInstanceOf(Date);
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'action']).where('subject_id', '=', id).execute();
    expect(audit).toContainEqual({ actor: 'system', action: 'timer.fired' });
    // Nothing left: a second drain fires nothing again.
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(0);
  });

  it('fires an SLA and escalates: the overdue approval is reassigned to HR', async () => {
    const id = await start('sla', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const [timer] = await timersOf(id, 'sla');
    await makeDue(ctx(), timer!.id);
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
    const after = await instance(id);
    expect(after.history.map((h: Json) => h.type)).toContain('sla.breached');
    expect(after.openTasks).toHaveLength(1);
    expect(after.openTasks[0].assignees).toEqual(['hr1']);
  });

  it('marks a timer of an ended instance obsolete instead of failing', async () => {
    const id = await start('wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const [timer] = await timersOf(id, 'node');
    // A cancelled instance's timers are cancelled by the pipeline; this one is left behind as after a crash.
    const cancelled = await ctx().call({ method: 'POST', url: `/api/instances/${id}/cancel`, payload: {}, token: as('emp') });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await db().updateTable('timers').set({ status: 'scheduled', due_at: new Date(Date.now() - 1000) }).where('id', '=', timer!.id).execute();
    const report = await ctx().app.baton.workers.drain();
    expect(report.timers).toMatchObject({ obsolete: 1, fired: 0, retry: 0 });
    const row = await db().selectFrom('timers').selectAll().where('id', '=', timer!.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('obsolete');
    expect(row.last_error).toMatch(/ended \(withdrawn\)/);
  });

  it('fires a date-offset rule the day before the last working day: its task is created', async () => {
    // The last working day is past, so the reminder is already due.
    const id = await start('exit', { employeeId: 'emp', lastWorkingDay: '2024-03-15' });
    const [timer] = await timersOf(id, 'rule');
    expect(timer!.due_at.toISOString()).toBe('2024-03-14T01:00:00.000Z');
    const report = await ctx().app.baton.workers.drain();
    expect(report.timers.fired).toBe(1);
    const tasks = await ctx().database.db.selectFrom('tasks').selectAll().where('instance_id', '=', id).where('source', '=', 'rule').execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'open', assignees: ['hr1'], title: { en: 'Prepare the exit of Zhang San' } });
    const history = await instance(id);
    expect(history.history.map((h: Json) => h.type)).toContain('task.created');
    const audit = await ctx().database.db.selectFrom('audit_log').select(['action', 'data']).where('subject_id', '=', id).where('action', '=', 'rule.timer-fired').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ timerId: timer!.id, rules: ['exit-day-before@1'] });
  });

  it('fires a reminder: its prepared notification goes to the outbox', async () => {
    const id = await start('exit', { employeeId: 'emp', lastWorkingDay: '2031-03-15' });
    const [timer] = await timersOf(id, 'reminder');
    expect(timer!.due_at.getTime() - Date.now()).toBeGreaterThan(86_400_000);
    const notifications = () => db().selectFrom('outbox').select('effect').where('instance_id', '=', id).where('effect_type', '=', 'notify').execute();
    expect(await notifications()).toHaveLength(0);
    await makeDue(ctx(), timer!.id);
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
    const sent = await notifications();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.effect).toMatchObject({ type: 'notify', to: ['emp'], title: { en: 'Hand over your laptop' } });
  });

  it('re-plans a moved date: the timer fires only at its new time', async () => {
    const id = await start('exit', { employeeId: 'emp', lastWorkingDay: '2024-04-10' });
    const [timer] = await timersOf(id, 'rule');
    expect(timer!.due_at.toISOString()).toBe('2024-04-09T01:00:00.000Z');
    // Before any worker ran, the manager moves the last day far ahead: the timer moves with it.
    const approval = (await ctx().call({ method: 'GET', url: `/api/tasks?instanceId=${id}`, token: as('mgr') })).json().items[0];
    const moved = await ctx().call({ method: 'POST', url: `/api/tasks/${approval.id}/actions`, payload: { action: 'approve', data: { lastWorkingDay: '2032-06-30' } }, token: as('mgr') });
    expect(moved.statusCode, moved.body).toBe(200);
    const [replanned] = await timersOf(id, 'rule');
    expect(replanned!.id).toBe(timer!.id);
    expect(replanned!.due_at.toISOString()).toBe('2032-06-29T01:00:00.000Z');
    const ruleTasks = () => ctx().database.db.selectFrom('tasks').select('effect_key').where('instance_id', '=', id).where('source', '=', 'rule').execute();
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(0);
    expect(await ruleTasks()).toHaveLength(0);

    // 2032-06-29 comes: it fires once, as the new time's decision.
    await makeDue(ctx(), timer!.id);
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
    const tasks = await ruleTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.effect_key).toContain('@2032-06-29T01:00:00.000Z');
  });

  it('leaves a timer that moved after it was claimed to fire at its new time', async () => {
    const id = await start('exit', { employeeId: 'emp', lastWorkingDay: '2024-05-20' });
    const [timer] = await timersOf(id, 'rule');
    const services = executionServices(ctx().database, ctx().config);
    const log = ctx().app.log;
    const workerCtx = { db: ctx().database.db, config: ctx().config, services, settings: ctx().config.workers, workerId: 'test-worker', log };
    const claimed = await claimTimers(ctx().database.db, 'test-worker', 10, 60_000);
    const mine = claimed.find((c) => c.id === timer!.id)!;
    expect(mine).toBeDefined();
    // Between claim and fire the date changes (another process's command commits).
    const approval = (await ctx().call({ method: 'GET', url: `/api/tasks?instanceId=${id}`, token: as('mgr') })).json().items[0];
    const moved = await ctx().call({ method: 'POST', url: `/api/tasks/${approval.id}/actions`, payload: { action: 'approve', data: { lastWorkingDay: '2033-01-31' } }, token: as('mgr') });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await fireTimer(workerCtx, mine)).toBe('skipped');
    const row = await db().selectFrom('timers').selectAll().where('id', '=', timer!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'scheduled', locked_by: null, locked_until: null });
    expect(row.due_at.toISOString()).toBe('2033-01-30T01:00:00.000Z');
    // Other claims of that call are released so later tests see a clean table.
    await db().updateTable('timers').set({ locked_by: null, locked_until: null }).where('locked_by', '=', 'test-worker').execute();
  });

  it('retries a failing timer with backoff, dead-letters it, and replays it through the API', async () => {
    const id = await start('wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const [timer] = await timersOf(id, 'node');
    // The pipeline fails while firing this instance's timer (e.g. a broken database function).
    await sql`create or replace function baton_test_refuse() returns trigger language plpgsql as $$
      begin if new.type = 'timer.fired' and new.instance_id = ${sql.lit(id)} then raise exception 'history is read-only today'; end if; return new; end $$`.execute(ctx().database.db);
    await sql`create trigger baton_test_refuse before insert on history for each row execute function baton_test_refuse()`.execute(ctx().database.db);
    await makeDue(ctx(), timer!.id);
    const first = await ctx().app.baton.workers.drain();
    expect(first.timers).toMatchObject({ retry: 1, fired: 0 });
    let row = await db().selectFrom('timers').selectAll().where('id', '=', timer!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'scheduled', attempts: 1, locked_by: null, last_error: 'history is read-only today' });
    // Backoff: base 30 s ±20 %, held in locked_until; the due time itself is unchanged.
    const wait = row.locked_until!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(37_000);
    for (let attempt = 2; attempt <= ctx().config.workers.timerMaxAttempts; attempt++) {
      await db().updateTable('timers').set({ locked_until: new Date(Date.now() - 1) }).where('id', '=', timer!.id).execute();
      await ctx().app.baton.workers.drain();
    }
    row = await db().selectFrom('timers').selectAll().where('id', '=', timer!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'dead', attempts: ctx().config.workers.timerMaxAttempts });

    const hrToken = await ctx().tokenFor('hr1', ['hr']);
    expect((await ctx().call({ method: 'GET', url: '/api/timers?status=dead', token: hrToken })).statusCode).toBe(403);
    const dead = await ctx().call({ method: 'GET', url: `/api/timers?status=dead&instanceId=${id}` });
    expect(dead.statusCode, dead.body).toBe(200);
    expect(dead.json().items).toHaveLength(1);
    expect(dead.json().items[0]).toMatchObject({ id: timer!.id, status: 'dead', kind: 'node', lastError: 'history is read-only today' });

    await sql`drop trigger baton_test_refuse on history`.execute(ctx().database.db);
    const replay = await ctx().call({ method: 'POST', url: `/api/timers/${encodeURIComponent(timer!.id)}/replay`, payload: { comment: 'trigger removed' } });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'scheduled', attempts: 0 });
    const again = await ctx().call({ method: 'POST', url: `/api/timers/${encodeURIComponent(timer!.id)}/replay`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('BATON_E_TIMER_NOT_DEAD');
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
    expect((await instance(id)).activeNodes).toEqual(['hrTask']);
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'timer.replayed').execute();
    expect(audit).toEqual([{ actor: 'admin', data: expect.objectContaining({ kind: 'node', instanceId: id, comment: 'trigger removed' }) }]);
  });

  it('plans a schedule rule, fires it, and plans its next run under the same timer', async () => {
    await publish(ctx(), dailyDigestRule);
    await ctx().app.baton.workers.drain();
    const id = 'rule:daily-digest:*:schedule';
    const planned = await db().selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(planned).toMatchObject({ status: 'scheduled', kind: 'rule', instance_id: null });
    expect(planned.due_at.getTime()).toBeGreaterThan(Date.now());
    expect(planned.due_at.toISOString()).toMatch(/T01:00:00\.000Z$/);
    await makeDue(ctx(), id);
    expect((await ctx().app.baton.workers.drain()).timers.fired).toBe(1);
    const next = await db().selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(next).toMatchObject({ status: 'scheduled', attempts: 0, locked_by: null });
    expect(next.fired_at).toBeInstanceOf(Date);
    expect(next.due_at.getTime() - planned.due_at.getTime()).toBe(86_400_000);
    const digests = await db().selectFrom('outbox').select('effect').where('effect_type', '=', 'notify').where('instance_id', 'is', null).execute();
    expect(digests).toHaveLength(1);
    expect(digests[0]!.effect).toMatchObject({ to: ['hr1'], title: { en: 'Exits today' } });
    // A second sync changes nothing: the next run is already planned.
    await ctx().app.baton.workers.drain();
    expect((await db().selectFrom('timers').select('due_at').where('id', '=', id).executeTakeFirstOrThrow()).due_at).toEqual(next.due_at);
  });

  it('fires at start-up what fell due while the service was down', async () => {
    const id = await start('wait', { employeeId: 'emp', lastWorkingDay: '2031-01-10' });
    const [timer] = await timersOf(id, 'node');
    await makeDue(ctx(), timer!.id);
    // A second app on the same database, as after a restart: workers on, polling only once a minute, so
    // only its first round (at start) can fire the timer.
    const base = testConfig();
    const app = await buildApp({ db: ctx().database, config: testConfig({ workers: { ...base.workers, enabled: true, pollIntervalMs: 60_000 } }), logger: false });
    try {
      await app.ready();
      const deadline = Date.now() + 10_000;
      let status = 'scheduled';
      while (status !== 'fired' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await db().selectFrom('timers').select('status').where('id', '=', timer!.id).executeTakeFirstOrThrow()).status;
      }
      expect(status).toBe('fired');
    } finally {
      await app.close();
    }
    expect((await instance(id)).activeNodes).toEqual(['hrTask']);
  });

  it('keeps the history replayable: the fired steps fold into the stored state', async () => {
    const rows = await ctx().database.db.selectFrom('instances').select(['id', 'state']).where('flow_key', '=', 'wait').execute();
    for (const row of rows) {
      const events = await ctx().database.db.selectFrom('history').selectAll().where('instance_id', '=', row.id).where('source', '=', 'flow').orderBy('seq').execute();
      const replayed = replayFlow(events.map(historyEvent));
      expect(replayed.status).toBe((row.state as Json).status);
      expect(replayed.timers).toEqual((row.state as Json).timers);
    }
  });
});
