import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileSettingsFrom } from '../../src/files/file-settings.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { managerApprovalFlow, multipartFile } from '../harness/manager-approval.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const directory = {
  departments: [{ id: 'd-ops', name: 'Operations', headId: 'mgr' }],
  users: [
    { id: 'emp', name: 'Zhang San', departmentId: 'd-ops', managerId: 'mgr', roles: [] },
    { id: 'mgr', name: 'Li Si', departmentId: 'd-ops', roles: [] },
  ],
};
const form = {
  kind: 'form',
  key: 'resignation-signed',
  title: t('Signed resignation', '签字辞职书'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'employeeSignature', type: 'signature', label: t('Employee signature', '员工签名') },
    { key: 'managerSignature', type: 'signature', label: t('Manager signature', '经理签名') },
  ],
};
const flow = managerApprovalFlow('resignation-signed', t('Signed resignation', '签字辞职书'), 'resignation-signed');

const multipart = (content: Buffer) => multipartFile('signature.png', 'image/png', content);

const fileDir = mkdtempSync(path.join(tmpdir(), 'baton-signature-test-'));
afterAll(() => rmSync(fileDir, { recursive: true, force: true }));

const FORGED = { signedAt: '2001-01-01T00:00:00.000Z', signerId: 'someone-else' };

forEachDatabase(
  'signatures: the server stamps signedAt and signerId',
  (ctx) => {
    const tokens: Record<string, string> = {};
    const sign = async (user: string): Promise<{ fileId: string; sha256: string }> => {
      const content = randomBytes(64);
      const res = await ctx().call({ method: 'POST', url: '/api/files', ...multipart(content), token: tokens[user]! });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().sha256).toBe(createHash('sha256').update(content).digest('hex'));
      return { fileId: res.json().fileId, sha256: res.json().sha256 };
    };
    const start = (data: Json) => ctx().call({ method: 'POST', url: '/api/flows/resignation-signed/instances', payload: { data }, token: tokens.emp! });
    const storedData = async (instanceId: string): Promise<Json> =>
      (await ctx().database.db.selectFrom('instances').select('data').where('id', '=', instanceId).executeTakeFirstOrThrow()).data as Json;

    beforeAll(async () => {
      const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
      expect(imported.statusCode, imported.body).toBe(200);
      for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, user.roles);
      for (const def of [form, flow]) await publish(ctx(), def);
    });

    it('overrides a forged signedAt/signerId with the command time and the actor; keeps an unchanged one as stored', async () => {
      const empRef = await sign('emp');
      const before = Date.now();
      const started = await start({ employeeId: 'emp', employeeSignature: { ...empRef, ...FORGED } });
      const after = Date.now();
      expect(started.statusCode, started.body).toBe(201);
      const instanceId = started.json().id;
      const first = (await storedData(instanceId)).employeeSignature;
      expect(first).toMatchObject({ ...empRef, signerId: 'emp' });
      expect(Date.parse(first.signedAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(first.signedAt)).toBeLessThanOrEqual(after);

      const tasks = await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}`, token: tokens.mgr! });
      const taskId = tasks.json().items[0].id;
      // The manager may not sign with the employee's image, though it is already attached to this instance.
      const borrowed = await ctx().call({
        method: 'POST',
        url: `/api/tasks/${taskId}/actions`,
        payload: { action: 'approve', data: { managerSignature: { ...empRef, ...FORGED } } },
        token: tokens.mgr!,
      });
      expect(borrowed.statusCode, borrowed.body).toBe(422);
      expect(borrowed.json().error.issues[0]).toMatchObject({ code: 'BATON_E_FILE_REFERENCE_INVALID', path: '/data/managerSignature/fileId' });

      const mgrRef = await sign('mgr');
      const approved = await ctx().call({
        method: 'POST',
        url: `/api/tasks/${taskId}/actions`,
        // Without sha256: the server fills it from the upload.
        payload: { action: 'approve', data: { employeeSignature: first, managerSignature: { fileId: mgrRef.fileId, ...FORGED } } },
        token: tokens.mgr!,
      });
      expect(approved.statusCode, approved.body).toBe(200);
      const data = await storedData(instanceId);
      expect(data.employeeSignature).toEqual(first);
      expect(data.managerSignature).toMatchObject({ ...mgrRef, signerId: 'mgr' });
      expect(data.managerSignature.signedAt).not.toBe(FORGED.signedAt);
      expect(Date.parse(data.managerSignature.signedAt)).toBeGreaterThanOrEqual(Date.parse(first.signedAt));
    });

    it("refuses a signature on another user's file, or with a sha256 other than the upload's, with paths", async () => {
      const mgrRef = await sign('mgr');
      const stolen = await start({ employeeId: 'emp', employeeSignature: { ...mgrRef, ...FORGED } });
      expect(stolen.statusCode, stolen.body).toBe(422);
      expect(stolen.json().error.issues[0]).toMatchObject({ code: 'BATON_E_FILE_REFERENCE_INVALID', path: '/data/employeeSignature/fileId' });
      const own = await sign('emp');
      const forged = await start({ employeeId: 'emp', employeeSignature: { ...own, sha256: 'a'.repeat(64), ...FORGED } });
      expect(forged.statusCode, forged.body).toBe(422);
      expect(forged.json().error.issues[0]).toMatchObject({ code: 'BATON_E_FILE_REFERENCE_MISMATCH', path: '/data/employeeSignature/sha256' });
    });
  },
  { config: { files: { ...fileSettingsFrom({}, fileDir), dir: fileDir } } },
);
