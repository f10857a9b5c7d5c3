/**
 * Runtime benchmark (issue 3 §6): durable task completions per second through HTTP at 8 and 32 clients beside
 * pgbench's TPS at the same concurrency, one-step processes run to the end per second, commits and WAL
 * flushes per transition, embedded start-up time, and timers fired per second when many fall due at once
 * (timers-throughput.ts); the same on PGlite. Not a test: it prints figures.
 *
 *   pnpm bench:runtime            (PostgreSQL part needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_SECONDS=10 BENCH_TASKS=6000 pnpm bench:runtime  (longer runs; BENCH_WARM_UP=300 processes first, not counted)
 *   BENCH_TIMERS=10000 pnpm bench:runtime                 (fewer timers than the issue's 100,000, the default)
 *   BENCH_TIMER_RATE=1000 pnpm bench:runtime               (also timers due at a steady 1,000/s: lateness without a backlog)
 *   pnpm bench:timers                                     (only the timer part: timers-run.ts)
 */
import { approve, setUpBenchFlow, startOne, warmUp, type BenchActors } from './bench-flow.js';
import { createScratchDatabase, readCounters } from './bench-database.js';
import { ADMIN_TOKEN, startBenchServer } from './bench-server.js';
import { percentile, progress, runConcurrently } from './load-runner.js';
import { pgbenchAvailable, pgbenchInit, pgbenchRun } from './pgbench-baseline.js';
import { benchTimerLines, TIMERS_DEFAULT } from './timer-lines.js';

/** Enough completions for a window of several seconds at 8 clients, like pgbench's BENCH_SECONDS. */
const TASKS = Number(process.env.BENCH_TASKS ?? 3000);
/** Processes started and completed before measuring, not counted (see warmUp). */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 300);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 600);
const PGBENCH_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The issue's figure, 100,000 timers (BENCH_TIMERS=10000 for a shorter run). */
const TIMERS = Number(process.env.BENCH_TIMERS ?? TIMERS_DEFAULT);
/** Also timers falling due one after another at this rate (lateness when the workers keep up); 0 skips it. */
const TIMER_RATE = Number(process.env.BENCH_TIMER_RATE ?? 0);

/** The issue's reference machine: "on a 2-core machine pgbench gives about 3,600 TPS at 8 clients". */
const ISSUE_PGBENCH_AT_8 = 3600;

interface Line { label: string; value: string; note?: string }
const lines: Line[] = [];
const report = (label: string, value: string, note?: string) => {
  lines.push({ label, value, note });
  console.log(`  ${label.padEnd(58)} ${value.padStart(14)}${note ? '  ' + note : ''}`);
};

async function openTasks(actors: BenchActors, count: number): Promise<string[]> {
  const ids: string[] = [];
  const tick = progress('starting instances', count);
  await runConcurrently(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    ids.push(await startOne(actors, i));
    tick(ids.length);
  });
  return ids;
}

async function completions(actors: BenchActors, clients: number, serverCpuMs: () => number, counters?: () => Promise<{ writeTransactions: number; walSyncs: number }>) {
  const ids = await openTasks(actors, TASKS);
  const before = counters ? await counters() : undefined;
  const cpu = serverCpuMs();
  const own = process.cpuUsage();
  const result = await runConcurrently(ids, clients, (id) => approve(actors, id));
  const cpuMs = serverCpuMs() - cpu;
  const ownUsage = process.cpuUsage(own);
  const after = counters ? await counters() : undefined;
  const done = ids.length - result.failures;
  const perSecond = (done / result.elapsedMs) * 1000;
  return {
    perSecond,
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    writesPer: before && after ? (after.writeTransactions - before.writeTransactions) / done : undefined,
    walSyncsPer: before && after ? (after.walSyncs - before.walSyncs) / done : undefined,
    /** The server process's CPU per completion (user + system, /proc): what limits throughput here. */
    cpuPer: cpuMs / done,
    /** This process's CPU per completion: the load generator's share of the machine. */
    clientCpuPer: (ownUsage.user + ownUsage.system) / 1000 / done,
  };
}

async function oneStepProcesses(actors: BenchActors, clients: number, serverCpuMs: () => number): Promise<{ perSecond: number; cpuPer: number }> {
  const cpu = serverCpuMs();
  const result = await runConcurrently(Array.from({ length: PROCESSES }, (_, i) => i), clients, async (i) => {
    await approve(actors, await startOne(actors, i));
  });
  const done = PROCESSES - result.failures;
  return { perSecond: (done / result.elapsedMs) * 1000, cpuPer: (serverCpuMs() - cpu) / done };
}

