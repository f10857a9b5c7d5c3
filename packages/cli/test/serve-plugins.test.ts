import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, tempDir } from './cli-harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cliBin = path.resolve(here, '../bin/baton.mjs');
const acmeBank = path.resolve(here, '../../../runtime-api/test/plugins/acme-bank-plugin.ts');
const TOKEN = 'serve-plugins-admin-token-000000000000000';

// A plugin with no imports at all: a plain ES module is all BATON_PLUGINS / --plugin need.
const STAMP_PLUGIN = `export default {
  name: 'acme/stamp',
  engine: '>=0.1.0',
  register(registry) {
    registry.registerFieldType({
      type: 'acme/stamp', version: '1.0.0', configSchema: { type: 'object' },
      describe: () => ({ label: { en: 'Stamp', 'zh-CN': '印章' } }),
      valueSchema: () => ({ type: 'string' }),
    });
  },
};
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('baton serve loads plugins', () => {
  let child: ChildProcess | undefined;
  let dir = '';
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('from BATON_PLUGINS and --plugin: their types are in the registry and the connector types', { timeout: 120_000 }, async () => {
    dir = await tempDir('serve-plugins');
    await fs.writeFile(path.join(dir, 'stamp-plugin.mjs'), STAMP_PLUGIN);
    const port = await freePort();
    let out = '';
    child = spawn(process.execPath, [cliBin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', 'data', '--plugin', './stamp-plugin.mjs'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: '', BATON_PLUGINS: acmeBank, BATON_BOOTSTRAP_TOKEN: TOKEN, BATON_STARTER_PACK: 'off', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 100_000;
    while ((await fetch(`${base}/api/health`).catch(() => undefined))?.status !== 200) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const headers = { authorization: `Bearer ${TOKEN}` };
    const registry = JSON.stringify(await (await fetch(`${base}/api/registry?locale=en`, { headers })).json());
    expect(registry).toContain('acme/iban');
    expect(registry).toContain('acme/await-bank');
    expect(registry).toContain('acme/stamp');
    const types = await (await fetch(`${base}/api/connector-types`, { headers })).text();
    expect(types).toContain('acme-bank');
    expect(out).toMatch(/plugins installed/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('names the --plugin flag in its help', async () => {
    const help = await baton(['serve', '--help']);
    expect([...help.out, ...help.err].join('\n')).toContain('--plugin <module>');
  });
});
