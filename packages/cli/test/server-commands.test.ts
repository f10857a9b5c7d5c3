import fs from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '@baton/runtime-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../client/test/harness/test-server.js';
import { baton, packFiles, tempDir, writeFiles } from './cli-harness.js';

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  env = { BATON_URL: server.url, BATON_TOKEN: server.adminToken };
});
afterAll(() => server?.close());

describe('baton import / export / audit verify against a real server', () => {
  it('imports a pack folder and prints what happened to each definition', async () => {
    const dir = await tempDir('pack');
    await writeFiles(dir, packFiles(1));
    const run = await baton(['import', dir], { env });
    expect(run.code).toBe(0);
    expect(run.out).toEqual(['published  form/exit-request v1', 'published  report/exits v1', 'directory  1 department(s), 1 user(s)']);
    expect(run.err.join('\n')).toMatch(/forms\/exit-request\.json/);
    expect(run.err.at(-1)).toMatch(/^pack exits version 1 imported \(\d+ ms\)$/);
    const user = await fetch(`${server.url}/api/directory/users/zhao`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(await user.json()).toMatchObject({ name: 'Zhao Lei', departmentId: 'sales' });

    const again = await baton(['import', dir], { env });
    expect(again.code).toBe(0);
    expect(again.out).toEqual(['unchanged  form/exit-request v1', 'unchanged  report/exits v1']);
    expect(again.err.at(-1)).toMatch(/was already imported: nothing changed/);
  });

  it('imports a newer version with demo seed, then exports it to a folder that imports again unchanged', async () => {
    const dir = await tempDir('pack-v2');
    await writeFiles(dir, packFiles(2, { description: 'v2' }));
    const run = await baton(['import', dir, '--demo', '--url', server.url, '--token', server.adminToken]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('published  form/exit-request v2');
    expect(run.out).toContain('unchanged  report/exits v1');
    expect(run.out.some((l) => l.startsWith('records    exit-request: 1'))).toBe(true);

    const out = await tempDir('export');
    const exported = await baton(['export', 'exits', out], { env });
    expect(exported.code).toBe(0);
    const files = exported.out.map((f) => path.relative(out, path.resolve(f)));
    expect(files.sort()).toEqual(['forms/exit-request.json', 'pack.json', 'reports/exits.json', 'seed/directory.json', 'seed/records/exit-request.json']);
    const form = JSON.parse(await fs.readFile(path.join(out, 'forms/exit-request.json'), 'utf8'));
    expect(form).toMatchObject({ key: 'exit-request', version: 2, description: 'v2' });

    const reimport = await baton(['import', out], { env });
    expect(reimport.code).toBe(0);
    expect(reimport.out).toEqual(['unchanged  form/exit-request v2', 'unchanged  report/exits v1']);
    expect(reimport.err.at(-1)).toMatch(/already imported/);

    const v1 = await tempDir('export-v1');
    expect((await baton(['export', 'exits', v1, '--version', '1'], { env })).code).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(v1, 'pack.json'), 'utf8')).version).toBe(1);
    // A folder that is not empty is left alone without --force.
    expect((await baton(['export', 'exits', out], { env })).code).toBe(1);
    expect((await baton(['export', 'exits', out, '--force'], { env })).code).toBe(0);
  });

  it('maps the server\'s problems back to the files they came from', async () => {
    const dir = await tempDir('broken');
    await writeFiles(dir, {
      ...packFiles(3),
      'forms/exit-request.json': { kind: 'form', key: 'exit-request', title: 'x', fields: [{ key: 'a', type: 'no-such-type', label: 'A' }] },
    });
    const run = await baton(['import', dir], { env });
    expect(run.code).toBe(1);
    const text = run.err.join('\n');
    expect(text).toMatch(/POST \/api\/packs\/import failed: 422 BATON_E_PACK_INVALID/);
    expect(text).toMatch(/ {2}forms\/exit-request\.json: \/fields\/0\S* BATON_E_/);

    const missing = await tempDir('missing');
    await writeFiles(missing, { 'pack.json': (packFiles(1) as Record<string, unknown>)['pack.json'] });
    const noFile = await baton(['import', missing], { env });
    expect(noFile.code).toBe(1);
    expect(noFile.err[0]).toMatch(/^forms\/exit-request\.json: \/ BATON_E_CLI_FILE_MISSING/);
  });

  it('reports a missing or wrong token and an unknown pack with the server\'s code', async () => {
    const run = await baton(['export', 'nope', await tempDir('none')], { env });
    expect(run.code).toBe(1);
    expect(run.err[0]).toMatch(/404 BATON_E_PACK_NOT_FOUND/);
    const anonymous = await baton(['audit', 'verify', '--url', server.url]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.err.join('\n')).toMatch(/401 BATON_E_AUTH_REQUIRED/);
  });

  it('verifies the audit chain, and fails when a row was altered', async () => {
    const ok = await baton(['audit', 'verify'], { env });
    expect(ok.code).toBe(0);
    expect(ok.out[0]).toMatch(/^audit log OK: \d+ entries, head [0-9a-f]{64}$/);
    await server.database.execScript(`
      alter table audit_log disable trigger audit_log_append_only;
      update audit_log set actor = 'mallory' where seq = 2;
      alter table audit_log enable trigger audit_log_append_only;
    `);
    const broken = await baton(['audit', 'verify'], { env });
    expect(broken.code).toBe(1);
    expect(broken.out[0]).toMatch(/^audit log BROKEN: the chain breaks at entry 2 /);
    expect((await baton(['audit', 'check'], { env })).code).toBe(2);
  });
});

describe('baton migrate', () => {
  it.runIf(process.env.DATABASE_URL)('migrates an empty PostgreSQL database, then finds nothing to do', async () => {
    const serverUrl = process.env.DATABASE_URL!;
    const name = `baton_cli_migrate_${Date.now().toString(36)}`;
    const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
    await admin.execScript(`create database ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = '/' + name;
      const run = await baton(['migrate', '--database-url', url.toString()]);
      expect(run.code).toBe(0);
      expect(run.out).toContain('applied 0001-core-tables');
      expect(run.err[0]).toBe(`migrating PostgreSQL ${url.host}/${name}…`);
      const again = await baton(['migrate'], { env: { DATABASE_URL: url.toString() } });
      expect(again.out).toEqual([]);
      expect(again.err.at(-1)).toBe('already at the latest migration');
    } finally {
      await admin.execScript(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  });

  it('creates and migrates an embedded database folder', async () => {
    const dir = await tempDir('data');
    const run = await baton(['migrate', '--data-dir', path.join(dir, 'db')]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('applied 0001-core-tables');
    expect(run.err[0]).toMatch(/^migrating embedded database in /);
    const again = await baton(['migrate', '--data-dir', path.join(dir, 'db')]);
    expect(again.out).toEqual([]);
    expect(again.err.at(-1)).toBe('already at the latest migration');
  }, 120_000);
});
