import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { approvalFlow, inParallel, people, requestForm } from './reliability-fixtures.js';
import { api, freePort, scratchDatabase, startServer, waitForHealth, type ServerProcess } from './server-process.js';

const databaseUrl = process.env.DATABASE_URL;
const skipReason = databaseUrl ? undefined : 'skipped: DATABASE_URL is not set (kill -9 needs a real PostgreSQL server)';
const ADMIN = 'reliability-admin-token-0123456789abcdef';
const COMPLETIONS = 500;

// Issue 3 §5: kill -9 the server during 500 concurrent task completions, restart: every completion a
// client saw a 2xx for is there, none twice, and the audit chain verifies.
describe.skipIf(!databaseUrl)(`reliability: kill -9 during 500 concurrent completions${skipReason ? ` — ${skipReason}` : ''}`, () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const clean of cleanups.reverse()) await clean().catch(() => {});
  });

  it('keeps every acknowledged completion exactly once and a verifiable chain', { timeout: 240_000 }, async () => {
    const scratch = await scratchDatabase(databaseUrl!, 'baton_rel_kill');
    cleanups.push(() => scratch.drop());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-rel-kill-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env = {
      DATABASE_URL: scratch.url,
      BATON_DATA_DIR: dataDir,
      BATON_BOOTSTRAP_TOKEN: ADMIN,
      BATON_MASTER_KEY: '3c'.repeat(32),
      BATON_RATE_LIMIT_MAX: '10000000',
      BATON_AUDIT_HEAD_INTERVAL_MS: '250',
      BATON_STARTER_PACK: 'off',
    };
    const servers: ServerProcess[] = [];
    cleanups.push(async () => {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    });
    const t0 = Date.now();
    const lap = (what: string) => console.log(`[kill-restart] ${what}: ${Date.now() - t0} ms`);
    const first = startServer(port, env);
    servers.push(first);
    await waitForHealth(first);
    lap('first server healthy');
    const base = first.url;

    expect((await api(base, ADMIN, 'POST', '/directory/import', people)).status).toBe(200);
    for (const def of [requestForm, approvalFlow]) {
      expect((await api(base, ADMIN, 'POST', '/definitions', def)).status).toBeLessThan(300);
      expect((await api(base, ADMIN, 'POST', `/definitions/${def.kind}/${def.key}/publish`, {})).status).toBe(200);
    }
    const emp = (await api(base, ADMIN, 'POST', '/tokens', { userId: 'emp' })).json.token as string;
    const boss = (await api(base, ADMIN, 'POST', '/tokens', { userId: 'boss' })).json.token as string;
    const instances = await inParallel(Array.from({ length: COMPLETIONS }), 32, async () => {
      const res = await api(base, emp, 'POST', '/flows/rel-approval/instances', { data: { employeeId: 'emp' } });
      expect(res.status).toBe(201);
      return res.json.id as string;
    });
    lap('instances started');
    const sql = new pg.Client({ connectionString: scratch.url });
    await sql.connect();
    cleanups.push(() => sql.end());
    const taskIds = (await sql.query<{ id: string }>(`select id from tasks where status = 'open' and instance_id = any($1)`, [instances])).rows.map((r) => r.id);
    expect(taskIds).toHaveLength(COMPLETIONS);

    // 500 completions at once; SIGKILL once a third of them have answered.
    const acknowledged: string[] = [];
    let answered = 0;
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    };
    const inFlight = taskIds.map(async (taskId) => {
      try {
        const res = await api(base, boss, 'POST', `/tasks/${taskId}/actions`, { action: 'approve' });
        if (res.status >= 200 && res.status < 300) acknowledged.push(taskId);
        else if (res.status >= 500) throw new Error(`${res.status} ${JSON.stringify(res.json)}`);
      } catch (err) {
        if (!killed) throw err; // only the kill may cut a request off
      } finally {
        answered += 1;
        if (answered >= COMPLETIONS / 3) kill();
      }
    });
    const safety = setTimeout(kill, 20_000);
    await Promise.all(inFlight);
    clearTimeout(safety);
    await first.exited;
    lap(`killed after ${acknowledged.length} acknowledged`);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(COMPLETIONS);

    // Restart on the same database and data folder (the signing key and the signed heads survive).
    const second = startServer(port, env);
    servers.push(second);
    await waitForHealth(second);
    lap('second server healthy');

    const done = await sql.query<{ id: string; status: string }>(`select id, status from tasks where id = any($1)`, [acknowledged]);
    expect(done.rows.filter((r) => r.status !== 'completed')).toEqual([]);
    const twice = await sql.query(`select instance_id, count(*) from history where type = 'task.completed' group by instance_id having count(*) > 1`);
    expect(twice.rows).toEqual([]);
    const auditTwice = await sql.query(`select data->>'taskId' as task, count(*) from audit_log where action = 'task.approve' group by 1 having count(*) > 1`);
    expect(auditTwice.rows).toEqual([]);
    const completed = Number((await sql.query(`select count(*) as n from tasks where status = 'completed' and id = any($1)`, [taskIds])).rows[0].n);
    const audited = Number((await sql.query(`select count(*) as n from audit_log where action = 'task.approve'`)).rows[0].n);
    expect(audited).toBe(completed); // every completion that committed has its one entry, acknowledged or not

    // The completions nobody heard back about: each either happened once or can still happen once.
    const unanswered = taskIds.filter((id) => !acknowledged.includes(id));
    const retried = await inParallel(unanswered, 32, (taskId) => api(second.url, boss, 'POST', `/tasks/${taskId}/actions`, { action: 'approve' }));
    expect(retried.filter((r) => r.status !== 200 && r.status !== 409).map((r) => `${r.status} ${JSON.stringify(r.json)}`)).toEqual([]);
    lap('retried');
    const finalTwice = await sql.query(`select instance_id from history where type = 'task.completed' group by instance_id having count(*) <> 1`);
    expect(finalTwice.rows).toEqual([]);

    // Entries the first process committed but never chained are linked by the new one; the chain, its
    // checkpoints and the head signed before the kill all verify.
    const verify = await api(second.url, ADMIN, 'GET', '/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.json).toMatchObject({ ok: true, pending: 0 });
    expect(verify.json.signedHead).toMatchObject({ valid: true, matches: true });
  });
});
