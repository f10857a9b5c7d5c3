import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Running {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, exited };
}

async function waitForHealth(port: number, running: Running): Promise<Response> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/api/health`);
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${running.stdout()}`);
      if (running.child.exitCode !== null) throw new Error(`server exited:\n${running.stdout()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// The real entry point, as `pnpm start` runs it, on the embedded database in a fresh data folder.
describe('pnpm start (embedded PGlite)', () => {
  let dataDir = '';
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts, prints a generated admin token once, keeps data across a restart and stops on SIGTERM', { timeout: 120_000 }, async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-data-'));
    const port = await freePort();
    const first = start({ PORT: String(port), BATON_DATA_DIR: dataDir, BATON_BOOTSTRAP_TOKEN: '' });
    children.push(first.child);
    const health = await waitForHealth(port, first);
    expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' });
    const token = /\n\s+(baton_[A-Za-z0-9_-]+)\n/.exec(first.stdout())?.[1];
    expect(token, first.stdout()).toBeDefined();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const imported = await fetch(`http://127.0.0.1:${port}/api/directory/import`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ users: [{ id: 'kept', name: 'Kept' }] }),
    });
    expect(imported.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start({ PORT: String(port), BATON_DATA_DIR: dataDir, BATON_BOOTSTRAP_TOKEN: '' });
    children.push(second.child);
    await waitForHealth(port, second);
    expect(second.stdout()).not.toContain('baton_');
    const user = await fetch(`http://127.0.0.1:${port}/api/directory/users/kept`, { headers });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { name: string }).name).toBe('Kept');
    const unauthenticated = await fetch(`http://127.0.0.1:${port}/api/directory/users/kept`);
    expect(unauthenticated.status).toBe(401);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
