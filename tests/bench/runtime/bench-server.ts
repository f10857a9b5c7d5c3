import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_TOKEN = 'bench-admin-token-000000000000000000000000';

export interface BenchServer {
  url: string;
  /** Milliseconds from spawn to the first 200 of /api/health. */
  startupMs: number;
  /** The server process's CPU time so far (user + system, ms, from /proc): divide a phase's by its requests. */
  cpuMs(): number;
  /** The server process's id (its /proc entry). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** utime + stime of a process in ms (Linux /proc; clock ticks of 10 ms). NaN where /proc is missing. */
export function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * How a checkout's server is started: its scripts/start.mjs (the esbuild bundle `pnpm start` runs, built
 * here first when stale so that the start-up time is a start's, not a build's), or its src/server.ts through
 * tsx when the checkout has no start.mjs or BENCH_SERVER_FROM=source (an A/B of the two).
 */
function serverCommand(serverTs: string, nodeArgs: string[]): string[] {
  const startScript = path.join(path.dirname(serverTs), '../scripts/start.mjs');
  const bundleScript = path.join(path.dirname(serverTs), '../scripts/server-bundle.mjs');
  if (process.env.BENCH_SERVER_FROM === 'source' || !existsSync(startScript) || !existsSync(bundleScript)) {
    return [...nodeArgs, '--import', 'tsx', serverTs];
  }
  const built = spawnSync(process.execPath, [bundleScript], { cwd: path.dirname(bundleScript), encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the server bundle did not build:\n${built.stdout}${built.stderr}`);
  return [...nodeArgs, startScript];
}

/**
 * The runtime as operators run it: its own process (so the load generator does not share its event loop),
 * from the bundle `pnpm start` runs (see serverCommand), on PostgreSQL when `databaseUrl` is given, else on a
 * fresh embedded data folder. `entry` is another checkout's runtime-api/src/server.ts (an A/B baseline),
 * started the same way.
 */
export async function startBenchServer(options: { databaseUrl?: string; env?: Record<string, string>; nodeArgs?: string[]; entry?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baton-bench-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    BATON_DATA_DIR: dataDir,
    BATON_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    BATON_MASTER_KEY: '5a'.repeat(32),
    BATON_RATE_LIMIT_MAX: '100000000',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const args = serverCommand(options.entry ?? path.join(repoRoot, 'runtime-api/src/server.ts'), options.nodeArgs ?? []);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench server exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`bench server did not answer within 60 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    startupMs,
    cpuMs: () => processCpuMs(child.pid),
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
