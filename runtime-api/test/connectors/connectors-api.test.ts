import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import type { ConnectorType } from '../../src/index.js';
import { resultOfExchange } from '../../src/index.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { HttpStandIn, sendJson } from '../stand-ins/http-stand-in.js';
import { ScimStandIn } from '../stand-ins/scim-stand-in.js';
import { drain, enqueue, LOOPBACK, publish, putConnector, signingSecret } from './connector-test-kit.js';

type Json = Record<string, any>;
const CANARY = 'CANARY-5e1f0c7d-secret-value';

forEachDatabase('connectors API: save, validate, list, test, and secrets never shown', (ctx) => {
  let scim: ScimStandIn;
  let echo: HttpStandIn;
  const logLines: string[] = [];
  let loggedApp: Awaited<ReturnType<typeof buildApp>> | undefined;

  beforeAll(async () => {
    scim = await ScimStandIn.start(CANARY, [{ id: 'u-1', userName: 'emp@example.com', active: true }]);
    // A careless peer that echoes the credential it was sent back in its error.
    echo = await HttpStandIn.start((req, res) => sendJson(res, 400, { error: `rejected ${String(req.headers['x-api-key'])}` }));
    // The same database behind an app that logs everything, so the logs can be searched for the canary.
    const stream = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
    loggedApp = await buildApp({ db: ctx().database, config: { ...ctx().config, logLevel: 'trace' }, logger: { level: 'trace', stream } });
    await loggedApp.ready();
  });
  afterAll(async () => {
    await loggedApp?.close();
    await scim?.close();
    await echo?.close();
  });

  it('refuses unknown types, invalid config (with paths), credentials in config, and missing or unknown secrets', async () => {
    const put = (key: string, payload: Json, headers: Json = {}) => ctx().call({ method: 'PUT', url: `/api/connectors/${key}`, payload, headers });
    const unknown = await put('x', { type: 'fax', config: {} });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'BATON_E_CONNECTOR_TYPE_UNKNOWN', path: '/type' });

    const noBase = await put('wiki', { type: 'scim', config: { timeoutMs: 5 }, secrets: { token: 't' } });
    expect(noBase.statusCode).toBe(422);
    expect(noBase.json().error.code).toBe('BATON_E_CONNECTOR_CONFIG_INVALID');
    expect(noBase.json().error.issues.map((i: Json) => i.path).sort()).toEqual(['/config/baseUrl', '/config/timeoutMs']);

    const spelled = await put('wiki', { type: 'scim', config: { baseUrl: 'http://2130706433/scim' }, secrets: { token: 't' } });
    expect(spelled.json().error.issues[0]).toMatchObject({ code: 'BATON_E_SSRF_IP_SPELLING', path: '/config/baseUrl' });

    const pasted = await put('crm', { type: 'crm-rest', config: { baseUrl: 'https://crm.example.com', headers: { Authorization: 'Bearer abcdefghijklmnop' }, actions: { ping: { method: 'GET', path: '/' } } } });
    expect(pasted.json().error.issues[0]).toMatchObject({ code: 'BATON_E_CONNECTOR_SECRET_IN_CONFIG', path: '/config/headers/Authorization' });

    const missing = await put('dt', { type: 'dingtalk-robot', config: {} }, { 'accept-language': 'zh-CN' });
    expect(missing.json().error.issues[0]).toMatchObject({ code: 'BATON_E_CONNECTOR_SECRET_REQUIRED', path: '/secrets/accessToken' });
    expect(missing.json().error.issues[0].message).toContain('需要密钥');

    const stranger = await put('wiki', { type: 'scim', config: { baseUrl: 'https://wiki.example.com/scim' }, secrets: { token: 't', password: 'p' } });
    expect(stranger.json().error.issues[0]).toMatchObject({ code: 'BATON_E_CONNECTOR_SECRET_UNKNOWN', path: '/secrets/password' });

    const weak = await put('feed', { type: 'webhook', config: { baseUrl: 'https://hooks.example.com/in' }, secrets: { signingSecret: 'hunter2' } });
    expect(weak.json().error.issues[0]).toMatchObject({ path: '/secrets/signingSecret' });
    expect(weak.json().error.issues[0].message).toContain('whsec_');

    const badMap = await put('feed', { type: 'webhook', config: { direction: 'in', inbound: { action: 'start-flow', flow: 'exit', map: { data: { lastWorkingDay: { frobnicate: [1] } } } } }, secrets: { signingSecret: signingSecret() } });
    expect(badMap.json().error.issues[0].path).toBe('/config/inbound/map/data/lastWorkingDay');
  });

  it('lets only admins write; designers may read', async () => {
    const designer = await ctx().tokenFor('des', ['designer']);
    const hr = await ctx().tokenFor('hr9', ['hr']);
    expect((await ctx().call({ method: 'PUT', url: '/api/connectors/x', payload: { type: 'webhook' }, token: designer })).statusCode).toBe(403);
    expect((await ctx().call({ method: 'GET', url: '/api/connectors', token: designer })).statusCode).toBe(200);
    expect((await ctx().call({ method: 'GET', url: '/api/connectors', token: hr })).statusCode).toBe(403);
    const types = (await ctx().call({ method: 'GET', url: '/api/connector-types', token: designer })).json();
    expect(types.items.map((t: Json) => t.type)).toEqual(['webhook', 'scim', 'crm-rest', 'dingtalk-robot', 'wecom-robot', 'sms-http', 'smtp']);
    expect(types.items.find((t: Json) => t.type === 'scim').actions.map((a: Json) => a.name)).toEqual(['deactivateUser', 'findUser']);
  });

  it('saves a connector with sealed secrets, shows them masked, keeps them on a config-only update, and refuses a type change', async () => {
    const created = await ctx().call({ method: 'PUT', url: '/api/connectors/wiki', payload: { type: 'scim', config: { baseUrl: scim.baseUrl, allowHosts: LOOPBACK, system: { en: 'Wiki', 'zh-CN': '知识库' } }, secrets: { token: CANARY } } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ key: 'wiki', type: 'scim', configured: true, enabled: true, secrets: { token: '********' }, missingSecrets: [], version: 1 });
    const updated = await putConnector(ctx(), 'wiki', { type: 'scim', config: { baseUrl: scim.baseUrl, allowHosts: LOOPBACK, system: 'Wiki' } });
    expect(updated).toMatchObject({ version: 2, secrets: { token: '********' }, configured: true });
    const changed = await ctx().call({ method: 'PUT', url: '/api/connectors/wiki', payload: { type: 'webhook' } });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('BATON_E_CONNECTOR_TYPE_CHANGED');
    const test = await ctx().call({ method: 'POST', url: '/api/connectors/wiki/test' });
    expect(test.json()).toMatchObject({ ok: true, status: 'delivered' });
  });

  it('lists connectors declared by a published definition as not configured, and takes their config on PUT', async () => {
    await publish(ctx(), {
      kind: 'connector', key: 'erp', title: { en: 'ERP', 'zh-CN': 'ERP' }, type: 'scim',
      config: { baseUrl: scim.baseUrl, allowHosts: LOOPBACK, system: 'ERP' }, secrets: { token: { secretRef: 'erp.token' } },
    });
    let list = (await ctx().call({ method: 'GET', url: '/api/connectors' })).json();
    expect(list.items.find((i: Json) => i.key === 'erp')).toMatchObject({ type: 'scim', configured: false, lastDelivery: null });
    const saved = await putConnector(ctx(), 'erp', { type: 'scim', secrets: { token: CANARY } });
    expect(saved.config).toMatchObject({ baseUrl: scim.baseUrl, system: 'ERP' });
    list = (await ctx().call({ method: 'GET', url: '/api/connectors' })).json();
    expect(list.items.find((i: Json) => i.key === 'erp')).toMatchObject({ configured: true, enabled: true });
  });

  it('reports an unreachable peer in the caller\'s language without failing the request', async () => {
    const closed = await HttpStandIn.start(() => undefined);
    const url = closed.url;
    await closed.close();
    await putConnector(ctx(), 'down', { type: 'scim', config: { baseUrl: `${url}/scim`, allowHosts: LOOPBACK }, secrets: { token: 'x-token' } });
    const res = await ctx().call({ method: 'POST', url: '/api/connectors/down/test', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, status: 'retry', code: 'BATON_E_PEER_UNAVAILABLE' });
    expect(res.json().message).toContain('暂不可用');
  });

  it('keeps the canary out of API responses, the audit log, the logs, the delivery logs and the stored rows', async () => {
    const app = loggedApp!;
    const admin = { authorization: `Bearer ${ctx().adminToken}` };
    const bodies: string[] = [];
    const call = async (method: 'GET' | 'PUT' | 'POST', url: string, payload?: Json) => {
      const res = await app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });
      bodies.push(res.body);
      return res;
    };
    await call('PUT', '/api/connectors/crm', {
      type: 'crm-rest',
      config: { baseUrl: `${echo.url}/api`, allowHosts: LOOPBACK, headers: { 'X-Api-Key': '{{secrets.apiKey}}' }, actions: { updateOwner: { method: 'PUT', path: '/customers/{{customerId}}/owner', body: { ownerId: { var: 'ownerId' } } } } },
      secrets: { apiKey: CANARY },
    });
    await call('PUT', '/api/connectors/feed', { type: 'webhook', config: { baseUrl: `${echo.url}/in`, allowHosts: LOOPBACK }, secrets: { signingSecret: `whsec_${Buffer.from(CANARY.padEnd(32, 'x')).toString('base64')}` } });
    await call('PUT', '/api/connectors/bad', { type: 'crm-rest', config: { baseUrl: 'https://crm.example.com' }, secrets: { apiKey: CANARY } }); // refused: no actions
    await call('GET', '/api/connectors');
    await call('GET', '/api/connectors/crm');
    await call('POST', '/api/connectors/crm/test');
    await call('POST', '/api/connectors/wiki/test');
    // A delivery whose peer echoes the key back: the worker's delivery log must not keep it.
    await enqueue(ctx(), [{ type: 'invoke', key: 'canary-1', connector: 'crm', action: 'updateOwner', params: { customerId: 'c-1', ownerId: 'mgr' } }]);
    await app.baton.workers.drain();
    await call('GET', '/api/connectors/crm/deliveries');
    for (const body of bodies) expect(body).not.toContain(CANARY);
    expect(bodies.join('\n')).toContain('********');
    const dump = async (table: string) => JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(ctx().database.db)).rows);
    for (const table of ['audit_log', 'connectors', 'outbox', 'outbox_deliveries', 'connector_deliveries']) expect(await dump(table), table).not.toContain(CANARY);
    expect(await dump('outbox_deliveries')).toContain('[redacted]');
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('')).not.toContain(CANARY);
    const audit = (await sql<{ data: Json }>`select data from audit_log where subject_kind = 'connector' and subject_id = 'crm'`.execute(ctx().database.db)).rows;
    expect(audit[0]!.data).toMatchObject({ type: 'crm-rest', secretsSet: ['apiKey'] });
    // ...while the peer did receive it: the secret is used, just never shown.
    expect(echo.requests.some((r) => r.headers['x-api-key'] === CANARY)).toBe(true);
  });

  it('runs a third party\'s connector type registered the way the built-in ones are', async () => {
    const bot = await HttpStandIn.start((req, res) => sendJson(res, 200, { ok: true, got: req.json }));
    try {
      const echoBot: ConnectorType<{ baseUrl: string; allowHosts?: string[] }> = {
        type: 'echo-bot',
        version: '1.0.0',
        label: { en: 'Echo bot', 'zh-CN': '回声机器人' },
        description: { en: 'Posts text.', 'zh-CN': '发送文本。' },
        configSchema: { type: 'object', properties: { baseUrl: { type: 'string', pattern: '^https?://' }, allowHosts: { type: 'array', items: { type: 'string' } } }, required: ['baseUrl'], additionalProperties: false },
        secrets: [{ name: 'hookId', required: true, description: { en: 'Hook id', 'zh-CN': 'Hook id' } }],
        actions: {
          say: {
            type: 'say',
            version: '1.0.0',
            paramsSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            run: async (params: { text: string }, c) => resultOfExchange(await c.http.request({ method: 'POST', url: `/hook/${c.connector.secret('hookId')}`, json: { text: params.text } }), c.now),
          },
        },
        test: async (c) => resultOfExchange(await c.http.request({ method: 'GET', url: '/' }), c.now),
      };
      ctx().app.baton.connectors.types.register(echoBot);
      const bad = await ctx().call({ method: 'PUT', url: '/api/connectors/echo', payload: { type: 'echo-bot', config: {}, secrets: { hookId: 'h-1' } } });
      expect(bad.json().error.issues[0]).toMatchObject({ path: '/config/baseUrl' });
      await putConnector(ctx(), 'echo', { type: 'echo-bot', config: { baseUrl: bot.url, allowHosts: LOOPBACK }, secrets: { hookId: 'h-1' } });
      expect((await ctx().call({ method: 'POST', url: '/api/connectors/echo/test' })).json().ok).toBe(true);
      await enqueue(ctx(), [{ type: 'invoke', key: 'echo-1', connector: 'echo', action: 'say', params: { text: '你好' } }]);
      expect((await drain(ctx())).deliveries.delivered).toBe(1);
      expect(bot.requests.at(-1)).toMatchObject({ path: '/hook/h-1', json: { text: '你好' } });
      const types = (await ctx().call({ method: 'GET', url: '/api/connector-types' })).json();
      expect(types.items.at(-1)).toMatchObject({ type: 'echo-bot', actions: [{ name: 'say' }] });
    } finally {
      await bot.close();
    }
  });
});
