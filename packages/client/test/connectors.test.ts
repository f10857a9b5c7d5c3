import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const dialects = ['pglite', 'postgres'] as const;
const signingSecret = 'whsec_' + Buffer.from('client-test-secret-0123456789').toString('base64');

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as BatonApiError);

for (const dialect of dialects) {
  describe.skipIf(dialect === 'postgres' && !process.env.DATABASE_URL)(`client.connectors and client.outbox [${dialect}]`, () => {
    let server: TestServer;
    let admin: BatonClient;
    let designer: BatonClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      admin = createClient({ baseUrl: server.url, token: server.adminToken });
      designer = createClient({ baseUrl: server.url, token: await server.tokenFor('u-designer', ['designer']) });
    });
    afterAll(() => server?.close());

    it('lists the connector types with their config schemas and secrets', async () => {
      const webhook = (await designer.connectors.types()).items.find((t) => t.type === 'webhook');
      expect(webhook).toMatchObject({ anySecrets: expect.any(Boolean), channel: null });
      expect(webhook?.secrets.map((s) => s.name)).toContain('signingSecret');
      expect(typeof webhook?.configSchema === 'object' || typeof webhook?.configSchema === 'boolean').toBe(true);
    });

    it('saves a connector with a secret that never comes back, then changes it keeping the secret', async () => {
      const created = await admin.connectors.save('hr-hook', { type: 'webhook', config: { baseUrl: 'http://127.0.0.1:9/hook' }, secrets: { signingSecret } });
      expect(created).toMatchObject({ key: 'hr-hook', type: 'webhook', configured: true, enabled: true, version: 1, secrets: { signingSecret: '********' }, missingSecrets: [] });
      expect(JSON.stringify(created)).not.toContain(signingSecret);
      const disabled = await admin.connectors.save('hr-hook', { type: 'webhook', config: { baseUrl: 'http://127.0.0.1:9/other' }, enabled: false });
      expect(disabled).toMatchObject({ version: 2, enabled: false, config: { baseUrl: 'http://127.0.0.1:9/other' }, secrets: { signingSecret: '********' } });
      expect(await designer.connectors.get('hr-hook')).toEqual(disabled);
      expect((await designer.connectors.list()).items.map((c) => c.key)).toEqual(['hr-hook']);
    });

    it('refuses a designer saving and an unknown connector, as BatonApiErrors', async () => {
      expect((await refusal(designer.connectors.save('hr-hook', { type: 'webhook', config: {} })))?.status).toBe(403);
      const missing = await refusal(admin.connectors.get('nowhere'));
      expect(missing).toBeInstanceOf(BatonApiError);
      expect(missing?.status).toBe(404);
    });

    it('tests a connection and answers the outcome in words', async () => {
      await admin.connectors.save('hr-hook', { type: 'webhook', config: { baseUrl: 'http://127.0.0.1:9/hook' }, enabled: true });
      const result = await admin.connectors.test('hr-hook');
      expect(result.ok).toBe(false);
      expect(['retry', 'dead']).toContain(result.status);
      expect(result.message.length).toBeGreaterThan(0);
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('reads the deliveries with a limit, and the dead letters of the outbox', async () => {
      const { items } = await admin.connectors.deliveries('hr-hook', { limit: 5 });
      expect(items.length).toBeLessThanOrEqual(5);
      expect((await refusal(admin.connectors.deliveries('hr-hook', { limit: 500 })))?.status).toBe(400);
      const dead = await admin.outbox.list({ status: 'dead', limit: 10 });
      expect(dead).toMatchObject({ limit: 10, offset: 0 });
      expect(dead.items.every((e) => e.status === 'dead')).toBe(true);
    });

    it('refuses replaying an outbox entry that does not exist, and a designer replaying at all', async () => {
      const missing = await refusal(admin.outbox.replay('00000000-0000-0000-0000-000000000000', { comment: 'again' }));
      expect(missing?.code).toBe('BATON_E_OUTBOX_NOT_FOUND');
      expect((await refusal(designer.outbox.replay('00000000-0000-0000-0000-000000000000')))?.status).toBe(403);
    });
  });
}
