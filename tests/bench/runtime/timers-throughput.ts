/**
 * Timers falling due at once (issue 3 §6): N instances wait at a timer step, every timer is made due at the
 * same instant, and this process's workers fire them. Prints timers fired per second and the lateness p99
 * (fired_at − due_at). In-process (the workers are what is measured, not HTTP), on PostgreSQL or PGlite.
 *
 * Set-up: one instance is started through the real pipeline; its rows (instance, history, timer) are copied
 * N − 1 times with fresh ids in SQL, which is what N − 1 more starts would write, in seconds instead of minutes.
 */
import { buildApp } from '../../../runtime-api/src/app/build-app.js';
import { insertToken } from '../../../runtime-api/src/auth/api-tokens.js';
import { loadConfig } from '../../../runtime-api/src/config/runtime-config.js';
import { migrateToLatest } from '../../../runtime-api/src/db/migrate.js';
import { openDatabase } from '../../../runtime-api/src/db/open-database.js';
import { executionServices } from '../../../runtime-api/src/execution/execution-services.js';
import { fireTimer } from '../../../runtime-api/src/workers/fire-timer.js';
import { runConcurrently } from '../../../runtime-api/src/workers/run-concurrently.js';
import { claimTimers } from '../../../runtime-api/src/workers/timer-claims.js';
import { workerDb } from '../../../runtime-api/src/workers/worker-database.js';
import { oneStepFlow, t } from '../../../runtime-api/test/harness/one-step-flow.js';
import pg from 'pg';
import { benchForm } from './bench-flow.js';
import { quietOnScratchDrop } from './bench-database.js';
import { progress } from './load-runner.js';
import { benchSent, costBetween, costSnapshot, countStatements, type Cost } from './timer-cost-meter.js';

/** start → wait one hour → end */
const timerFlow = oneStepFlow(
  { key: 'bench-timer', title: t('Bench timer', '基准定时'), form: 'bench-request' },
  { id: 'pause', type: 'timer', name: t('Wait', '等待'), config: { duration: { amount: 1, unit: 'hours' } } },
);

export interface TimerBenchResult {
  timers: number;
  perSecond: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  /**
   * The same p99 as a client sees it: when 99 % of the timers were visible as fired (committed), polled every
   * 250 ms, minus the due time. fired_at is the firing transaction's clock, which is read before it commits.
   */
  visibleP99Ms: number;
  /** From the first due time to the last fired. */
  wallMs: number;
  /** While firing: statements sent by the workers, this process's CPU, the database backends' CPU (PostgreSQL). */
  cost: Cost;
}

export interface TimerBenchOptions {
  /** The baseline: each timer in its own transaction, as before batches. */
  perTimer?: boolean;
  label?: string;
  /**
   * Timers falling due at this steady rate (per second) instead of all at one instant: lateness then shows
   * how late a timer fires when the workers keep up, not how long a backlog takes to clear.
   */
  ratePerSecond?: number;
}

/**
 * Fires `count` timers due at once; `databaseUrl` is a scratch PostgreSQL database, else in-memory PGlite.
 * `perTimer` measures the baseline instead: the same claims, each timer fired in its own transaction
 * (`fireTimer`, as before batches), with the same concurrency.
 */