async function benchDialect(name: 'postgres' | 'pglite', databaseUrl?: string, serverUrl?: string): Promise<void> {
  console.log(`\nRuntime on ${name}`);
  if (name === 'pglite') {
    // The first embedded start on a machine migrates the shared template once (pglite-template.ts); the
    // figure the target is about is a start from it, as every later `pnpm start` on a new folder is.
    const first = await startBenchServer({ databaseUrl });
    await first.stop();
    report(`  first start on this checkout (builds the template when missing)`, `${first.startupMs.toFixed(0)} ms`, 'not counted');
  }
  const server = await startBenchServer({ databaseUrl });
  try {
    report(`start-up to first /api/health 200 (${name})`, `${server.startupMs.toFixed(0)} ms`, name === 'pglite' ? 'target < 3000 ms (new data folder)' : undefined);
    const actors = await setUpBenchFlow(server.url, ADMIN_TOKEN);
    await warmUp(actors, WARM_UP, 8);
    const counters = databaseUrl ? () => readCounters(databaseUrl) : undefined;
    /** pgbench's TPS at 8 clients here: the issue's absolute targets assume about 3,600 on a 2-core machine. */
    let pgbenchAt8: number | undefined;
    for (const clients of [8, 32]) {
      let baseline: number | undefined;
      if (databaseUrl && pgbenchAvailable()) {
        const scratch = await createScratchDatabase(databaseUrl, 'baton_bench_pgbench');
        pgbenchInit(scratch.url);
        const pgbench = pgbenchRun(scratch.url, clients, PGBENCH_SECONDS);
        baseline = pgbench.tps;
        if (clients === 8) pgbenchAt8 = baseline;
        await scratch.drop();
        report(`pgbench TPS at ${clients} clients (baseline)`, baseline.toFixed(0));
        report(`  pgbench latency p50 / p99 at ${clients} clients`, `${pgbench.p50.toFixed(1)} / ${pgbench.p99.toFixed(1)} ms`, 'one SQL transaction, no HTTP');
      }
      const r = await completions(actors, clients, server.cpuMs, counters);
      const ratio = baseline ? `  ${(r.perSecond / baseline).toFixed(2)}× pgbench (target ≥ 0.3×, stretch 0.5×)` : '';
      report(`task completions/s through HTTP at ${clients} clients`, r.perSecond.toFixed(0), ratio.trim());
      report(`  latency p50 / p99 at ${clients} clients`, `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms`, clients === 32 ? 'target p99 < 50 ms' : undefined);
      report(`  server CPU per completion at ${clients} clients`, `${r.cpuPer.toFixed(2)} ms`, 'user + system of the server process');
      report(`  load generator CPU per completion at ${clients} clients`, `${r.clientCpuPer.toFixed(2)} ms`, 'this process, sharing the machine');
      // Writing transactions, not pg_stat_database's xact_commit: that also counts read-only statements (the
      // workers' polls) and lags up to a second, so it straddled the start-up phase before the measured one.
      if (r.writesPer !== undefined) report(`  commits / WAL flushes per completion at ${clients}`, `${r.writesPer.toFixed(2)} / ${r.walSyncsPer?.toFixed(2)}`, 'target ≤ 1 commit per action; the command and its share of audit chain runs');
    }
    const processes = await oneStepProcesses(actors, 16, server.cpuMs);
    report(`one-step processes started and completed/s (${name}, 16 clients)`, processes.perSecond.toFixed(0), 'target ≥ 300/s (Zeebe ~248/s on ~10 cores)');
    if (pgbenchAt8) {
      // The issue sets 300/s where pgbench gives about 3,600 TPS at 8 clients; this machine's disk and syscalls may be slower.
      const scaled = (300 * pgbenchAt8) / ISSUE_PGBENCH_AT_8;
      report(`  the same target scaled to this machine's pgbench`, `≥ ${scaled.toFixed(0)}/s`, `300 × ${pgbenchAt8.toFixed(0)} ÷ ${ISSUE_PGBENCH_AT_8} pgbench TPS at 8 clients`);
    }
    report(`  server CPU per process (start + completion)`, `${processes.cpuPer.toFixed(2)} ms`);
  } finally {
    await server.stop();
  }
  if (TIMERS > 0) await benchTimerLines(name, TIMERS, serverUrl, { report, ratePerSecond: TIMER_RATE });
}

async function main(): Promise<void> {
  console.log(`Baton runtime benchmark: ${TASKS} tasks per concurrency level, ${PROCESSES} one-step processes`);
  const url = process.env.DATABASE_URL;
  if (url) {
    const scratch = await createScratchDatabase(url, 'baton_bench_runtime');
    try {
      await benchDialect('postgres', scratch.url, url);
    } finally {
      await scratch.drop();
    }
  } else {
    console.log('\nDATABASE_URL is not set: skipping the PostgreSQL half and pgbench (set it to postgres://postgres@127.0.0.1:5432/test).');
  }
  await benchDialect('pglite');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
