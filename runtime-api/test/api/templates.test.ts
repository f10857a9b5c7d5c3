import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTemplateCatalogue } from '../../src/packs/template-catalogue.js';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';

// The template gallery against a copy of the shipped templates folder: the real offboarding template, a small
// "notes" template with demo records, and a broken folder the gallery must leave out. The suite bumps the
// copy's versions on disk to see upgrades offered and installed.
const shipped = fileURLToPath(new URL('../../../templates/offboarding', import.meta.url));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-templates-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const writeJson = (file: string, value: unknown) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), JSON.stringify(value, null, 2));
};
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

/** The templates folder as shipped (each database's suite starts from it: the upgrade test edits it). */
function prepareTemplates(): void {
  for (const name of ['offboarding', 'notes', 'broken']) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  fs.cpSync(shipped, path.join(root, 'offboarding'), { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  writeJson('notes/pack.json', {
    kind: 'pack', key: 'gallery-notes', version: 1, release: '1.0.0', engine: '^0.1.0',
    title: t('Notes', '便签'), description: t('A note board.', '便签板。'), tags: ['notes'],
    definitions: [{ kind: 'form', key: 'gallery-note', file: 'forms/note.json' }],
    seed: [{ target: 'records', form: 'gallery-note', file: 'seed/demo-notes.json', demo: true }],
  });
  writeJson('notes/forms/note.json', { kind: 'form', key: 'gallery-note', title: t('Note', '便签'), collection: true, fields: [{ key: 'text', type: 'text', label: t('Text', '内容') }] });
  writeJson('notes/seed/demo-notes.json', [{ $id: 'demo-note-1', text: 'Hello' }, { $id: 'demo-note-2', text: '你好' }]);
  fs.mkdirSync(path.join(root, 'broken'));
  fs.writeFileSync(path.join(root, 'broken/pack.json'), '{ not json');
}
prepareTemplates();

const offboardingVersion = readJson('offboarding/pack.json').version as number;

interface TemplateItem {
  key: string;
  title: Record<string, string>;
  description: Record<string, string> | null;
  version: number;
  installedVersion: number | null;
  installedBy: string | null;
  upgradeAvailable: boolean;
  status: string;
  demoData: boolean;
  definitions: number;
}

async function list(ctx: TestContext, token: string): Promise<TemplateItem[]> {
  const res = await ctx.call({ method: 'GET', url: '/api/templates', token });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: TemplateItem[] }).items;
}

const install = (ctx: TestContext, key: string, token: string | null, payload: object = {}, idempotencyKey?: string) =>
  ctx.call({ method: 'POST', url: `/api/templates/${key}/install`, token, payload, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}) });

const galleryAudit = async (ctx: TestContext, key: string) =>
  (await ctx.database.db.selectFrom('audit_log').select(['actor', 'subject_id', 'data']).where('action', '=', 'pack.imported').orderBy('seq').execute())
    .filter((e) => e.subject_id.startsWith(`${key}@`));

