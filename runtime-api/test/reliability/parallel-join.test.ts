import { expect, it } from 'vitest';
import { historyEvent } from '../../src/execution/history-rows.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { expectOk, inParallel, setUpDefinitions } from './reliability-fixtures.js';

type Json = Record<string, any>;

// Issue 3 §5: two parallel branches completing at the same moment, 200 times: the join fires once each time.
forEachDatabase('reliability: parallel branches completing at once', (ctx) => {
  it('fires the join exactly once for every instance', { timeout: 150_000 }, async () => {
    // PGlite runs one transaction at a time (no real race); it checks the same path with fewer instances.
    const runs = ctx().dialect === 'postgres' ? 200 : 25;
    await setUpDefinitions(ctx());
    const emp = await ctx().tokenFor('emp', []);
    const it1 = await ctx().tokenFor('it1', []);
    const fin1 = await ctx().tokenFor('fin1', []);
    const { db } = ctx().database;

    const started = await inParallel(Array.from({ length: runs }), 8, async () => {
      const res = await ctx().call({ method: 'POST', url: '/api/flows/rel-join/instances', payload: { data: { employeeId: 'emp' } }, token: emp });
      expectOk(res, 'start');
      return res.json().id as string;
    });
    const tasks = await db.selectFrom('tasks').select(['id', 'instance_id', 'node_id']).where('status', '=', 'open').where('instance_id', 'in', started).execute();
    expect(tasks).toHaveLength(runs * 2);
    const byInstance = new Map<string, { it?: string; finance?: string }>();
    for (const task of tasks) byInstance.set(task.instance_id!, { ...byInstance.get(task.instance_id!), [task.node_id]: task.id });

    // Eight instances at a time, and inside each the two completions fired together.
    const outcomes = await inParallel(started, 8, async (instanceId) => {
      const pair = byInstance.get(instanceId)!;
      const [a, b] = await Promise.all([
        ctx().call({ method: 'POST', url: `/api/tasks/${pair.it}/actions`, payload: { action: 'complete' }, token: it1 }),
        ctx().call({ method: 'POST', url: `/api/tasks/${pair.finance}/actions`, payload: { action: 'complete' }, token: fin1 }),
      ]);
      return [a.statusCode, b.statusCode, a.statusCode === 200 ? '' : a.body, b.statusCode === 200 ? '' : b.body];
    });
    // Both completions succeed: they touch different tasks, and the loser of the race is retried.
    expect(outcomes.filter(([a, b]) => a !== 200 || b !== 200)).toEqual([]);

    const history = await db.selectFrom('history').selectAll().where('instance_id', 'in', started).execute();
    const count = new Map<string, { joins: number; ends: number; completed: number }>();
    for (const row of history) {
      const c = count.get(row.instance_id) ?? { joins: 0, ends: 0, completed: 0 };
      const event = historyEvent(row) as Json;
      if (row.type === 'node.entered' && event.payload?.joined !== undefined) c.joins += 1;
      if (row.type === 'node.entered' && event.nodeId === 'end') c.ends += 1;
      if (row.type === 'flow.completed') c.completed += 1;
      count.set(row.instance_id, c);
    }
    const wrong = started.filter((id) => {
      const c = count.get(id);
      return !c || c.joins !== 1 || c.ends !== 1 || c.completed !== 1;
    });
    expect(wrong.map((id) => ({ id, ...count.get(id) }))).toEqual([]);
    const statuses = await db.selectFrom('instances').select('status').where('id', 'in', started).execute();
    expect(statuses.every((s) => s.status === 'completed')).toBe(true);
    const audit = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'task.complete').where('subject_id', 'in', started).execute();
    expect(audit).toHaveLength(runs * 2);
    expect((await ctx().call({ method: 'GET', url: '/api/audit/verify' })).json()).toMatchObject({ ok: true, pending: 0 });
  });
});
