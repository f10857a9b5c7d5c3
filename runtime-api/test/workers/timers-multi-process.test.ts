import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { insertToken } from '../../src/auth/api-tokens.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type BatonDatabase } from '../../src/db/open-database.js';
import { TEST_MASTER_KEY, testConfig, type TestContext } from '../harness/for-each-database.js';
import { leaveForm, setUp, waitFlow } from './worker-fixtures.js';
import { freePort } from '../harness/free-port.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverUrl = process.env.DATABASE_URL;
const TIMERS = 1000;
const PROCESSES = 3;

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** The real entry point (`pnpm start`), on the test's database, workers on, polling every 200 ms. */
function startServer(databaseUrl: string, port: number, dataDir: string): Server {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: packageDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      BATON_DATA_DIR: dataDir,
      BATON_MASTER_KEY: TEST_MASTER_KEY,
      BATON_BOOTSTRAP_TOKEN: 'multi-process-test-admin-token',
      BATON_WORKERS: 'on',
      BATON_WORKER_POLL_MS: '200',
      BATON_STARTER_PACK: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
}

async function waitForHealth(server: Server): Promise<void> {
  // Three TypeScript processes starting together on a busy 2-core machine take their time.
  const deadline = Date.now() + 150_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

const suite = serverUrl ? describe : describe.skip;
const title = serverUrl
  ? `${PROCESSES} server processes on one PostgreSQL database, ${TIMERS} timers due at once`
  : `${PROCESSES} server processes, ${TIMERS} timers — skipped: DATABASE_URL is not set (this test needs a real PostgreSQL server)`;

suite(title, () => {
  const name = `baton_timers_${randomBytes(5).toString('hex')}`;
  const servers: Server[] = [];
  let database: BatonDatabase | undefined;
  let dataDir = '';

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await database?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    if (serverUrl) await admin(`drop database if exists ${name} with (force)`);
  });

  it('fires each timer exactly once', { timeout: 400_000 }, async () => {
    await admin(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 8, onConnectionError: () => {} });
    await migrateToLatest(database.db);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-multi-'));

    // Set-up through an in-process app (workers off): directory, definitions, one instance waiting at its
    // timer step through the real pipeline; then 999 copies of its rows (instance, history, timer) with fresh
    // ids, which is what 999 more starts would write, in a second instead of a minute on a busy machine.
    const config = testConfig();
    const app = await buildApp({ db: database, config, logger: false });
    await app.ready();
    const adminToken = (await insertToken(database.db, { userId: 'admin', roles: ['admin'], createdBy: 'test' })).token;
    const ctx: TestContext = {
      dialect: 'postgres', database, app, config, adminToken,
      tokenFor: async (userId, roles) => (await insertToken(database!.db, { userId, roles, createdBy: 'test' })).token,
      call: ({ token, headers, ...rest }) => app.inject({ ...rest, headers: { ...(token === null ? {} : { authorization: `Bearer ${token ?? adminToken}` }), ...headers } }),
    };
    const as = await setUp(ctx, [leaveForm, waitFlow]);
    const started = await ctx.call({ method: 'POST', url: '/api/flows/wait/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2031-01-10' } }, token: as('emp') });
    expect(started.statusCode, started.body).toBe(201);
    await app.close();
    const db = database.db;
    const iid: string = started.json().id;
    const tid = (await db.selectFrom('timers').select('id').where('instance_id', '=', iid).executeTakeFirstOrThrow()).id;
    const copies = TIMERS - 1;
    const swap = (column: string) => sql.raw(`replace(replace(${column}::text, '${tid}', 'timer-copy-' || g), '${iid}', 'instance-copy-' || g)::jsonb`);
    await db.transaction().execute(async (trx) => {
      await sql`insert into instances (id, flow_key, flow_version, status, state, data, version, started_by, created_at, updated_at, form_key, subject_id, history_seq)
        select 'instance-copy-' || g, flow_key, flow_version, status, ${swap('state')}, data, version, started_by, created_at, updated_at, form_key, subject_id, history_seq
          from instances, generate_series(1, ${copies}) g where id = ${iid}`.execute(trx);
      await sql`insert into history (instance_id, seq, type, payload, actor, at, source, node_id)
        select 'instance-copy-' || g, seq, type, ${swap('payload')}, actor, at, source, node_id
          from history, generate_series(1, ${copies}) g where instance_id = ${iid}`.execute(trx);
      await sql`insert into timers (id, instance_id, kind, payload, due_at, status)
        select 'timer-copy-' || g, 'instance-copy-' || g, kind, ${swap('payload')}, due_at, status
          from timers, generate_series(1, ${copies}) g where id = ${tid}`.execute(trx);
    });
    expect(Number((await sql<{ n: string }>`select count(*) as n from timers where kind = 'node' and status = 'scheduled'`.execute(db)).rows[0]!.n)).toBe(TIMERS);

    for (let i = 0; i < PROCESSES; i++) servers.push(startServer(url.toString(), await freePort(), dataDir));
    await Promise.all(servers.map(waitForHealth));

    // All due at the same instant, while three processes poll.
    const began = Date.now();
    await sql`update timers set due_at = now() where kind = 'node' and status = 'scheduled'`.execute(db);
    let fired = 0;
    while (fired < TIMERS && Date.now() - began < 180_000) {
      await new Promise((r) => setTimeout(r, 250));
      fired = Number((await sql<{ n: string }>`select count(*) as n from timers where kind = 'node' and status = 'fired'`.execute(db)).rows[0]!.n);
    }
    const seconds = (Date.now() - began) / 1000;
    console.log(`${TIMERS} timers fired by ${PROCESSES} processes in ${seconds.toFixed(1)} s (${Math.round(TIMERS / seconds)}/s incl. polling)`);
    expect(fired, servers.map((s) => s.output()).join('\n')).toBe(TIMERS);

    // Exactly once: one timer.fired event, one HR task and one audit entry per instance; nothing dead or retried.
    const perInstance = await sql<{ instance_id: string; n: string }>`
      select instance_id, count(*) as n from history where type = 'timer.fired' group by instance_id`.execute(db);
    expect(perInstance.rows).toHaveLength(TIMERS);
    expect(perInstance.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const tasks = await sql<{ n: string; d: string }>`select count(*) as n, count(distinct instance_id) as d from tasks where node_id = 'hrTask'`.execute(db);
    expect(tasks.rows[0]).toEqual({ n: TIMERS, d: TIMERS });
    const audits = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'timer.fired'`.execute(db);
    expect(Number(audits.rows[0]!.n)).toBe(TIMERS);
    const bad = await sql<{ n: string }>`select count(*) as n from timers where kind = 'node' and (attempts <> 1 or status <> 'fired')`.execute(db);
    expect(Number(bad.rows[0]!.n)).toBe(0);
    const running = await sql<{ n: string }>`select count(*) as n from instances where flow_key = 'wait' and state -> 'tokens' -> 0 ->> 'nodeId' = 'hrTask'`.execute(db);
    expect(Number(running.rows[0]!.n)).toBe(TIMERS);

    // Every process stops cleanly on SIGTERM (workers finish, leases released).
    for (const s of servers) s.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual(servers.map(() => 0));
  });
});
