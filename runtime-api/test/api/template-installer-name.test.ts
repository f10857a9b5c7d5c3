import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

// A template card names who installed it by their directory name (read for every card in one query), so the
// template centre shows "王芳" instead of a user id and asks nothing per card.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-installer-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const writeJson = (file: string, value: unknown) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), JSON.stringify(value, null, 2));
};
for (const [folder, key] of [['memo', 'installer-memo'], ['board', 'installer-board'], ['idle', 'installer-idle']] as const) {
  writeJson(`${folder}/pack.json`, {
    kind: 'pack', key, version: 1, engine: '^0.1.0', title: t(`Template ${folder}`, `模板 ${folder}`),
    definitions: [{ kind: 'form', key: `${key}-form`, file: 'forms/form.json' }],
  });
  writeJson(`${folder}/forms/form.json`, { kind: 'form', key: `${key}-form`, title: t('Form', '表单'), collection: true, fields: [{ key: 'text', type: 'text', label: t('Text', '内容') }] });
}

type Card = { key: string; installedBy: string | null; installedByName: string | null; status: string };

forEachDatabase(
  'template cards name their installer',
  (ctx) => {
    let hr = '';
    let stranger = '';
    beforeAll(async () => {
      await ctx().database.db.insertInto('directory_users').values({
        id: 'hr-wang', name: '王芳', department_id: null, position: null, manager_id: null, roles: JSON.stringify(['hr']),
        hire_date: null, leave_date: null, email: null, mobile: null, attributes: JSON.stringify({}),
      }).execute();
      hr = await ctx().tokenFor('hr-wang', ['hr']);
      // A token whose user is not in the directory (a service account): its id is all there is.
      stranger = await ctx().tokenFor('svc-installer', ['designer']);
    });

    it('answers the install with the installer\'s name, and null for an id the directory does not know', async () => {
      const byHr = await ctx().call({ method: 'POST', url: '/api/templates/installer-memo/install', token: hr, payload: {} });
      expect(byHr.statusCode, byHr.body).toBe(201);
      expect(byHr.json().template).toMatchObject({ installedBy: 'hr-wang', installedByName: '王芳', status: 'installed' });
      const byService = await ctx().call({ method: 'POST', url: '/api/templates/installer-board/install', token: stranger, payload: {} });
      expect(byService.statusCode, byService.body).toBe(201);
      expect(byService.json().template).toMatchObject({ installedBy: 'svc-installer', installedByName: null });
      // Installing again changes nothing and still names the installer of record.
      const again = await ctx().call({ method: 'POST', url: '/api/templates/installer-memo/install', token: stranger, payload: {} });
      expect(again.statusCode).toBe(200);
      expect(again.json().template).toMatchObject({ installedBy: 'hr-wang', installedByName: '王芳' });
    });

    it('lists every card with its installer\'s name; a template not installed has none', async () => {
      const res = await ctx().call({ method: 'GET', url: '/api/templates', token: hr });
      expect(res.statusCode, res.body).toBe(200);
      const cards = new Map((res.json().items as Card[]).map((c) => [c.key, c]));
      expect(cards.get('installer-memo')).toMatchObject({ installedBy: 'hr-wang', installedByName: '王芳' });
      expect(cards.get('installer-board')).toMatchObject({ installedBy: 'svc-installer', installedByName: null });
      expect(cards.get('installer-idle')).toMatchObject({ status: 'available', installedBy: null, installedByName: null });
    });
  },
  { config: { templatesDir: root } },
);
