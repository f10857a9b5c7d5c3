import { expect, it } from 'vitest';
import { executionServices } from '../../src/execution/execution-services.js';
import { fireTimerBatch } from '../../src/workers/fire-timer-batch.js';
import { claimTimers } from '../../src/workers/timer-claims.js';
import { Workers } from '../../src/workers/workers.js';
import { workerDb } from '../../src/workers/worker-database.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { countQueries } from '../harness/query-counter.js';
import { leaveForm, makeDue, setUp, startInstance } from './worker-fixtures.js';

// A batch defers its commands' history, instance rows and audit entries to one statement per table
// (src/execution/deferred-writes.ts), and the loop keeps several batches in flight. These tests pin the
// statement count, what a batch that changes one instance twice leaves behind, and a stop mid-backlog.

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const node = (id: string, type: string, config?: Record<string, unknown>) => ({ id, type, name: t(id, id), ...(config ? { config } : {}) });

/** start → wait 1 hour → end: a timer step that writes no task. */
const pauseFlow = {
  kind: 'flow', key: 'pause-end', title: t('Pause', '暂停'), form: 'leave', timeZone: 'Asia/Shanghai',
  nodes: [node('start', 'start'), node('pause', 'timer', { duration: { amount: 1, unit: 'hours' } }), node('end', 'end')],
  edges: [{ id: 'e1', from: 'start', to: 'pause' }, { id: 'e2', from: 'pause', to: 'end' }],
};

/** A date-offset rule on the same instances: its timer and the step's can fall due in one batch. */
const dayBeforeRule = {
  kind: 'rule', key: 'pause-day-before', title: t('Day before', '前一天'), scope: { flow: 'pause-end' },
  trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: -1, unit: 'days', at: '09:00' } },
  actions: [{ type: 'create-task', params: { title: t('Prepare the exit', '准备离职'), assignees: [{ kind: 'role', role: 'hr' }] } }],
};

