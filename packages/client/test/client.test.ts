import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient, type PackBundle } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const form = {
  kind: 'form' as const,
  key: 'laptop-return',
  title: { en: 'Laptop return', 'zh-CN': '电脑归还' },
  fields: [{ key: 'assetTag', type: 'text', label: 'Asset tag' }],
};

let server: TestServer;
let client: BatonClient;

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: server.url, token: server.adminToken });
});
afterAll(() => server?.close());

describe('@baton/client against a real server', () => {
  it('reads health without a token', async () => {
    const anonymous = createClient({ baseUrl: server.url + '/' });
    expect(await anonymous.health()).toEqual({ status: 'ok', db: 'pglite' });
  });

  it('saves, publishes, lists and reads definitions', async () => {
    const draft = await client.definitions.save(form);
    expect(draft).toMatchObject({ kind: 'form', key: 'laptop-return', version: 1, status: 'draft' });
    const published = await client.definitions.publish('form', 'laptop-return');
    expect(published.status).toBe('published');
    const list = await client.definitions.list({ kind: 'form' });
    expect(list.items.map((d) => `${d.key}@${d.version}`)).toEqual(['laptop-return@1']);
    const got = await client.definitions.get('form', 'laptop-return');
    expect(got.body.fields).toEqual(form.fields);
    expect((await client.definitions.get('form', 'laptop-return', 1)).version).toBe(1);
  });

  it('throws BatonApiError with status, code, path and every issue', async () => {
    const error = await client.definitions.save({ ...form, key: 'broken', fields: [{ key: 'x', type: 'nope', label: 'X' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonApiError);
    const apiError = error as BatonApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('BATON_E_DEFINITION_INVALID');
    expect(apiError.path).toMatch(/^\/fields\/0/);
    expect(apiError.issues.length).toBeGreaterThan(0);
    expect(apiError.request).toBe('POST /api/definitions');

    const missing = await client.definitions.get('form', 'nope').catch((e: unknown) => e as BatonApiError);
    expect(missing).toMatchObject({ status: 404, code: 'BATON_E_DEFINITION_NOT_FOUND' });
    const unauthorized = await createClient({ baseUrl: server.url, token: 'wrong' }).packs.list().catch((e: unknown) => e as BatonApiError);
    expect(unauthorized).toMatchObject({ status: 401, code: 'BATON_E_AUTH_TOKEN_INVALID' });
  });

  it('answers in the requested locale', async () => {
    const zh = createClient({ baseUrl: server.url, token: server.adminToken, locale: 'zh-CN' });
    const error = (await zh.definitions.get('form', 'nope').catch((e: unknown) => e)) as BatonApiError;
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('imports a directory, mints a token for a user and reads the user with it', async () => {
    const result = await client.directory.import({
      departments: [{ id: 'ops', name: 'Operations' }],
      users: [{ id: 'wang', name: 'Wang Fang', departmentId: 'ops', hireDate: '2020-04-01' }],
    });
    expect(result.users).toEqual({ inserted: 1, updated: 0 });
    const issued = await client.tokens.create({ userId: 'wang', label: 'test' });
    expect(issued.token.length).toBeGreaterThan(20);
    const wang = createClient({ baseUrl: server.url, token: issued.token });
    const me = await wang.directory.user('wang');
    expect(me).toMatchObject({ name: 'Wang Fang', department: { id: 'ops', name: 'Operations' }, hireDate: '2020-04-01' });
  });

  it('sends an Idempotency-Key per POST: the same key replays the stored answer and changes nothing', async () => {
    const body = { departments: [{ id: 'legal', name: 'Legal' }] };
    const first = await client.directory.import(body, { idempotencyKey: 'dir-import-1' });
    const replay = await client.directory.import(body, { idempotencyKey: 'dir-import-1' });
    expect(replay).toEqual(first);
    expect(first.departments).toEqual({ inserted: 1, updated: 0 });
    const reused = await client.directory.import({ departments: [{ id: 'legal', name: 'Law' }] }, { idempotencyKey: 'dir-import-1' }).catch((e: unknown) => e as BatonApiError);
    expect(reused).toMatchObject({ status: 422, code: 'BATON_E_IDEMPOTENCY_KEY_REUSED', path: '/headers/idempotency-key' });
    // Without a key of our own, each call gets a fresh one: the second import is a real update.
    const again = await client.directory.import(body);
    expect(again.departments).toEqual({ inserted: 0, updated: 1 });
  });

  it('imports, lists and exports packs', async () => {
    const bundle: PackBundle = {
      manifest: {
        kind: 'pack',
        key: 'it-assets',
        version: 1,
        title: 'IT assets',
        engine: '^0.1.0',
        definitions: [{ kind: 'form', key: 'asset-handover', file: 'forms/asset-handover.json' }],
      },
      definitions: [{ ...form, key: 'asset-handover' }],
    };
    const result = await client.packs.import(bundle);
    expect(result.imported).toEqual([{ kind: 'form', key: 'asset-handover', version: 1 }]);
    const again = await client.packs.import(bundle);
    expect(again.imported).toEqual([]);
    expect(again.unchanged).toHaveLength(1);
    const list = await client.packs.list();
    expect(list.items.map((p) => `${p.key}@${p.version}`)).toEqual(['it-assets@1']);
    const exported = await client.packs.export('it-assets');
    expect(exported.definitions?.[0]).toMatchObject({ key: 'asset-handover', version: 1 });
  });

  it('verifies the audit chain', async () => {
    const verification = await client.audit.verify();
    expect(verification.ok).toBe(true);
    expect(verification.entries).toBeGreaterThan(3);
    expect(verification.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('wraps transport failures and retries idempotent calls through them', async () => {
    let calls = 0;
    const flaky = createClient({
      baseUrl: server.url,
      token: server.adminToken,
      retryDelayMs: 1,
      fetch: async (input, init) => {
        calls += 1;
        if (calls === 1) throw new TypeError('socket hang up');
        return fetch(input, init);
      },
    });
    expect((await flaky.health()).status).toBe('ok');
    expect(calls).toBe(2);

    const down = createClient({ baseUrl: 'http://127.0.0.1:9', retries: 0 });
    const error = (await down.health().catch((e: unknown) => e)) as BatonApiError;
    expect(error).toMatchObject({ status: 0, code: 'BATON_E_NETWORK', request: 'GET /api/health' });
  });

  it('reuses the generated Idempotency-Key when it retries a POST after a 503', async () => {
    const keys: Array<string | null> = [];
    let calls = 0;
    const flaky = createClient({
      baseUrl: server.url,
      token: server.adminToken,
      retryDelayMs: 1,
      fetch: async (input, init) => {
        keys.push(new Headers(init.headers).get('idempotency-key'));
        calls += 1;
        if (calls === 1) return new Response(JSON.stringify({ error: { code: 'BATON_E_DATABASE_UNAVAILABLE', message: 'down', path: '', issues: [] } }), { status: 503 });
        return fetch(input, init);
      },
    });
    await flaky.directory.import({ departments: [{ id: 'audit', name: 'Audit' }] });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });
});
