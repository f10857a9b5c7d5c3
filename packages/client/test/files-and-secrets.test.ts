import { buildApp, insertToken, loadConfig } from '@baton/runtime-api';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clonePgliteTemplate, type TestDatabase } from '../../../runtime-api/test/harness/test-database.js';
import { BatonApiError, createClient, type BatonClient } from '../src/index.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const vault = {
  kind: 'form' as const,
  key: 'vault',
  title: t('Safe codes', '保险柜密码'),
  collection: true,
  fields: [
    { key: 'label', type: 'text', label: t('Safe', '保险柜'), required: true },
    { key: 'pin', type: 'secret', label: t('PIN', '密码'), config: { revealTo: ['hr'] } },
    { key: 'scan', type: 'attachment', label: t('Scan', '扫描件') },
  ],
};

let handle: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let admin: BatonClient;
let designer: BatonClient;
const fileDir = mkdtempSync(path.join(tmpdir(), 'baton-client-files-'));

beforeAll(async () => {
  handle = await clonePgliteTemplate(inject('pgliteTemplate'));
  const base = loadConfig({});
  // Uploads go to a temporary folder, never into the working folder.
  const config = { ...base, masterKey: '7e'.repeat(32), logLevel: 'silent', rateLimit: { max: 100_000, timeWindowMs: 60_000 }, audit: { ...base.audit, signingKey: '5a'.repeat(32), headFile: null }, files: { ...base.files, dir: fileDir } };
  app = await buildApp({ db: handle.database, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = async (userId: string, roles: string[]) => (await insertToken(handle.database.db, { userId, roles, createdBy: 'test' })).token;
  admin = createClient({ baseUrl: url, token: await token('admin', ['admin']) });
  designer = createClient({ baseUrl: url, token: await token('d1', ['designer']) });
});
afterAll(async () => {
  await app?.close();
  await handle?.dispose();
  rmSync(fileDir, { recursive: true, force: true });
});

describe('@baton/client: files and secrets', () => {
  it('uploads a file, attaches it, downloads it; reveals a secret to an allowed role only', async () => {
    await admin.definitions.save(vault);
    await admin.definitions.publish('form', 'vault');
    const bytes = new TextEncoder().encode('%PDF-1.4 scan');
    const ref = await designer.files.upload({ content: bytes, name: '扫描件.pdf', contentType: 'application/pdf' });
    expect(ref).toEqual({ fileId: expect.any(String), name: '扫描件.pdf', size: bytes.length, contentType: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex') });

    const record = await designer.records.create('vault', { data: { label: 'Safe A', pin: '4711', scan: [ref] } });
    expect(record.data.pin).toEqual({ sealed: true, masked: '••••••', ref: expect.any(String) });
    const file = await designer.files.download(ref.fileId);
    expect(file).toEqual({ bytes, contentType: 'application/pdf', fileName: '扫描件.pdf', sha256: ref.sha256 });

    const denied = await designer.records.revealSecret('vault', record.id, '/data/pin').catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(BatonApiError);
    expect(denied).toMatchObject({ status: 403, code: 'BATON_E_SECRET_REVEAL_FORBIDDEN' });
    expect(await admin.records.revealSecret('vault', record.id, '/data/pin')).toEqual({ path: '/data/pin', value: '4711' });
  });
});
