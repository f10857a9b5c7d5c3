/**
 * The server's CPU per one-step process (a start and its approval through HTTP, as run.ts's "one-step
 * processes" line), split into user and system time, A/B against another checkout's server under the same
 * load, rounds interleaved (see cpu-per-command.ts for why CPU time rather than throughput).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test flock /tmp/baton-bench.lock npx tsx tests/bench/runtime/cpu-per-process.ts
 *   BENCH_PROC_N=600 BENCH_PROC_ROUNDS=4 BENCH_PROC_CLIENTS=8 BENCH_PROC_WARM_UP=1000   (defaults; clients per server)
 *   BENCH_CPU_BASELINE=/path/to/other/runtime-api/src/server.ts  (A/B: both servers loaded at once, each
 *                                                                 round; BENCH_PROC_TOGETHER=0 alternates them).
 *                                                                 Run an A/A (a copy of this tree as baseline) too:
 *                                                                 at a load average of ~20 its rounds spread ±8 %.
 *   BENCH_PERF=/tmp/perf                                          also `perf record`s the current server there
 *                                                                 (Linux perf, with --perf-basic-prof: true CPU, kernel included)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { approve, setUpBenchFlow, startOne, warmUp, type BenchActors } from './bench-flow.js';
import { createScratchDatabase } from './bench-database.js';
import { ADMIN_TOKEN, startBenchServer, type BenchServer } from './bench-server.js';
import { runConcurrently } from './load-runner.js';

const N = Number(process.env.BENCH_PROC_N ?? 600);
const ROUNDS = Number(process.env.BENCH_PROC_ROUNDS ?? 4);
/** Clients per server. */
const CLIENTS = Number(process.env.BENCH_PROC_CLIENTS ?? 8);
/** Processes run before measuring: V8 still optimizes the command path for the first several hundred. */
const WARM_UP = Number(process.env.BENCH_PROC_WARM_UP ?? 1000);
const BASELINE = process.env.BENCH_CPU_BASELINE;
const PERF = process.env.BENCH_PERF;
/** With a baseline: run each round on both servers at once (default), or one after the other (BENCH_PROC_TOGETHER=0). */
const TOGETHER = process.env.BENCH_PROC_TOGETHER !== '0';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** [user, system] ms of a process (Linux /proc, clock ticks of 10 ms). */
function userSystemMs(pid: number): [number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [Number(fields[11]) * 10, Number(fields[12]) * 10];
}

interface Subject {
  name: string;
  server: BenchServer;
  pid: number;
  actors: BenchActors;
  user: number[];
  system: number[];
  drop: () => Promise<void>;
}

async function open(name: string, entry?: string): Promise<Subject> {
  const url = process.env.DATABASE_URL;
  const scratch = url ? await createScratchDatabase(url, `baton_bench_proc_${name}`) : undefined;
  const server = await startBenchServer({
    ...(scratch ? { databaseUrl: scratch.url } : {}),
    ...(entry ? { entry } : {}),
    ...(PERF && name === 'current' ? { nodeArgs: ['--perf-basic-prof-only-functions'] } : {}),
  });
  const pid = server.pid;
  if (pid === undefined) throw new Error('the bench server has no pid');
  const actors = await setUpBenchFlow(server.url, ADMIN_TOKEN);
  await warmUp(actors, WARM_UP, CLIENTS);
  return {
    name, server, pid, actors, user: [], system: [],
    drop: async () => {
      await server.stop();
      await scratch?.drop();
    },
  };
}

async function round(s: Subject, r: number): Promise<void> {
  const [u0, s0] = userSystemMs(s.pid);
  const result = await runConcurrently(Array.from({ length: N }, (_, i) => i), CLIENTS, async (i) => {
    await approve(s.actors, await startOne(s.actors, r * N + i));
  });
  const [u1, s1] = userSystemMs(s.pid);
  s.user.push((u1 - u0) / N);
  s.system.push((s1 - s0) / N);
  const total = s.user.at(-1)! + s.system.at(-1)!;
  console.log(
    `  ${s.name.padEnd(8)} server CPU per process ${total.toFixed(2)} ms (user ${s.user.at(-1)!.toFixed(2)}, system ${s.system.at(-1)!.toFixed(2)}), ` +
      `${((N / result.elapsedMs) * 1000).toFixed(0)} processes/s (shared machine)`,
  );
}

async function main(): Promise<void> {
  const subjects = [await open('current')];
  if (BASELINE) subjects.push(await open('baseline', BASELINE));
  const perf = PERF ? spawn('perf', ['record', '-F', '999', '-g', '-p', String(subjects[0]!.pid), '-o', `${PERF}/perf.data`], { stdio: 'ignore' }) : undefined;
  try {
    for (let r = 0; r < ROUNDS; r += 1) {
      // Together: both servers loaded at the same time, so a change in the machine's other load hits both alike.
      if (TOGETHER) await Promise.all(subjects.map((s) => round(s, r)));
      else for (const s of r % 2 === 0 ? subjects : [...subjects].reverse()) await round(s, r);
    }
    for (const s of subjects) {
      // The first round is left out: V8 is still optimizing the command path then.
      const totals = s.user.map((u, i) => u + s.system[i]!).slice(1);
      console.log(
        `${s.name}: ${process.env.DATABASE_URL ? 'postgres' : 'pglite'}, ${CLIENTS} clients, ${N} per round, ${ROUNDS} rounds: server CPU per process ` +
          `median ${median(totals).toFixed(2)} ms (min ${Math.min(...totals).toFixed(2)}, max ${Math.max(...totals).toFixed(2)}; ` +
          `user ${median(s.user.slice(1)).toFixed(2)}, system ${median(s.system.slice(1)).toFixed(2)}; first round left out)`,
      );
    }
    const [a, b] = subjects;
    if (a && b) {
      const ratios = a.user.map((u, i) => (u + a.system[i]!) / (b.user[i]! + b.system[i]!)).slice(1);
      console.log(`current / baseline per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(3)}`);
    }
  } finally {
    if (perf) {
      const ended = new Promise((r) => perf.once('exit', r));
      perf.kill('SIGINT');
      await ended;
    }
    for (const s of subjects) await s.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
