/**
 * The server's CPU per command, the runtime's limit on a 2-core machine: starts and task completions of the
 * bench flow through HTTP, the server's CPU time (from /proc) divided by the requests. Far less noisy than
 * throughput on a shared machine (other processes' load changes the wall time much more than the CPU a
 * request costs), so it is what a change to the command path is judged by.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/runtime/cpu-per-command.ts
 *   BENCH_CPU_N=1000 BENCH_CPU_ROUNDS=3 BENCH_CPU_CLIENTS=8   (defaults)
 *   BENCH_CPU_PROF=/tmp/prof        also writes the server's V8 CPU profile (node --cpu-prof) there
 *   BENCH_CPU_BASELINE=/path/to/runtime-api/src/server.ts
 *                                   A/B: a second server from another checkout (e.g. the last commit's tree),
 *                                   each round measured on both, alternately, under the same load
 *   BENCH_CPU_NODE_ARGS="--max-semi-space-size=32"
 *                                   Node flags for the current server only (with a baseline of the same tree)
 */
import { approve, setUpBenchFlow, startOne, warmUp, type BenchActors } from './bench-flow.js';
import { createScratchDatabase, readCounters } from './bench-database.js';
import { ADMIN_TOKEN, processCpuMs, startBenchServer, type BenchServer } from './bench-server.js';
import pg from 'pg';
import { runConcurrently } from './load-runner.js';

const N = Number(process.env.BENCH_CPU_N ?? 1000);
const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_CPU_CLIENTS ?? 8);
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const BASELINE = process.env.BENCH_CPU_BASELINE;
/** Node flags for the "current" server only (e.g. a GC setting A/B against the same code as baseline). */
const CURRENT_NODE_ARGS = (process.env.BENCH_CPU_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Subject {
  name: string;
  server: BenchServer;
  actors: BenchActors;
  counters: (() => Promise<{ commits: number }>) | undefined;
  /** CPU ms of the PostgreSQL backends serving this subject's database (the server's pool), by pid. */
  backendCpu: (() => Promise<Map<number, number>>) | undefined;
  dbStarts: number[];
  dbCompletions: number[];
  drop: () => Promise<void>;
  starts: number[];
  completions: number[];
  commits: number[];
}

async function open(name: string, entry?: string): Promise<Subject> {
  const url = process.env.DATABASE_URL;
  const scratch = url ? await createScratchDatabase(url, `baton_bench_cpu_${name}`) : undefined;
  const server = await startBenchServer({
    ...(scratch ? { databaseUrl: scratch.url } : {}),
    ...(entry ? { entry } : {}),
    nodeArgs: [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/${name}`] : []), ...(name === 'current' ? CURRENT_NODE_ARGS : [])],
  });
  const actors = await setUpBenchFlow(server.url, ADMIN_TOKEN);
  await warmUp(actors, 200, CLIENTS);
  return {
    name, server, actors,
    counters: scratch ? () => readCounters(scratch.url) : undefined,
    backendCpu: scratch ? () => backendCpu(scratch.url) : undefined,
    dbStarts: [], dbCompletions: [],
    drop: async () => {
      await server.stop();
      await scratch?.drop();
    },
    starts: [], completions: [], commits: [],
  };
}

/** The database's backends' CPU (PostgreSQL on this machine: /proc of each backend of that database). */
async function backendCpu(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
  } finally {
    await client.end();
  }
}

function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) if (Number.isFinite(ms)) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

async function round(s: Subject): Promise<void> {
  const ids: string[] = [];
  let cpu = s.server.cpuMs();
  let db = await s.backendCpu?.();
  await runConcurrently(Array.from({ length: N }, (_, i) => i), CLIENTS, async (i) => {
    ids.push(await startOne(s.actors, i));
  });
  s.starts.push((s.server.cpuMs() - cpu) / N);
  let dbAfter = await s.backendCpu?.();
  if (db && dbAfter) s.dbStarts.push(cpuSince(db, dbAfter) / N);
  const before = await s.counters?.();
  cpu = s.server.cpuMs();
  db = await s.backendCpu?.();
  const result = await runConcurrently(ids, CLIENTS, (id) => approve(s.actors, id));
  s.completions.push((s.server.cpuMs() - cpu) / N);
  dbAfter = await s.backendCpu?.();
  if (db && dbAfter) s.dbCompletions.push(cpuSince(db, dbAfter) / N);
  const after = await s.counters?.();
  if (before && after) s.commits.push((after.commits - before.commits) / N);
  console.log(
    `  ${s.name.padEnd(8)} server CPU per start ${s.starts.at(-1)!.toFixed(2)} ms, per completion ${s.completions.at(-1)!.toFixed(2)} ms` +
      `${s.commits.length ? `, commits per completion ${s.commits.at(-1)!.toFixed(2)}` : ''}` +
      `${s.dbStarts.length ? `; database backends' CPU per start ${s.dbStarts.at(-1)!.toFixed(2)} ms, per completion ${s.dbCompletions.at(-1)!.toFixed(2)} ms` : ''} (${((N / result.elapsedMs) * 1000).toFixed(0)} completions/s, shared machine)`,
  );
}

async function main(): Promise<void> {
  const subjects = [await open('current')];
  if (BASELINE) subjects.push(await open('baseline', BASELINE));
  try {
    for (let r = 0; r < ROUNDS; r += 1) for (const s of r % 2 === 0 ? subjects : [...subjects].reverse()) await round(s);
    for (const s of subjects) {
      console.log(
        `${s.name}: ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}, ${CLIENTS} clients, ${N} per round, median of ${ROUNDS}: ` +
          `server CPU per start ${median(s.starts).toFixed(2)} ms, per completion ${median(s.completions).toFixed(2)} ms` +
          (s.commits.length ? `, commits per completion ${median(s.commits).toFixed(2)}` : '') +
          (s.dbStarts.length ? `; database backends' CPU per start ${median(s.dbStarts).toFixed(2)} ms, per completion ${median(s.dbCompletions).toFixed(2)} ms` : ''),
      );
    }
  } finally {
    for (const s of subjects) await s.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
