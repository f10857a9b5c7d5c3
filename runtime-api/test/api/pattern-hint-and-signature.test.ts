import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileSettingsFrom } from '../../src/files/file-settings.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { multipartFile } from '../harness/manager-approval.js';
import { publish } from '../harness/publish-definition.js';

// QA: a text field's regex never reaches users when the analyst wrote a patternHint, and an untouched
// signature pad ({}) is refused with "Please sign here" at the field, not the schema's wording.
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
  key: 'nda-undertaking',
  title: t('Confidentiality undertaking', '保密承诺书'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    {
      key: 'badgeNo',
      type: 'text',
      label: t('Badge number', '工牌号'),
      config: { pattern: '^B[0-9]{4}$', patternHint: t('A B followed by 4 digits, for example B0042.', '字母 B 加 4 位数字，例如 B0042。') },
    },
    { key: 'ndaSignature', type: 'signature', label: t('Signature', '签名'), required: true },
  ],
};
const flow = {
  kind: 'flow',
  key: 'nda-undertaking',
  title: t('Confidentiality undertaking', '保密承诺书'),
  form: 'nda-undertaking',
  nodes: [
    { id: 'request', type: 'start', name: t('Request', '申请') },
    { id: 'sign', type: 'task', name: t('Sign', '签署'), config: { assignees: [{ kind: 'field', path: 'employeeId' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [
    { id: 'e1', from: 'request', to: 'sign' },
    { id: 'e2', from: 'sign', to: 'end' },
  ],
};

const fileDir = mkdtempSync(path.join(tmpdir(), 'baton-pattern-hint-test-'));
afterAll(() => rmSync(fileDir, { recursive: true, force: true }));

forEachDatabase(
  'pattern hints and unsigned signatures',
  (ctx) => {
    const tokens: Record<string, string> = {};
    const start = (data: Json, locale = 'en') =>
      ctx().call({ method: 'POST', url: '/api/flows/nda-undertaking/instances', payload: { data }, token: tokens.emp!, headers: { 'accept-language': locale } });

    beforeAll(async () => {
      expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
      for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, user.roles);
      await publish(ctx(), form);
      await publish(ctx(), flow);
    });

    it('refuses to save or publish a patternHint without a pattern, with its code and path', async () => {
      const hinted = { ...form, key: 'hint-only', fields: [{ key: 'code', type: 'text', label: t('Code', '编码'), config: { patternHint: t('Six digits', '6 位数字') } }] };
      // Saving checks the definition as publishing does: refused before it can be published.
      const res = await ctx().call({ method: 'POST', url: '/api/definitions', payload: hinted, headers: { 'accept-language': 'zh-CN' } });
      expect(res.statusCode, res.body).toBe(422);
      const issues = (res.json().error.issues ?? [res.json().error]) as Json[];
      const issue = issues.find((i) => i.code === 'BATON_E_FORM_PATTERN_HINT_WITHOUT_PATTERN');
      expect(issue, res.body).toBeDefined();
      expect(issue!.path).toMatch(/\/fields\/0\/config\/patternHint$/);
      expect(issue!.message).toContain('格式说明');
    });

    it('says the hint, not the regex, when a value does not match (en and zh-CN)', async () => {
      for (const [locale, words] of [['en', 'Badge number: a B followed by 4 digits, for example B0042.'], ['zh-CN', '工牌号：字母 B 加 4 位数字，例如 B0042。']] as const) {
        const res = await start({ employeeId: 'emp', badgeNo: '42' }, locale);
        expect(res.statusCode, res.body).toBe(422);
        const issue = (res.json().error.issues as Json[]).find((i) => i.path === '/data/badgeNo');
        expect(issue).toMatchObject({ code: 'BATON_E_SCHEMA_PATTERN', message: words });
        expect(res.body).not.toContain('[0-9]{4}');
      }
    });

    it('refuses an untouched signature pad ({}) with "Please sign here" at the field, at the start and at a task', async () => {
      const startRes = await start({ employeeId: 'emp', badgeNo: 'B0042', ndaSignature: {} });
      expect(startRes.statusCode, startRes.body).toBe(422);
      const issues = startRes.json().error.issues as Json[];
      expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([['BATON_E_FORM_SIGNATURE_REQUIRED', '/data/ndaSignature', 'Please sign here (Signature).']]);
      const zh = await start({ employeeId: 'emp', ndaSignature: {} }, 'zh-CN');
      expect((zh.json().error.issues as Json[]).find((i) => i.path === '/data/ndaSignature')?.message).toBe('请在此签名（签名）。');

      // Signed at the start, then sent back blank at the task: refused the same way, the stored signature kept.
      const upload = multipartFile('signature.png', 'image/png', randomBytes(64));
      const file = await ctx().call({ method: 'POST', url: '/api/files', payload: upload.payload, headers: upload.headers, token: tokens.emp! });
      expect(file.statusCode, file.body).toBe(201);
      const signature = { fileId: file.json().fileId, sha256: file.json().sha256, signedAt: new Date().toISOString(), signerId: 'emp' };
      const started = await start({ employeeId: 'emp', badgeNo: 'B0042', ndaSignature: signature });
      expect(started.statusCode, started.body).toBe(201);
      const list = await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${started.json().id}`, token: tokens.emp! });
      const taskId = list.json().items[0].id;
      const blank = await ctx().call({ method: 'POST', url: `/api/tasks/${taskId}/actions`, payload: { action: 'complete', data: { ndaSignature: {} } }, token: tokens.emp!, headers: { 'accept-language': 'zh-CN' } });
      expect(blank.statusCode, blank.body).toBe(422);
      expect((blank.json().error.issues as Json[]).map((i) => [i.code, i.path, i.message])).toEqual([['BATON_E_FORM_SIGNATURE_REQUIRED', '/data/ndaSignature', '请在此签名（签名）。']]);
      const done = await ctx().call({ method: 'POST', url: `/api/tasks/${taskId}/actions`, payload: { action: 'complete' }, token: tokens.emp! });
      expect(done.statusCode, done.body).toBe(200);
      const stored = await ctx().database.db.selectFrom('instances').select('data').where('id', '=', started.json().id).executeTakeFirstOrThrow();
      expect((stored.data as Json).ndaSignature.fileId).toBe(signature.fileId);
    });
  },
  { config: { files: { ...fileSettingsFrom({}, fileDir), dir: fileDir } } },
);