forEachDatabase(
  'template gallery',
  (ctx) => {
    let hr = '';
    beforeAll(prepareTemplates);
    it('lists the shipped templates for HR, none installed yet; a broken folder is left out', { timeout: 60_000 }, async () => {
      hr = await ctx().tokenFor('hr1', ['hr']);
      const items = await list(ctx(), hr);
      expect(items.map((i) => i.key)).toEqual(['gallery-notes', 'offboarding']);
      const offboarding = items.find((i) => i.key === 'offboarding')!;
      expect(offboarding).toMatchObject({
        title: { en: 'Employee offboarding', 'zh-CN': '员工离职' },
        version: offboardingVersion,
        installedVersion: null,
        upgradeAvailable: false,
        status: 'available',
        demoData: true,
      });
      expect(offboarding.description?.['zh-CN']).toContain('离职');
      expect(offboarding.definitions).toBeGreaterThan(10);
    });

    it('refuses an employee (403) and anyone without a token (401), and names an unknown template (404)', async () => {
      const employee = await ctx().tokenFor('emp1', []);
      const listed = await ctx().call({ method: 'GET', url: '/api/templates', token: employee });
      expect(listed.statusCode).toBe(403);
      expect(listed.json().error.code).toBe('BATON_E_FORBIDDEN');
      const refused = await install(ctx(), 'offboarding', employee);
      expect(refused.statusCode).toBe(403);
      expect((await install(ctx(), 'offboarding', null)).statusCode).toBe(401);
      expect(await ctx().database.db.selectFrom('packs').select('key').execute()).toEqual([]);

      const unknown = await install(ctx(), 'payroll', hr);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'BATON_E_TEMPLATE_NOT_FOUND', path: '/params/key' });
      // A bare POST (no body) is an install without demo data.
      expect((await ctx().call({ method: 'POST', url: '/api/templates/payroll/install', token: hr })).statusCode).toBe(404);
      const zh = await ctx().call({ method: 'POST', url: '/api/templates/payroll/install', token: hr, payload: {}, headers: { 'accept-language': 'zh-CN' } });
      expect(zh.json().error.message).toContain('未内置模板 "payroll"');
      // A folder name or a path is never a key: refused by the key's pattern before anything is read.
      const traversal = await ctx().call({ method: 'POST', url: '/api/templates/..%2Foffboarding/install', token: hr, payload: {} });
      expect(traversal.statusCode).toBe(400);
      expect(traversal.json().error.code).toMatch(/^BATON_E_/);
    });

    it('installs the offboarding template for HR through the pack import, audited as a gallery install', { timeout: 120_000 }, async () => {
      const res = await install(ctx(), 'offboarding', hr, {}, 'gallery-install-1');
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.outcome).toBe('installed');
      expect(body.template).toMatchObject({ key: 'offboarding', installedVersion: offboardingVersion, installedBy: 'hr1', status: 'installed', upgradeAvailable: false });
      expect(body.import.pack).toMatchObject({ key: 'offboarding', version: offboardingVersion, importedBy: 'hr1' });
      expect(body.import.imported.length).toBeGreaterThan(10);
      // Without demo data: no demo people, records or past instances.
      expect(body.import.seed.directory).toBeNull();
      const flow = await ctx().call({ method: 'GET', url: '/api/definitions/flow/offboarding', token: hr });
      expect(flow.json()).toMatchObject({ status: 'published', createdBy: 'hr1' });
      const audit = await galleryAudit(ctx(), 'offboarding');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'hr1', subject_id: `offboarding@${offboardingVersion}` });
      expect(audit[0]!.data).toMatchObject({ gallery: { template: 'offboarding', installedBy: 'hr1', withDemoData: false, upgradedFrom: null } });

      // The same Idempotency-Key replays the answer; a new request for the installed version is a no-op 200.
      const replay = await install(ctx(), 'offboarding', hr, {}, 'gallery-install-1');
      expect(replay.statusCode).toBe(201);
      expect(replay.json()).toEqual(body);
      const again = await install(ctx(), 'offboarding', hr, { withDemoData: true }, 'gallery-install-2');
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ outcome: 'unchanged', template: { status: 'installed' }, import: { imported: [] } });
      expect(await galleryAudit(ctx(), 'offboarding')).toHaveLength(1);
      expect((await ctx().database.db.selectFrom('packs').select('version').where('key', '=', 'offboarding').execute()).length).toBe(1);

      const listed = (await list(ctx(), hr)).find((i) => i.key === 'offboarding');
      expect(listed).toMatchObject({ installedVersion: offboardingVersion, installedBy: 'hr1', status: 'installed' });
    });

    it('offers and installs an upgrade when the shipped version is newer', { timeout: 120_000 }, async () => {
      const manifest = readJson('offboarding/pack.json');
      writeJson('offboarding/pack.json', { ...manifest, version: offboardingVersion + 1, release: '1.1.0' });
      const asset = readJson('offboarding/forms/asset.json');
      writeJson('offboarding/forms/asset.json', { ...asset, title: t('Company assets', '公司资产') });
      const designer = await ctx().tokenFor('des1', ['designer']);
      const offered = (await list(ctx(), designer)).find((i) => i.key === 'offboarding');
      expect(offered).toMatchObject({ version: offboardingVersion + 1, installedVersion: offboardingVersion, upgradeAvailable: true, status: 'upgrade-available' });

      const res = await install(ctx(), 'offboarding', hr);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.outcome).toBe('upgraded');
      expect(body.template).toMatchObject({ version: offboardingVersion + 1, installedVersion: offboardingVersion + 1, status: 'installed' });
      expect(body.import.imported).toEqual([{ kind: 'form', key: 'asset', version: 2 }]);
      expect(body.import.unchanged.length).toBeGreaterThan(10);
      const audit = await galleryAudit(ctx(), 'offboarding');
      expect(audit.map((a) => a.subject_id)).toEqual([`offboarding@${offboardingVersion}`, `offboarding@${offboardingVersion + 1}`]);
      expect(audit[1]!.data).toMatchObject({ gallery: { installedBy: 'hr1', upgradedFrom: offboardingVersion } });
      expect((await list(ctx(), hr)).find((i) => i.key === 'offboarding')).toMatchObject({ status: 'installed', upgradeAvailable: false });
    });

    it('loads the demo data when asked, and never downgrades a later version a designer imported', { timeout: 60_000 }, async () => {
      const res = await install(ctx(), 'gallery-notes', hr, { withDemoData: true });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().import.seed.records.inserted).toEqual({ 'gallery-note': 2 });
      const notes = await ctx().call({ method: 'GET', url: '/api/records/gallery-note', token: hr });
      expect((notes.json() as { items: Array<{ data: { text: string } }> }).items.map((r) => r.data.text).sort()).toEqual(['Hello', '你好']);

      const later = {
        manifest: { ...readJson('notes/pack.json'), version: 2, seed: [] },
        definitions: [readJson('notes/forms/note.json')],
      };
      const imported = await ctx().call({ method: 'POST', url: '/api/packs/import', payload: later });
      expect(imported.statusCode, imported.body).toBe(201);
      expect((await list(ctx(), hr)).find((i) => i.key === 'gallery-notes')).toMatchObject({ version: 1, installedVersion: 2, status: 'newer-installed', upgradeAvailable: false });
      const refused = await install(ctx(), 'gallery-notes', hr);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'BATON_E_TEMPLATE_NEWER_INSTALLED', path: '/params/key' });
    });
  },
  { config: { templatesDir: root } },
);

it('reads no templates from a folder that is switched off or missing', async () => {
  expect(await readTemplateCatalogue(null)).toEqual({ templates: [], skipped: [] });
  expect(await readTemplateCatalogue(path.join(root, 'no-such-folder'))).toEqual({ templates: [], skipped: [] });
  const { skipped } = await readTemplateCatalogue(root);
  expect(skipped.map((s) => s.folder)).toEqual(['broken']);
});
