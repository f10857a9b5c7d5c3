import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

const form = (extra: Record<string, unknown> = {}) => ({
  kind: 'form',
  key: 'asset-return',
  title: { en: 'Asset return', 'zh-CN': '资产归还' },
  fields: [
    { key: 'assetTag', type: 'text', label: 'Asset tag' },
    { key: 'returnedOn', type: 'date', label: 'Returned on' },
  ],
  ...extra,
});

const report = {
  kind: 'report',
  key: 'returns',
  title: 'Returns',
  dataset: { source: 'form', form: 'asset-return' },
  measures: [{ op: 'count', key: 'n', label: 'Returns' }],
};

const manifest = (version: number, extra: Record<string, unknown> = {}) => ({
  kind: 'pack',
  key: 'assets',
  version,
  title: { en: 'Assets', 'zh-CN': '资产' },
  release: `1.${version - 1}.0`,
  engine: '^0.1.0',
  definitions: [
    { kind: 'form', key: 'asset-return', file: 'forms/asset-return.json' },
    { kind: 'report', key: 'returns', definition: { ...report, version: 1 } },
  ],
  seed: [
    { target: 'directory', file: 'seed/people.json' },
    { target: 'records', form: 'asset-return', data: [{ assetTag: 'LAP-1' }], demo: true },
  ],
  ...extra,
});

const directory = {
  departments: [{ id: 'it', name: 'IT' }],
  users: [{ id: 'u-1', name: 'Li Lei', departmentId: 'it', roles: ['it'] }],
};

const bundle = (version = 1, formExtra: Record<string, unknown> = {}) => ({
  manifest: manifest(version),
  definitions: [form(formExtra)],
  seed: { directory },
});

