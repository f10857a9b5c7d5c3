import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PgbenchResult {
  tps: number;
  /** Per-transaction latency from pgbench's own log (-l), ms. */
  p50: number;
  p99: number;
}

/**
 * pgbench's TPS (TPC-B-like, scale 1) at `clients`, on the given scratch database, for `seconds`, with its
 * transactions' latency percentiles: the floor a durable command through HTTP stands beside.
 */
export function pgbenchRun(url: string, clients: number, seconds: number): PgbenchResult {
  const threads = String(Math.min(clients, 2));
  const logDir = mkdtempSync(path.join(tmpdir(), 'baton-pgbench-'));
  try {
    const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', threads, '-T', String(seconds), '-l', `--log-prefix=${path.join(logDir, 'tx')}`, url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const match = /tps = ([\d.]+)/.exec(out);
    if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
    // Each log line: client, transaction, latency in microseconds, script, epoch seconds, microseconds.
    const latencies = readdirSync(logDir)
      .flatMap((file) => readFileSync(path.join(logDir, file), 'utf8').split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
    return { tps: Number(match[1]), p50: at(50), p99: at(99) };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}

export function pgbenchInit(url: string): void {
  execFileSync('pgbench', ['-i', '-q', '-s', '1', url], { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function pgbenchAvailable(): boolean {
  try {
    execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
