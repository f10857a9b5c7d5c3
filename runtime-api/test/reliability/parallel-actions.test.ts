import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { expectOk, setUpDefinitions } from './reliability-fixtures.js';

// Issue 3 §5: 200 parallel actions on one task, half of them with one Idempotency-Key.
forEachDatabase('reliability: 200 parallel actions on one task', (ctx) => {
  it('makes exactly one transition and writes exactly one audit entry for it', { timeout: 120_000 }, async () => {
    // PGlite runs one transaction at a time, so fewer requests show the same there; PostgreSQL gets all 200.
    const count = ctx().dialect === 'postgres' ? 200 : 40;
    await setUpDefinitions(ctx());
    const emp = await ctx().tokenFor('emp', []);
    const boss = await ctx().tokenFor('boss', []);
    const started = await ctx().call({ method: 'POST', url: '/api/flows/rel-approval/instances', payload: { data: { employeeId: 'emp' } }, token: emp });
    expectOk(started, 'start');
    const instanceId = started.json().id as string;
    const { db } = ctx().database;
    const task = await db.selectFrom('tasks').select('id').where('instance_id', '=', instanceId).where('status', '=', 'open').executeTakeFirstOrThrow();
    const versionBefore = (await db.selectFrom('instances').select('version').where('id', '=', instanceId).executeTakeFirstOrThrow()).version;

    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        ctx().call({
          method: 'POST',
          url: `/api/tasks/${task.id}/actions`,
          payload: { action: 'approve', comment: 'ok' },
          token: boss,
          headers: i % 2 === 0 ? { 'idempotency-key': 'approve-once' } : {},
        }),
      ),
    );

    const codes = responses.map((r) => r.statusCode);
    expect(codes.every((c) => c === 200 || c === 409), `codes: ${[...new Set(codes)].join(',')}`).toBe(true);
    const wins = responses.filter((r) => r.statusCode === 200 && r.headers['idempotent-replayed'] !== 'true');
    expect(wins).toHaveLength(1);
    const replays = responses.filter((r) => r.headers['idempotent-replayed'] === 'true');
    for (const replay of replays) expect(replay.body).toBe(wins[0]!.body);
    const refused = new Set(responses.filter((r) => r.statusCode === 409).map((r) => r.json().error.code));
    expect([...refused].every((c) => ['BATON_E_FLOW_TASK_CLOSED', 'BATON_E_FLOW_NOT_RUNNING', 'BATON_E_CONFLICT', 'BATON_E_IDEMPOTENCY_IN_FLIGHT'].includes(c)), [...refused].join(',')).toBe(true);

    const completions = await db.selectFrom('history').select('seq').where('instance_id', '=', instanceId).where('type', '=', 'task.completed').execute();
    expect(completions).toHaveLength(1);
    const versionAfter = (await db.selectFrom('instances').select('version').where('id', '=', instanceId).executeTakeFirstOrThrow()).version;
    expect(versionAfter).toBe(versionBefore + 1);
    const audit = await db.selectFrom('audit_log').select(['seq', 'hash']).where('subject_id', '=', instanceId).where('action', '=', 'task.approve').execute();
    expect(audit).toHaveLength(1);
    await ctx().app.baton.audit.scheduledRun(); // the chain run the answers asked for (within CHAIN_DELAY_MS)
    const chained = await db.selectFrom('audit_log').select('seq').where('subject_id', '=', instanceId).where('action', '=', 'task.approve').executeTakeFirstOrThrow();
    expect(chained.seq).not.toBeNull();
    const verify = await ctx().call({ method: 'GET', url: '/api/audit/verify' });
    expect(verify.json()).toMatchObject({ ok: true, pending: 0 });
  });
});
