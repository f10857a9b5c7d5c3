import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonApiError, createClient, type BatonClient, type PackBundle } from '../src/index.js';
import { startTestServer, type TestServer } from './harness/test-server.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const bundle: PackBundle = {
  manifest: {
    kind: 'pack',
    key: 'leave-kit',
    version: 1,
    title: t('Leave kit', '离职工具包'),
    engine: '^0.1.0',
    definitions: [{ kind: 'form', key: 'leave-note', file: 'forms/leave-note.json' }],
    parameters: [
      { key: 'reminderDays', label: t('Reminder (business days)', '提醒（工作日）'), type: 'integer', unit: 'business-days', default: 3, minimum: 0, maximum: 30 },
      { key: 'channel', label: t('Channel', '渠道'), type: 'select', default: 'email', options: [{ value: 'email', label: t('Email', '邮件') }, { value: 'sms', label: t('SMS', '短信') }] },
    ],
  },
  definitions: [{ kind: 'form', key: 'leave-note', title: t('Leave note', '离职说明'), fields: [{ key: 'note', type: 'text', label: t('Note', '说明') }] }],
};
const bare: PackBundle = { ...bundle, manifest: { ...bundle.manifest, key: 'bare-kit', parameters: [] } };

const dialects = ['pglite', 'postgres'] as const;

for (const dialect of dialects) {
  describe.skipIf(dialect === 'postgres' && !process.env.DATABASE_URL)(`client.packs parameters [${dialect}]`, () => {
    let server: TestServer;
    let admin: BatonClient;
    let designer: BatonClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      admin = createClient({ baseUrl: server.url, token: server.adminToken });
      designer = createClient({ baseUrl: server.url, token: await server.tokenFor('ana', ['designer']) });
      await admin.packs.import(bundle);
      await admin.packs.import(bare);
    });
    afterAll(() => server?.close());

    it('reads each declaration with its default and current value', async () => {
      const read = await designer.packs.parameters('leave-kit');
      expect(read.pack).toBe('leave-kit');
      expect(read.parameters.map((p) => [p.key, p.type, p.default, p.value, p.overridden])).toEqual([
        ['reminderDays', 'integer', 3, 3, false],
        ['channel', 'select', 'email', 'email', false],
      ]);
      expect(read.parameters[0]).toMatchObject({ unit: 'business-days', minimum: 0, maximum: 30, label: { 'zh-CN': '提醒（工作日）' } });
      expect(read.parameters[1]?.options?.map((o) => o.value)).toEqual(['email', 'sms']);
      expect((await designer.packs.parameters('bare-kit')).parameters).toEqual([]);
    });

    it('sets values as an admin, and null goes back to the default', async () => {
      const set = await admin.packs.setParameters('leave-kit', { reminderDays: 5, channel: 'sms' });
      expect(set.replannedTimers).toBe(0);
      expect(set.parameters.map((p) => [p.key, p.value, p.overridden])).toEqual([['reminderDays', 5, true], ['channel', 'sms', true]]);
      expect((await designer.packs.parameters('leave-kit')).parameters[0]?.value).toBe(5);
      const reset = await admin.packs.setParameters('leave-kit', { reminderDays: null });
      expect(reset.parameters[0]).toMatchObject({ value: 3, overridden: false });
    });

    it('refuses a value outside the declaration with the code and the path of the field', async () => {
      const error = (await admin.packs.setParameters('leave-kit', { reminderDays: 31 }).catch((e: unknown) => e)) as BatonApiError;
      expect(error).toBeInstanceOf(BatonApiError);
      expect(error).toMatchObject({ status: 422, code: 'BATON_E_PACK_PARAMETER_VALUE', path: '/body/values/reminderDays', request: 'PUT /api/packs/leave-kit/parameters' });
      expect(error.issues[0]?.path).toBe('/body/values/reminderDays');
      const unknown = (await admin.packs.setParameters('leave-kit', { nope: 1 }).catch((e: unknown) => e)) as BatonApiError;
      expect(unknown).toMatchObject({ code: 'BATON_E_PACK_PARAMETER_UNKNOWN', path: '/body/values/nope' });
      expect((await admin.packs.parameters('leave-kit')).parameters[0]?.value).toBe(3);
    });

    it('lets designers read but not write, and answers 404 for a pack that is not installed', async () => {
      const forbidden = (await designer.packs.setParameters('leave-kit', { reminderDays: 4 }).catch((e: unknown) => e)) as BatonApiError;
      expect(forbidden).toMatchObject({ status: 403, code: 'BATON_E_FORBIDDEN' });
      const missing = (await admin.packs.parameters('no-such-pack').catch((e: unknown) => e)) as BatonApiError;
      expect(missing).toMatchObject({ status: 404, code: 'BATON_E_PACK_NOT_FOUND', path: '/params/key' });
    });
  });
}
