import { compileForm, createRegistry, validateDefinition, type DefinitionKind } from '@baton/engine';
import { runCli, type CliIo } from '@baton/cli';
import { describe, expect, it } from 'vitest';
import { definition, definitions, manifest, PACK_DIR, seedFile } from './pack-files.js';

const resolve = (kind: DefinitionKind, key: string) => definitions.find((d) => d.kind === kind && d.key === key);
type Field = { key: string; type: string; fields?: Field[]; config?: Record<string, unknown> };
const fieldsOf = (formKey: string) => definition<{ fields: Field[] }>('form', formKey).fields;
const field = (formKey: string, key: string) => fieldsOf(formKey).find((f) => f.key === key);
const columns = (formKey: string, table: string) => (field(formKey, table)?.fields ?? []).map((c) => c.key);

describe('offboarding pack definitions', () => {
  it('every definition the manifest lists passes validateDefinition, references resolved inside the pack', () => {
    for (const def of definitions) {
      const result = validateDefinition(def, { resolve });
      expect(result.errors, `${String(def.kind)} ${String(def.key)}`).toEqual([]);
    }
    expect(validateDefinition(manifest, { resolve }).errors).toEqual([]);
    expect(definitions.map((d) => d.kind).sort()).toEqual(expect.arrayContaining(['document', 'flow', 'form', 'report', 'rule']));
  });

  it('passes `baton validate templates/offboarding`', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: PACK_DIR, env: {} };
    const code = await runCli(['validate', PACK_DIR], io);
    expect(out).toEqual([]); // one line per problem
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/1 pack\(s\), 32 definition\(s\), .*; no problems/);
  });

  it('keeps the documented data contract', () => {
    expect(manifest.key).toBe('offboarding');
    const flowDef = definition<{ form: string; nodes: Array<{ id: string }> }>('flow', 'offboarding');
    expect(flowDef.form).toBe('offboarding-request');
    const request = fieldsOf('offboarding-request');
    const types = Object.fromEntries(request.map((f) => [f.key, f.type]));
    expect(types).toMatchObject({
      employeeId: 'user', type: 'select', lastWorkingDay: 'date', terminationDate: 'date', reasonCategory: 'select', reason: 'long-text',
      workItems: 'sub-table', customers: 'sub-table', accounts: 'sub-table', assets: 'sub-table',
    });
    expect((field('offboarding-request', 'type')?.config?.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
      'resignation', 'dismissal', 'contract-end', 'retirement', 'mutual-agreement',
    ]);
    expect(columns('offboarding-request', 'workItems')).toEqual(expect.arrayContaining(['title', 'description', 'successorId']));
    expect(columns('offboarding-request', 'customers')).toEqual(expect.arrayContaining(['customerId', 'successorId', 'notes']));
    expect(columns('offboarding-request', 'accounts')).toEqual(expect.arrayContaining(['system', 'account']));
    expect(columns('offboarding-request', 'assets')).toEqual(expect.arrayContaining(['assetId']));
    // Relation fields of the handover pick from the collections.
    expect(field('offboarding-request', 'customers')?.fields?.find((c) => c.key === 'customerId')?.config).toMatchObject({ form: 'customer' });
    expect(field('offboarding-request', 'assets')?.fields?.find((c) => c.key === 'assetId')?.config).toMatchObject({ form: 'asset' });
    expect(definition<{ collection: boolean }>('form', 'customer').collection).toBe(true);
    expect(fieldsOf('customer').map((f) => f.key)).toEqual(expect.arrayContaining(['name', 'ownerId']));
    expect(definition<{ collection: boolean }>('form', 'asset').collection).toBe(true);
    expect(fieldsOf('asset').map((f) => f.key)).toEqual(expect.arrayContaining(['tag', 'kind', 'holderId', 'status']));

    expect(manifest.roles?.map((r) => r.key).sort()).toEqual(['admin-affairs', 'finance', 'hr', 'it']);
    expect(manifest.parameters?.find((p) => p.key === 'settlementReminderDays')).toMatchObject({ default: 3, unit: 'business-days', type: 'integer' });
    expect(manifest.connectors?.map((c) => [c.key, c.type])).toEqual([['crm', 'crm-rest'], ['scim', 'scim']]);
    expect(definitions.some((d) => d.kind === 'connector')).toBe(false); // declared, unconfigured
    for (const form of ['exit-interview', 'it-clearance', 'finance-settlement', 'asset-return', 'handover-confirmation', 'nda-signing']) {
      expect(definitions.some((d) => d.kind === 'form' && d.key === form), form).toBe(true);
    }
    expect(definition<{ title: unknown }>('document', 'leaving-certificate').title).toEqual({ en: 'Leaving certificate', 'zh-CN': '离职证明' });
    expect(definitions.some((d) => d.kind === 'document' && d.key === 'handover-checklist')).toBe(true);
  });

  it('has every label, message and document text in zh-CN and en', () => {
    const missing: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${at}/${i}`));
      if (value === null || typeof value !== 'object') return;
      const obj = value as Record<string, unknown>;
      for (const [key, v] of Object.entries(obj)) {
        const localized = ['title', 'label', 'name', 'description', 'text', 'header', 'body', 'message', 'fileName', 'caption', 'emptyText', 'footer'].includes(key);
        // Template strings without words (e.g. "{{employeeId | name}}") need no translation.
        if (localized && typeof v === 'string' && /[A-Za-z\u4e00-\u9fff]/.test(v.replace(/\{\{[^}]*\}\}|\{[^}]*\}/g, ''))) missing.push(`${at}/${key}`);
        else if (localized && v && typeof v === 'object' && !Array.isArray(v) && ('en' in v || 'zh-CN' in v)) {
          if (!('en' in v && 'zh-CN' in v)) missing.push(`${at}/${key}`);
        } else walk(v, `${at}/${key}`);
      }
    };
    for (const def of [...definitions, manifest]) walk(def, `${String(def.kind)}:${String(def.key)}`);
    expect(missing).toEqual([]);
  });

  it('compiles every form and accepts the demo seed records of the collections', () => {
    const registry = createRegistry();
    for (const def of definitions.filter((d) => d.kind === 'form')) expect(() => compileForm(def as never, registry)).not.toThrow();
    for (const form of ['customer', 'asset']) {
      const compiled = compileForm(definition('form', form) as never, registry);
      const rows = seedFile<Array<Record<string, unknown>>>('records', form);
      expect(rows.length).toBeGreaterThan(5);
      for (const { $id, ...data } of rows) {
        expect(String($id)).toMatch(/^demo-/);
        expect(compiled.validate(data).errors, String($id)).toEqual([]);
      }
    }
  });

  it('marks its demo seed as demo and gives the demo people the pack roles', () => {
    expect(manifest.seed?.every((s) => s.demo === true)).toBe(true);
    const directory = seedFile<{ users: Array<{ id: string; roles?: string[]; managerId?: string; attributes?: Record<string, unknown> }> }>('directory');
    expect(directory.users.length).toBeGreaterThanOrEqual(15);
    expect(directory.users.every((u) => u.id.startsWith('demo-') && u.attributes?.demo === true)).toBe(true);
    for (const role of ['hr', 'it', 'finance', 'admin-affairs']) expect(directory.users.some((u) => u.roles?.includes(role)), role).toBe(true);
    expect(directory.users.filter((u) => u.attributes?.jobFamily === 'sales').length).toBeGreaterThanOrEqual(2);
    expect(directory.users.filter((u) => u.attributes?.confidential === true)).toHaveLength(1);
    expect(directory.users.filter((u) => !u.managerId)).toHaveLength(1);
  });
});
