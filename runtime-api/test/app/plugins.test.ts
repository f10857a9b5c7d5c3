import type { FastifyInstance, InjectOptions } from 'fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { PluginInstallError, type BatonPlugin } from '../../src/app/baton-plugin.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import acmeBankPlugin from '../plugins/acme-bank-plugin.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const form = { kind: 'form', key: 'payout-request', title: t('Payout', '付款申请'), fields: [{ key: 'iban', type: 'acme/iban', label: t('IBAN', '账号'), required: true }] };
const flow = {
  kind: 'flow', key: 'payout', title: t('Payout', '付款'), form: 'payout-request',
  nodes: [
    { id: 'start', type: 'start', name: t('Start', '开始') },
    { id: 'bank', type: 'acme/await-bank', name: t('Bank', '银行'), config: { roles: ['bank'] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'bank' }, { id: 'e2', from: 'bank', to: 'end' }],
};
const rule = {
  kind: 'rule', key: 'payout-on-completion', title: t('Pay out', '付款'), scope: { flow: 'payout' },
  trigger: { type: 'flow-completed' }, actions: [{ type: 'acme/payout', params: { connector: 'bank' } }],
};
const GOOD_IBAN = 'GB82WEST12345698765432';

/** The bank: a real HTTP server on 127.0.0.1 recording what the connector sends. */
let bank: http.Server;
let bankUrl = '';
const received: Json[] = [];
beforeAll(async () => {
  bank = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, body: body ? JSON.parse(body) : undefined, key: req.headers['idempotency-key'] });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => bank.listen(0, '127.0.0.1', resolve));
  bankUrl = `http://127.0.0.1:${(bank.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => bank.close(() => resolve())));

forEachDatabase('runtime plugins: field, node, rule action and connector types from buildApp({ plugins })', (ctx) => {
  let app: FastifyInstance;
  const call = (token: string, options: InjectOptions) => app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  const admin = (options: InjectOptions) => call(ctx().adminToken, options);
  const publish = async (definition: Json) => {
    const saved = await admin({ method: 'POST', url: '/api/definitions', payload: definition });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
    const published = await admin({ method: 'POST', url: `/api/definitions/${definition.kind}/${definition.key}/publish` });
    expect(published.statusCode, published.body).toBe(200);
  };
  const signal = (token: string, id: string, payload: Json, key = crypto.randomUUID()) =>
    call(token, { method: 'POST', url: `/api/instances/${id}/signals`, payload, headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    // A second app on the suite's database, with the plugin; ctx().app stays the plugin-free one.
    app = await buildApp({ db: ctx().database, config: ctx().config, logger: false, plugins: [acmeBankPlugin] });
    await app.ready();
  });
  afterAll(() => app?.close());

  it('without the plugin its types are refused with codes and paths (4xx, never 500)', async () => {
    const savedForm = await ctx().call({ method: 'POST', url: '/api/definitions', payload: { ...form, key: 'no-plugin-form' } });
    expect(savedForm.statusCode).toBe(422);
    expect(savedForm.json().error.issues[0]).toMatchObject({ code: expect.stringMatching(/^BATON_E_.*UNKNOWN/), path: '/fields/0/type' });
    const savedFlow = await ctx().call({ method: 'POST', url: '/api/definitions', payload: { ...flow, key: 'no-plugin-flow', form: 'none' } });
    expect(savedFlow.statusCode).toBe(422);
    expect(savedFlow.json().error.issues).toContainEqual(expect.objectContaining({ code: 'BATON_E_FLOW_UNKNOWN_TYPE', path: '/nodes/1/type' }));
    const connector = await ctx().call({ method: 'PUT', url: '/api/connectors/bank', payload: { type: 'acme-bank', config: { baseUrl: bankUrl } } });
    expect(connector.statusCode).toBeGreaterThanOrEqual(400);
    expect(connector.statusCode).toBeLessThan(500);
    expect(connector.json().error.code).toMatch(/^BATON_E_/);
  });

  it('lists the plugin types in the registry and the connector types', async () => {
    const registry = (await admin({ method: 'GET', url: '/api/registry?locale=en' })).json();
    expect(JSON.stringify(registry)).toContain('acme/iban');
    expect(JSON.stringify(registry)).toContain('acme/await-bank');
    const types = await admin({ method: 'GET', url: '/api/connector-types' });
    expect(types.body).toContain('acme-bank');
  });

  it('publishes, starts, signals and finishes a flow that uses them; the action runs and calls the bank', async () => {
    const put = await admin({ method: 'PUT', url: '/api/connectors/bank', payload: { type: 'acme-bank', config: { baseUrl: bankUrl, allowHosts: ['127.0.0.1'] } } });
    expect(put.statusCode, put.body).toBeLessThan(300);
    await publish(form);
    await publish(flow);
    await publish(rule);

    const badIban = await admin({ method: 'POST', url: '/api/flows/payout/instances', payload: { data: { iban: 'GB00WEST12345698765432' } }, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(badIban.statusCode).toBe(422);
    expect(badIban.json().error.issues[0].path).toBe('/data/iban');

    const started = await admin({ method: 'POST', url: '/api/flows/payout/instances', payload: { data: { iban: GOOD_IBAN } }, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;

    // Who may send it: an admin or the role the node's config names; others learn nothing more than a 403/404.
    const clerk = await ctx().tokenFor('clerk', []);
    expect((await signal(clerk, id, { name: 'bank.settled', data: { reference: 'R1' } })).statusCode).toBe(404);
    const bankToken = await ctx().tokenFor('bank-gateway', ['bank']);
    const wrongName = await signal(bankToken, id, { name: 'bank.bounced' });
    expect(wrongName.statusCode).toBe(404);
    const adminWrongName = await signal(ctx().adminToken, id, { name: 'bank.bounced' });
    expect(adminWrongName.statusCode).toBe(409);
    expect(adminWrongName.json().error).toMatchObject({ code: 'BATON_E_SIGNAL_NOT_AWAITED', path: '/name' });
    const badData = await signal(bankToken, id, { name: 'bank.settled', data: { ref: 'R1' } });
    expect(badData.statusCode).toBe(422);
    expect(badData.json().error.code).toBe('BATON_E_SIGNAL_DATA_INVALID');
    expect(badData.json().error.issues.map((e: Json) => e.path)).toEqual(expect.arrayContaining(['/data/reference', '/data/ref']));
    const extra = await signal(bankToken, id, { name: 'bank.settled', data: { reference: 'R1' }, extra: 1 });
    expect(extra.statusCode).toBe(400);

    const key = crypto.randomUUID();
    const done = await signal(bankToken, id, { name: 'bank.settled', data: { reference: 'R1' } }, key);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ instanceId: id, name: 'bank.settled', status: 'completed', nodes: ['bank'] });
    // The same Idempotency-Key replays the answer; the instance is not signalled twice.
    const replay = await signal(bankToken, id, { name: 'bank.settled', data: { reference: 'R1' } }, key);
    expect(replay.json()).toEqual(done.json());
    const again = await signal(ctx().adminToken, id, { name: 'bank.settled', data: { reference: 'R1' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('BATON_E_SIGNAL_INSTANCE_ENDED');

    const view = (await admin({ method: 'GET', url: `/api/instances/${id}` })).json();
    expect(view.status).toBe('completed');
    expect(view.data.bankReference).toBe('R1');

    await app.baton.workers.drain();
    expect(received).toContainEqual(expect.objectContaining({ method: 'POST', url: '/transfers', body: { iban: GOOD_IBAN, reference: 'R1' } }));
  });

  it('refuses at start-up a plugin that takes a name already registered', async () => {
    const clash: BatonPlugin = { name: 'acme/clash', engine: acmeBankPlugin.engine, register: (r) => void r.registerFieldType({ ...(r.fields.get('text')!), describe: () => ({ label: t('x', 'x') }) }) };
    await expect(buildApp({ db: ctx().database, config: ctx().config, logger: false, plugins: [clash] })).rejects.toThrow(PluginInstallError);
    await expect(buildApp({ db: ctx().database, config: ctx().config, logger: false, plugins: [clash] })).rejects.toThrow(/BATON_E_REGISTRY_DUPLICATE/);
    const sameConnector: BatonPlugin = { name: 'acme/other-bank', engine: acmeBankPlugin.engine, connectorTypes: acmeBankPlugin.connectorTypes! };
    await expect(buildApp({ db: ctx().database, config: ctx().config, logger: false, plugins: [acmeBankPlugin, sameConnector] })).rejects.toThrow(/acme\/other-bank.*already registered/);
  });
});