forEachDatabase('packs', (ctx) => {
  it('accepts a pack body above the default 1 MB limit', async () => {
    const big = { ...bundle(1), seed: { directory, records: { 'asset-return': Array.from({ length: 20_000 }, (_, i) => ({ assetTag: `LAP-${i}-${'x'.repeat(80)}` })) } } };
    const hr = await ctx().tokenFor('hr-2', ['hr']);
    // Refused for its role before the body is read; a designer's body is parsed (422, not 413).
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: big, token: hr });
    expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
    expect(res.statusCode).toBe(403);
    const invalid = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: { ...big, manifest: { ...big.manifest, key: 'Bad Key' } } });
    expect(invalid.statusCode).toBe(422);
  });

  it('refuses callers without the designer role', async () => {
    const hr = await ctx().tokenFor('hr-1', ['hr']);
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: bundle(), token: hr });
    expect(res.statusCode).toBe(403);
    const list = await ctx().call({ method: 'GET', url: '/api/packs', token: hr });
    expect(list.statusCode).toBe(403);
  });

  it('reports every problem of a broken bundle with its path in the bundle, and imports nothing', async () => {
    const broken = {
      manifest: {
        ...manifest(1),
        // A manifest that fails its own schema must not hide the problems of the definitions beside it.
        engine: 'latest',
        definitions: [
          { kind: 'form', key: 'asset-return', file: 'forms/asset-return.json' },
          { kind: 'report', key: 'returns', definition: { ...report, version: 1, dataset: { source: 'form', form: 'no-such-form' } } },
          { kind: 'flow', key: 'missing-flow', file: 'flows/missing.json' },
        ],
      },
      definitions: [form({ fields: [{ key: 'assetTag', type: 'no-such-type', label: 'Tag' }] }), { kind: 'rule', key: 'stray', title: 'x' }],
      seed: { directory: { users: [{ id: 'u-2', name: 'Han Meimei', managerId: 'nobody' }] }, records: { 'not-a-form': [{}] } },
    };
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: broken });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('BATON_E_PACK_INVALID');
    const found = error.issues.map((i: { code: string; path: string }) => [i.code, i.path]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['BATON_E_SCHEMA_PATTERN', '/manifest/engine'],
        ['BATON_E_PACK_DEFINITION_NOT_LISTED', '/definitions/1'],
        ['BATON_E_PACK_DEFINITION_MISSING', '/manifest/definitions/2/file'],
        ['BATON_E_PACK_SEED_FORM_UNKNOWN', '/seed/records/not-a-form'],
        ['BATON_E_DIRECTORY_UNKNOWN_USER', '/seed/directory/users/0/managerId'],
      ]),
    );
    // The form's own problem is reported where the bundle holds the form: /definitions/0/…
    expect(found.some(([, path]: [string, string]) => path.startsWith('/definitions/0/fields/0'))).toBe(true);
    for (const i of error.issues) expect(i.message.length).toBeGreaterThan(0);
    const rows = await ctx().database.db.selectFrom('definitions').select('key').execute();
    expect(rows).toEqual([]);
    expect(await ctx().database.db.selectFrom('directory_users').select('id').execute()).toEqual([]);
  });

  it('imports a pack: publishes its definitions, loads the directory seed, records and audits the version', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: bundle() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.imported).toEqual([
      { kind: 'form', key: 'asset-return', version: 1 },
      { kind: 'report', key: 'returns', version: 1 },
    ]);
    expect(body.unchanged).toEqual([]);
    expect(body.pack).toMatchObject({ key: 'assets', version: 1, release: '1.0.0', importedBy: 'admin' });
    expect(body.seed).toEqual({
      directory: { departments: { inserted: 1, updated: 0 }, users: { inserted: 1, updated: 0 } },
      // Demo records are skipped without ?demo=true; there is no records store yet in any case.
      records: { written: false, counts: {} },
    });
    const published = await ctx().call({ method: 'GET', url: '/api/definitions/form/asset-return' });
    expect(published.json()).toMatchObject({ version: 1, status: 'published' });
    const user = await ctx().call({ method: 'GET', url: '/api/directory/users/u-1' });
    expect(user.json()).toMatchObject({ name: 'Li Lei', departmentId: 'it' });
    const audit = await ctx().database.db.selectFrom('audit_log').select(['action', 'subject_id']).orderBy('seq').execute();
    expect(audit.map((a) => `${a.action} ${a.subject_id}`)).toEqual([
      'definition.published form/asset-return@1',
      'definition.published report/returns@1',
      'pack.imported assets@1',
    ]);
  });

  it('is idempotent: the same bundle again changes nothing and answers 200', async () => {
    const before = await ctx().database.db.selectFrom('audit_log').select('seq').execute();
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: bundle() });
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toEqual([]);
    expect(res.json().unchanged).toEqual([
      { kind: 'form', key: 'asset-return', version: 1 },
      { kind: 'report', key: 'returns', version: 1 },
    ]);
    const after = await ctx().database.db.selectFrom('audit_log').select('seq').execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses other content under a version already imported', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: bundle(1, { description: 'changed' }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'BATON_E_PACK_VERSION_CHANGED', path: '/manifest/version' });
  });

  it('imports a newer pack version: changed definitions get their next version, identical ones are kept', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: bundle(2, { description: 'v2' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toEqual([{ kind: 'form', key: 'asset-return', version: 2 }]);
    expect(res.json().unchanged).toEqual([{ kind: 'report', key: 'returns', version: 1 }]);
    expect(res.json().seed.directory.users).toEqual({ inserted: 0, updated: 1 });
    const latest = await ctx().call({ method: 'GET', url: '/api/definitions/form/asset-return' });
    expect(latest.json()).toMatchObject({ version: 2, status: 'published' });
    expect(latest.json().body.description).toBe('v2');
  });

  it('refuses a version older than the installed one', async () => {
    const other = (version: number) => ({ ...bundle(version), manifest: { ...manifest(version), key: 'other' } });
    expect((await ctx().call({ method: 'POST', url: '/api/packs/import', payload: other(3) })).statusCode).toBe(201);
    const older = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: other(2) });
    expect(older.statusCode).toBe(409);
    expect(older.json().error).toMatchObject({ code: 'BATON_E_PACK_VERSION_OLDER', path: '/manifest/version' });
  });

  it('lists pack versions and exports a bundle that imports again without changes', async () => {
    const list = await ctx().call({ method: 'GET', url: '/api/packs' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { key: string; version: number }) => `${p.key}@${p.version}`)).toEqual(['assets@2', 'assets@1', 'other@3']);
    expect(list.json().items[0].definitions).toEqual([
      { kind: 'form', key: 'asset-return', version: 2 },
      { kind: 'report', key: 'returns', version: 1 },
    ]);

    const exported = await ctx().call({ method: 'GET', url: '/api/packs/assets/export' });
    expect(exported.statusCode).toBe(200);
    const out = exported.json();
    expect(out.manifest.definitions).toEqual([
      { kind: 'form', key: 'asset-return', file: 'forms/asset-return.json' },
      { kind: 'report', key: 'returns', file: 'reports/returns.json' },
    ]);
    expect(out.definitions.map((d: { key: string; version: number }) => `${d.key}@${d.version}`)).toEqual(['asset-return@2', 'returns@1']);
    expect(out.seed.directory).toEqual(directory);

    const again = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: out });
    expect(again.statusCode).toBe(200);
    expect(again.json().imported).toEqual([]);

    const v1 = await ctx().call({ method: 'GET', url: '/api/packs/assets/export?version=1' });
    expect(v1.json().definitions[0].version).toBe(1);
    const missing = await ctx().call({ method: 'GET', url: '/api/packs/nope/export' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('BATON_E_PACK_NOT_FOUND');
  });

  it('loads demo seed on request and holds records it cannot store yet', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import?demo=true', payload: bundle(3, { description: 'v3' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().seed.records).toEqual({ written: false, counts: { 'asset-return': 1 } });
    const out = (await ctx().call({ method: 'GET', url: '/api/packs/assets/export' })).json();
    expect(out.seed.records).toEqual({ 'asset-return': [{ assetTag: 'LAP-1' }] });
    expect(out.manifest.seed).toContainEqual({ target: 'records', form: 'asset-return', file: 'seed/records/asset-return.json' });
  });

  it('will not overwrite a designer\'s unpublished draft of a definition the pack changes', async () => {
    const draft = await ctx().call({ method: 'POST', url: '/api/definitions', payload: form({ description: 'designer draft' }) });
    expect(draft.statusCode).toBe(201);
    const res = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: bundle(4, { description: 'v4' }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('BATON_E_PACK_DRAFTS_PENDING');
    expect(res.json().error.issues[0]).toMatchObject({ code: 'BATON_E_PACK_DRAFT_PENDING', path: '/definitions/0' });
  });
});
