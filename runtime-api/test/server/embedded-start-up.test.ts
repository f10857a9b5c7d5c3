import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = 'embedded-start-up-admin-token-0000000000';

// `pnpm start` on a new embedded data folder: the server runs from its bundle, the folder comes from the
// migrated template, /api/health answers while the starter pack is still being imported, and no request sees
// the database without the whole pack.
describe('embedded start-up', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('answers health early, serves the starter pack whole to the first request, and logs its phases', { timeout: 120_000 }, async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-start-up-'));
    const port = await freePort();
    let out = '';
    // What `pnpm start` runs: the bundled server (built first when its sources changed).
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', BATON_DATA_DIR: path.join(dataDir, 'data'), BATON_BOOTSTRAP_TOKEN: TOKEN, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await fetch(`${base}/api/health`).catch(() => undefined);
      if (res?.status === 200) {
        expect(await res.json()).toEqual({ status: 'ok', db: 'pglite' });
        break;
      }
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // At once, the very next request: the pack is there, whole (it waited for the import's transaction).
    const packs = await fetch(`${base}/api/packs`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(packs.status).toBe(200);
    expect(((await packs.json()) as { items: Array<{ key: string }> }).items.map((p) => p.key)).toContain('offboarding');
    const flows = await fetch(`${base}/api/definitions?kind=flow`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(flows.status).toBe(200);

    // The phases are logged at debug level once the starter pack is in; the folder came from the template.
    for (let i = 0; i < 100 && !out.includes('start-up phases'); i++) await new Promise((r) => setTimeout(r, 100));
    const line = out.split('\n').find((l) => l.includes('start-up phases'));
    expect(line, out).toBeDefined();
    const phases = Object.keys((JSON.parse(line!) as { phases: Record<string, unknown> }).phases);
    expect(phases.some((p) => /^open database \((from template|template built)\)$/.test(p)), phases.join(', ')).toBe(true);
    expect(phases).toContain('starter pack after listen (loaded)');
    // It ran from the bundle, not from the sources through tsx.
    expect(phases).toContain('node and bundle check');
    expect(out).not.toContain('could not be built');
    expect(out).toMatch(/"startupMs":\d+/);
    expect(await fs.readFile(path.join(dataDir, 'data', 'PG_VERSION'), 'utf8')).toMatch(/^\d+/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
