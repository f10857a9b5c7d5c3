import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const dialects = ['pglite', 'postgres'] as const;

for (const dialect of dialects) {
  describe.skipIf(dialect === 'postgres' && !process.env.DATABASE_URL)(`client.directory.roles and client.connectors.list [${dialect}]`, () => {
    let server: TestServer;
    let admin: BatonClient;
    let designer: BatonClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      admin = createClient({ baseUrl: server.url, token: server.adminToken });
      await admin.directory.import({ users: [{ id: 'u-it', name: 'IT Lead', roles: ['it', 'it-lead'] }, { id: 'u-it2', name: 'IT Two', roles: ['it'] }] });
      designer = createClient({ baseUrl: server.url, token: await server.tokenFor('u-designer', ['designer']) });
    });
    afterAll(() => server?.close());

    it('lists the roles people hold, with their holders, for a designer\'s role picker', async () => {
      expect(await designer.directory.roles()).toEqual({ items: [{ role: 'it', holders: 2 }, { role: 'it-lead', holders: 1 }] });
      const nobody = createClient({ baseUrl: server.url, token: await server.tokenFor('u-it2', ['it']) });
      const refused = await nobody.directory.roles().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(BatonApiError);
      expect((refused as BatonApiError).status).toBe(403);
    });

    it('lists the configured connectors for a designer\'s connector picker', async () => {
      expect((await designer.connectors.list()).items).toEqual([]);
    });
  });
}
