import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const dialects = ['pglite', 'postgres'] as const;

// The template gallery through the client, against a real server whose templates folder is the repository's
// own (templates/offboarding): HR installs the offboarding template and a repeat changes nothing.
for (const dialect of dialects) {
  describe.skipIf(dialect === 'postgres' && !process.env.DATABASE_URL)(`client.templates [${dialect}]`, () => {
    let server: TestServer;
    let hr: BatonClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      hr = createClient({ baseUrl: server.url, token: await server.tokenFor('hr1', ['hr']), locale: 'zh-CN' });
    });
    afterAll(() => server?.close());

    it('lists the shipped offboarding template, installs it for HR, and answers "unchanged" the second time', { timeout: 60_000 }, async () => {
      const before = (await hr.templates.list()).items.find((i) => i.key === 'offboarding');
      expect(before).toMatchObject({ status: 'available', installedVersion: null, upgradeAvailable: false, title: { 'zh-CN': '员工离职' } });
      const installed = await hr.templates.install('offboarding');
      expect(installed.outcome).toBe('installed');
      expect(installed.template).toMatchObject({ status: 'installed', installedVersion: before!.version, installedBy: 'hr1' });
      expect(installed.import.pack.key).toBe('offboarding');
      const again = await hr.templates.install('offboarding', { withDemoData: true });
      expect(again.outcome).toBe('unchanged');
      expect(again.import.imported).toEqual([]);
    });

    it('throws the server\'s coded errors: an unknown template, a user without the role', async () => {
      const unknown = await hr.templates.install('payroll').catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(BatonApiError);
      expect(unknown).toMatchObject({ status: 404, code: 'BATON_E_TEMPLATE_NOT_FOUND', path: '/params/key' });
      expect((unknown as BatonApiError).message).toContain('payroll');
      const employee = createClient({ baseUrl: server.url, token: await server.tokenFor('emp1', []) });
      await expect(employee.templates.list()).rejects.toMatchObject({ status: 403, code: 'BATON_E_FORBIDDEN' });
    });
  });
}
