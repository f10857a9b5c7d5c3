import { execFileSync } from 'node:child_process';

/** pgbench's TPS (TPC-B-like, scale 1) at `clients`, on the given scratch database, for `seconds`. */
export function pgbenchTps(url: string, clients: number, seconds: number): number {
  const threads = String(Math.min(clients, 2));
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', threads, '-T', String(seconds), url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const match = /tps = ([\d.]+)/.exec(out);
  if (!match) throw new Error(`pgbench printed no tps:\n${out}`);
  return Number(match[1]);
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