export async function benchTimers(count: number, databaseUrl?: string, options: TimerBenchOptions = {}): Promise<TimerBenchResult> {
  const database = await openDatabase({ databaseUrl, poolSize: 10, onConnectionError: quietOnScratchDrop });
  await migrateToLatest(database.db);
  const base = loadConfig({ BATON_DATA_DIR: '/tmp/baton-bench-timers' });
  const config = {
    ...base,
    masterKey: '5a'.repeat(32),
    logLevel: 'silent',
    rateLimit: { max: 100_000_000, timeWindowMs: 60_000 },
    workers: { ...base.workers, enabled: false, pollIntervalMs: 100, ...(process.env.BENCH_WORKER_CONCURRENCY ? { concurrency: Number(process.env.BENCH_WORKER_CONCURRENCY) } : {}), ...(process.env.BENCH_WORKER_BATCH ? { batchSize: Number(process.env.BENCH_WORKER_BATCH) } : {}) },
    audit: { ...base.audit, signingKey: '5a'.repeat(32), headFile: null },
  };
  const app = await buildApp({ db: database, config, logger: false });
  try {
    await app.ready();
    const admin = (await insertToken(database.db, { userId: 'admin', roles: ['admin'], createdBy: 'bench' })).token;
    const employee = (await insertToken(database.db, { userId: 'employee', roles: [], createdBy: 'bench' })).token;
    const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) => {
      const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json() as Record<string, unknown>;
    };
    await call('POST', '/api/directory/import', admin, {
      departments: [{ id: 'd1', name: 'Bench' }],
      users: [{ id: 'employee', name: 'Employee', departmentId: 'd1', roles: [] }],
    });
    for (const def of [benchForm, timerFlow]) {
      await call('POST', '/api/definitions', admin, def);
      await call('POST', `/api/definitions/${def.kind}/${def.key}/publish`, admin);
    }
    const started = await call('POST', '/api/flows/bench-timer/instances', employee, { data: { employeeId: 'employee' } });
    const db = database.db;
    const iid = String(started.id);
    const tid = (await db.selectFrom('timers').select('id').where('instance_id', '=', iid).executeTakeFirstOrThrow()).id;
    const copies = count - 1;
    // Ids come from this database (uuids and the engine's timer ids), so they are safe as literals here.
    const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
    const swap = (column: string) => `replace(replace(${column}::text, ${lit(tid)}, 'timer-copy-' || g), ${lit(iid)}, 'instance-copy-' || g)::jsonb`;
    await database.execScript(`begin;
      insert into instances (id, flow_key, flow_version, status, state, data, version, started_by, created_at, updated_at, form_key, subject_id, history_seq)
        select 'instance-copy-' || g, flow_key, flow_version, status, ${swap('state')}, data, version, started_by, created_at, updated_at, form_key, subject_id, history_seq
          from instances, generate_series(1, ${copies}) g where id = ${lit(iid)};
      insert into history (instance_id, seq, type, payload, actor, at, source, node_id)
        select 'instance-copy-' || g, seq, type, ${swap('payload')}, actor, at, source, node_id
          from history, generate_series(1, ${copies}) g where instance_id = ${lit(iid)};
      insert into timers (id, instance_id, kind, payload, due_at, status)
        select 'timer-copy-' || g, 'instance-copy-' || g, kind, ${swap('payload')}, due_at, status
          from timers, generate_series(1, ${copies}) g where id = ${lit(tid)};
      commit;
      analyze;`);
    // All due at one instant, or one after another at the given rate (in id order, which mixes instances).
    await database.execScript(
      options.ratePerSecond
        ? `with o as (select id, row_number() over (order by id) - 1 as n from timers where kind = 'node' and status = 'scheduled')
             update timers t set due_at = now() + o.n * ${1000 / options.ratePerSecond} * interval '1 millisecond' from o where t.id = o.id`
        : `update timers set due_at = now() where kind = 'node' and status = 'scheduled'`,
    );
    // The workers start right after.
    countStatements(database.pglite);
    const meter = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : undefined;
    meter?.on('error', quietOnScratchDrop);
    await meter?.connect();
    const meterQuery = meter ? async (text: string) => (await meter.query(text)).rows as Array<Record<string, unknown>> : undefined;
    const before = await costSnapshot(meterQuery);
    let stopBaseline = false;
    let baseline: Promise<void> | undefined;
    if (options.perTimer) {
      const ctx = { db, config, services: executionServices(database, config), settings: config.workers, workerId: 'bench-per-timer', log: app.log };
      baseline = (async () => {
        while (!stopBaseline) {
          const claimed = await claimTimers(db, ctx.workerId, config.workers.batchSize, config.workers.leaseMs);
          if (claimed.length === 0) await new Promise((r) => setTimeout(r, 50));
          await runConcurrently(claimed, config.workers.concurrency, async (timer) => {
            await fireTimer(ctx, timer);
          });
        }
      })();
    } else {
      app.baton.workers.start();
    }
    const began = Date.now();
    // The scheduled ones left, through the claim index (only the bench's timers are in this database).
    const countFired = async () => {
      benchSent();
      return count - Number((await db.selectFrom('timers').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'scheduled').executeTakeFirst())?.n ?? 0);
    };
    const tick = progress(options.label ?? 'timers fired', count);
    let fired = 0;
    let visibleP99At = NaN;
    while (fired < count && Date.now() - began < 1_800_000) {
      await new Promise((r) => setTimeout(r, 250));
      fired = await countFired();
      if (Number.isNaN(visibleP99At) && fired >= 0.99 * count) visibleP99At = Date.now();
      tick(fired);
    }
    const after = await costSnapshot(meterQuery);
    await meter?.end();
    stopBaseline = true;
    await baseline;
    await app.baton.workers.stop();
    const rows = await workerDb(db).selectFrom('timers').select(['status', 'due_at', 'fired_at']).where('kind', '=', 'node').execute();
    const firedRows = rows.filter((r) => r.status === 'fired' && r.fired_at);
    if (firedRows.length !== count) throw new Error(`only ${firedRows.length} of ${count} timers fired`);
    const lateness = firedRows.map((r) => r.fired_at!.getTime() - r.due_at.getTime()).sort((x, y) => x - y);
    // reduce, not Math.min(...rows): 100,000 arguments overflow the stack.
    const firstDue = firedRows.reduce((min, r) => Math.min(min, r.due_at.getTime()), Infinity);
    const lastFired = firedRows.reduce((max, r) => Math.max(max, r.fired_at!.getTime()), -Infinity);
    const at = (p: number) => lateness[Math.min(lateness.length - 1, Math.ceil(p * lateness.length) - 1)] ?? NaN;
    const wallMs = Math.max(1, lastFired - firstDue);
    return { timers: count, perSecond: (count / wallMs) * 1000, latenessP50Ms: at(0.5), latenessP99Ms: at(0.99), visibleP99Ms: visibleP99At - firstDue, wallMs, cost: costBetween(before, after) };
  } finally {
    await app.close();
    await database.close();
  }
}
