/**
 * Runtime benchmark (issue 3 §6): durable task completions per second through HTTP at 8 and 32 clients beside
 * pgbench's TPS at the same concurrency, one-step processes run to the end per second, commits and WAL
 * flushes per transition, embedded start-up time, and timers fired per second when many fall due at once
 * (timers-throughput.ts); the same on PGlite. Not a test: it prints figures.
 *
 *   pnpm bench:runtime            (PostgreSQL part needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_SECONDS=5 BENCH_TASKS=3000 pnpm bench:runtime   (longer runs)
 *   BENCH_TIMERS=100000 pnpm bench:runtime                (the timer figure; default 10,000)
 */
import { approve, setUpBenchFlow, startOne, type BenchActors } from './bench-flow.js';
import { createScratchDatabase, readCounters } from './bench-database.js';
import { ADMIN_TOKEN, startBenchServer } from './bench-server.js';
import { percentile, progress, runConcurrently } from './load-runner.js';
import { pgbenchAvailable, pgbenchInit, pgbenchTps } from './pgbench-baseline.js';
import { benchTimers } from './timers-throughput.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 1500);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 600);
const PGBENCH_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The figure is 100,000 timers; the default keeps a run short on a shared machine. */
const TIMERS = Number(process.env.BENCH_TIMERS ?? 10_000);

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

async function completions(actors: BenchActors, clients: number, counters?: () => Promise<{ commits: number; walSyncs: number }>) {
  const ids = await openTasks(actors, TASKS);
  const before = counters ? await counters() : undefined;
  const result = await runConcurrently(ids, clients, (id) => approve(actors, id));
  const after = counters ? await counters() : undefined;
  const done = ids.length - result.failures;
  const perSecond = (done / result.elapsedMs) * 1000;
  return {
    perSecond,
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    commitsPer: before && after ? (after.commits - before.commits) / done : undefined,
    walSyncsPer: before && after ? (after.walSyncs - before.walSyncs) / done : undefined,
  };
}

async function oneStepProcesses(actors: BenchActors, clients: number): Promise<number> {
  const result = await runConcurrently(Array.from({ length: PROCESSES }, (_, i) => i), clients, async (i) => {
    await approve(actors, await startOne(actors, i));
  });
  return ((PROCESSES - result.failures) / result.elapsedMs) * 1000;
}

async function benchDialect(name: 'postgres' | 'pglite', databaseUrl?: string, serverUrl?: string): Promise<void> {
  console.log(`\nRuntime on ${name}`);
  const server = await startBenchServer({ databaseUrl });
  try {
    report(`start-up to first /api/health 200 (${name})`, `${server.startupMs.toFixed(0)} ms`, name === 'pglite' ? 'target < 3000 ms' : undefined);
    const actors = await setUpBenchFlow(server.url, ADMIN_TOKEN);
    const counters = databaseUrl ? () => readCounters(databaseUrl) : undefined;
    for (const clients of [8, 32]) {
      let baseline: number | undefined;
      if (databaseUrl && pgbenchAvailable()) {
        const scratch = await createScratchDatabase(databaseUrl, 'baton_bench_pgbench');
        pgbenchInit(scratch.url);
        baseline = pgbenchTps(scratch.url, clients, PGBENCH_SECONDS);
        await scratch.drop();
        report(`pgbench TPS at ${clients} clients (baseline)`, baseline.toFixed(0));
      }
      const r = await completions(actors, clients, counters);
      const ratio = baseline ? `  ${(r.perSecond / baseline).toFixed(2)}× pgbench (target ≥ 0.3×, stretch 0.5×)` : '';
      report(`task completions/s through HTTP at ${clients} clients`, r.perSecond.toFixed(0), ratio.trim());
      report(`  latency p50 / p99 at ${clients} clients`, `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms`, clients === 32 ? 'target p99 < 50 ms' : undefined);
      if (r.commitsPer !== undefined) report(`  commits / WAL flushes per completion at ${clients}`, `${r.commitsPer.toFixed(2)} / ${r.walSyncsPer?.toFixed(2)}`, 'target ≤ 1 commit per action');
    }
    report(`one-step processes started and completed/s (${name}, 16 clients)`, (await oneStepProcesses(actors, 16)).toFixed(0), 'target ≥ 300/s (Zeebe ~248/s on ~10 cores)');
  } finally {
    await server.stop();
  }
  await benchTimerLine(name, serverUrl);
}

/** Timers due at once, fired by one process's workers (in this process, on its own scratch database). */
async function benchTimerLine(name: 'postgres' | 'pglite', databaseUrl?: string): Promise<void> {
  const scratch = databaseUrl ? await createScratchDatabase(databaseUrl, 'baton_bench_timers') : undefined;
  try {
    const r = await benchTimers(TIMERS, scratch?.url);
    report(`timers fired/s, ${r.timers} due at once (${name})`, r.perSecond.toFixed(0), 'target ≥ 2,000/s');
    report(`  timer lateness p99 (${name})`, `${(r.latenessP99Ms / 1000).toFixed(1)} s`, 'target < 2 s');
  } finally {
    await scratch?.drop();
  }
  // Baseline in the same run: one transaction per timer, as before batches (a fifth of the timers: it is slow).
  const baselineScratch = databaseUrl ? await createScratchDatabase(databaseUrl, 'baton_bench_timers') : undefined;
  try {
    const b = await benchTimers(Math.max(100, Math.round(TIMERS / 5)), baselineScratch?.url, { perTimer: true });
    report(`  baseline: one transaction per timer, ${b.timers} due (${name})`, b.perSecond.toFixed(0));
  } finally {
    await baselineScratch?.drop();
  }
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
