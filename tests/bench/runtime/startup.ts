/**
 * Start-up benchmark (issue 3: first /api/health 200 under 3 s embedded): `pnpm start`, as the README says,
 * timed from spawn to the first 200 of /api/health, on a new embedded data folder, on the same folder again
 * (existing), and on PostgreSQL (a new scratch database, then the same again) when DATABASE_URL is set.
 * Each case runs BENCH_STARTUP_RUNS times (default 3); the median is printed with the median of each phase
 * the server logs (src/server.ts) and the time spent before the server process (pnpm, the Node version check,
 * the designer's build check). Not a test: it prints figures.
 *
 *   pnpm --filter @baton/tests bench:startup
 *   BENCH_STARTUP_COMMAND="node runtime-api/scripts/start.mjs" …   (another command, run from the repo root)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from './bench-database.js';
import { freePort } from './bench-server.js';
import { percentile } from './load-runner.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
/** How long to wait after health for the phases line (logged once the starter pack is in). */
const PHASES_WAIT_MS = 20_000;

type Phases = Record<string, { wallMs: number; cpuMs: number }>;
interface Start {
  healthMs: number;
  /** From spawn to the server process's own start (pnpm and the scripts before it). */
  beforeServerMs?: number;
  phases: Phases;
}

/** `pnpm start` with the pnpm that runs this script, else the one on PATH; or BENCH_STARTUP_COMMAND. */
function command(): { file: string; args: string[] } {
  const custom = process.env.BENCH_STARTUP_COMMAND?.trim();
  if (custom) {
    const [file, ...args] = custom.split(/\s+/);
    return { file: file!, args };
  }
  const pnpm = process.env.npm_execpath;
  if (pnpm && /pnpm/.test(path.basename(pnpm))) {
    return /\.[cm]?js$/.test(pnpm) ? { file: process.execPath, args: [pnpm, 'start'] } : { file: pnpm, args: ['start'] };
  }
  return { file: 'pnpm', args: ['start'] };
}

async function startOnce(env: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const { file, args } = command();
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: repoRoot,
    env: { ...(process.env as Record<string, string>), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: pnpm, sh and node stop together.
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
      const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (res?.status === 200) break;
      if (performance.now() - started > 120_000) throw new Error(`no health 200 within 120 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const healthMs = performance.now() - started;
    const deadline = performance.now() + PHASES_WAIT_MS;
    while (!out.includes('"start-up phases"') && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const ready = lines.find((l) => l.msg === 'ready') as { time: number; startupMs: number } | undefined;
    const phases = (lines.find((l) => l.msg === 'start-up phases') as { phases?: Phases } | undefined)?.phases ?? {};
    return { healthMs, phases, ...(ready ? { beforeServerMs: ready.time - ready.startupMs - spawnedAt } : {}) };
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => percentile(values, 50);

function report(label: string, starts: Start[], target?: string): void {
  const health = starts.map((s) => s.healthMs);
  console.log(`\n  ${label}: first /api/health 200 after ${median(health).toFixed(0)} ms (median of ${starts.length}: ${health.map((h) => h.toFixed(0)).join(', ')})${target ? `  target ${target}` : ''}`);
  const before = starts.flatMap((s) => (s.beforeServerMs === undefined ? [] : [s.beforeServerMs]));
  if (before.length) console.log(`    ${'before the server process (pnpm, checks)'.padEnd(44)} ${median(before).toFixed(0).padStart(6)} ms wall`);
  // Phase names as the server logged them, in order; a phase missing from a run does not count for it.
  const names = [...new Set(starts.flatMap((s) => Object.keys(s.phases)))];
  for (const name of names) {
    const runs = starts.flatMap((s) => (s.phases[name] ? [s.phases[name]] : []));
    const wall = median(runs.map((r) => r.wallMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    console.log(`    ${name.padEnd(44)} ${wall.toFixed(0).padStart(6)} ms wall ${cpu.toFixed(0).padStart(6)} ms CPU`);
  }
}

/** One start not counted: builds what a first start after a change builds (template, bundle, designer). */
async function warmUp(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'baton-startup-'));
  try {
    const first = await startOnce({ DATABASE_URL: '', BATON_DATA_DIR: path.join(root, 'data') });
    console.log(`  warm-up start (not counted): ${first.healthMs.toFixed(0)} ms${Object.keys(first.phases).some((p) => p.includes('template built')) ? ', built the PGlite template' : ''}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function embedded(): Promise<void> {
  const fresh: Start[] = [];
  const existing: Start[] = [];
  for (let i = 0; i < RUNS; i++) {
    const root = mkdtempSync(path.join(tmpdir(), 'baton-startup-'));
    try {
      const env = { DATABASE_URL: '', BATON_DATA_DIR: path.join(root, 'data') };
      fresh.push(await startOnce(env));
      existing.push(await startOnce(env));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  report('PGlite, new data folder (copied from the migrated template)', fresh, '< 3000 ms');
  report('PGlite, existing data folder', existing, '< 3000 ms');
}

async function postgres(databaseUrl: string): Promise<void> {
  const fresh: Start[] = [];
  const existing: Start[] = [];
  const root = mkdtempSync(path.join(tmpdir(), 'baton-startup-'));
  try {
    for (let i = 0; i < RUNS; i++) {
      const scratch = await createScratchDatabase(databaseUrl, 'baton_bench_startup');
      try {
        const env = { DATABASE_URL: scratch.url, BATON_DATA_DIR: path.join(root, `data-${i}`) };
        fresh.push(await startOnce(env));
        existing.push(await startOnce(env));
      } finally {
        await scratch.drop();
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  report('PostgreSQL, new database (migrations and the starter pack before listening)', fresh);
  report('PostgreSQL, existing database', existing);
}

const { file, args } = command();
console.log(`Start-up (${[path.basename(file), ...args].join(' ')} from ${repoRoot}; ${RUNS} runs per case; machine load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
await warmUp();
await embedded();
if (process.env.DATABASE_URL) await postgres(process.env.DATABASE_URL);
else console.log('\n  PostgreSQL skipped: DATABASE_URL is not set');