forEachDatabase('timer batch writes', (ctx) => {
  let as: (user: string) => string = () => '';
  const db = () => workerDb(ctx().database.db);
  const workerCtx = () => ({
    db: ctx().database.db,
    config: ctx().config,
    services: executionServices(ctx().database, ctx().config),
    settings: ctx().config.workers,
    workerId: 'writes-worker',
    log: ctx().app.log,
  });
  const startDue = async (count: number, kinds: string[]): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await startInstance(ctx(), as('emp'), 'pause-end', { employeeId: 'emp', lastWorkingDay: '2031-01-10' }));
    const timers = await db().selectFrom('timers').select('id').where('instance_id', 'in', ids).where('kind', 'in', kinds).execute();
    for (const timer of timers) await makeDue(ctx(), timer.id);
    return ids;
  };
  const fireDue = async () => {
    const claimed = await claimTimers(ctx().database.db, 'writes-worker', 100, 60_000);
    let outcomes: string[] = [];
    const cost = await countQueries(ctx().database, async () => {
      outcomes = [...(await fireTimerBatch(workerCtx(), claimed)).outcomes.values()];
    });
    return { outcomes, cost };
  };

  it('sets up', async () => {
    as = await setUp(ctx(), [leaveForm, pauseFlow, dayBeforeRule]);
  });

  it('fires a batch in the same number of statements whatever its size', async () => {
    // The first batch also fills this process's caches (definitions, webhook subscriptions).
    await startDue(1, ['node']);
    await fireDue();
    await startDue(3, ['node']);
    const small = await fireDue();
    expect(small.outcomes).toEqual(['fired', 'fired', 'fired']);
    const ids = await startDue(12, ['node']);
    const large = await fireDue();
    expect(large.outcomes).toEqual(Array(12).fill('fired'));
    // begin, lock, versions, mark, history, instances, audit, commit: none of them per timer. Each instance
    // the batch ends also looks for its rules' open to-dos to close (close-rule-tasks.ts), one select each,
    // because this flow has a rule in scope; a flow without rules skips it.
    const closing = (cost: { statements: string[] }) => cost.statements.filter((text) => /"source" = \$\d+ and "status" = \$\d+/.test(text) && text.includes('"tasks"')).length;
    expect(closing(small.cost)).toBe(3);
    expect(closing(large.cost)).toBe(12);
    expect(large.cost.roundTrips - 12, large.cost.statements.join('\n')).toBe(small.cost.roundTrips - 3);
    expect(large.cost.roundTrips - 12).toBeLessThanOrEqual(8);
    expect(large.cost.commits).toBe(1);
    for (const id of ids) {
      const view = (await ctx().call({ method: 'GET', url: `/api/instances/${id}` })).json();
      expect(view.status).toBe('completed');
      const history = await db().selectFrom('history').select(['seq', 'type']).where('instance_id', '=', id).orderBy('seq').execute();
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.map((h) => h.type)).toContain('timer.fired');
    }
    const audits = await db().selectFrom('audit_log').select('subject_id').where('action', '=', 'timer.fired').where('subject_id', 'in', ids).execute();
    expect(audits).toHaveLength(12);
  });

  it('changes one instance twice in a batch: the second timer sees the first one’s step', async () => {
    const [id] = (await startDue(1, ['node', 'rule'])) as [string];
    const before = await db().selectFrom('instances').select(['version', 'history_seq']).where('id', '=', id).executeTakeFirstOrThrow();
    const { outcomes } = await fireDue();
    expect(outcomes.sort()).toEqual(['fired', 'fired']);
    const after = await db().selectFrom('instances').select(['version', 'history_seq', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    // The timer step is a command (version + 1); the rule's task adds a runtime history row, not a version.
    expect(after.status).toBe('completed');
    expect(after.version).toBe(before.version + 1);
    const history = await db().selectFrom('history').select(['seq', 'type', 'source']).where('instance_id', '=', id).orderBy('seq').execute();
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    expect(after.history_seq).toBe(history.length);
    expect(history.filter((h) => h.type === 'task.created' && h.source === 'runtime')).toHaveLength(1);
    const tasks = await db().selectFrom('tasks').select('source').where('instance_id', '=', id).execute();
    expect(tasks.map((task) => task.source)).toEqual(['rule']);
    const actions = await db().selectFrom('audit_log').select('action').where('subject_id', '=', id).where('action', 'in', ['timer.fired', 'rule.timer-fired']).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['rule.timer-fired', 'timer.fired']);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
  });

  it('stops mid-backlog: batches in flight commit, nothing stays leased, the rest fire once afterwards', async () => {
    const ids = await startDue(120, ['node']);
    const { app, database, config } = ctx();
    // The loop itself (the harness runs none): small batches, so a stop finds some in flight.
    const workers = new Workers({ database, config: { ...config, workers: { ...config.workers, batchSize: 10, concurrency: 2 } }, handlers: app.baton.outboxHandlers, log: app.log });
    const firedCount = async () =>
      Number((await db().selectFrom('timers').select((eb) => eb.fn.countAll().as('n')).where('instance_id', 'in', ids).where('status', '=', 'fired').executeTakeFirstOrThrow()).n);
    workers.start();
    for (let i = 0; i < 500 && (await firedCount()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await workers.stop();
    const firedAtStop = await firedCount();
    expect(firedAtStop).toBeGreaterThan(0);
    const leased = await db().selectFrom('timers').select('id').where('instance_id', 'in', ids).where('locked_by', 'is not', null).execute();
    expect(leased).toEqual([]);
    await app.baton.workers.drain();
    expect(await firedCount()).toBe(120);
    const fired = await db().selectFrom('history').select('instance_id').where('instance_id', 'in', ids).where('type', '=', 'timer.fired').execute();
    expect(fired).toHaveLength(120);
    expect(new Set(fired.map((h) => h.instance_id)).size).toBe(120);
    // Claimed once each: a claim given back at the stop does not count as an attempt.
    const attempts = await db().selectFrom('timers').select(['attempts', 'last_error']).where('instance_id', 'in', ids).where('kind', '=', 'node').execute();
    expect(attempts).toHaveLength(120);
    expect(attempts.filter((t) => t.attempts !== 1)).toEqual([]);
    const audits = await db().selectFrom('audit_log').select('subject_id').where('action', '=', 'timer.fired').where('subject_id', 'in', ids).execute();
    expect(audits).toHaveLength(120);
  });
});
