import { describe, expect, it } from 'vitest';
import { checkPackDefinition, parameterValueSchema } from './check-pack-definition.js';
import { codesAndPaths, context, schemaThenCheck } from './fixtures/check-harness.js';
import { copy, offboardingPack } from './fixtures/offboarding-examples.js';
import type { DefinitionKind, SemanticCheckContext } from './semantic-check-context.js';

/** Records what the pack check hands to validateNested, and resolves nothing outside the pack. */
function packContext(installed: Array<[DefinitionKind, string]> = []) {
  const nested: Array<{ kind: unknown; basePath: string; resolvedForm: unknown }> = [];
  const ctx: SemanticCheckContext = {
    ...context('en', (kind, key) => (installed.some(([k, n]) => k === kind && n === key) ? { kind, key } : undefined)),
    validateNested: (def, basePath, resolve) => {
      nested.push({ kind: (def as { kind: unknown }).kind, basePath, resolvedForm: resolve?.('form', 'offboarding-request') });
      return [];
    },
  };
  return { ctx, nested };
}

const check = (def: unknown, ctx: SemanticCheckContext) => schemaThenCheck('pack', def, checkPackDefinition, ctx);

describe('pack manifests', () => {
  it('accepts the offboarding pack and validates each inline definition with the pack as resolver', () => {
    const { ctx, nested } = packContext([['flow', 'offboarding']]);
    expect(check(offboardingPack, ctx)).toEqual([]);
    expect(nested.map((n) => [n.kind, n.basePath])).toEqual([
      ['form', '/definitions/0/definition'],
      ['report', '/definitions/2/definition'],
      ['document', '/definitions/3/definition'],
      ['connector', '/definitions/4/definition'],
    ]);
    // The report in the pack sees the pack's own form.
    expect((nested[1]?.resolvedForm as { key: string }).key).toBe('offboarding-request');
  });

  it('reports manifest schema errors with paths', () => {
    const def = copy(offboardingPack) as Record<string, any>;
    def.definitions[1].kind = 'pack';
    def.seed[1] = { target: 'records', data: [] };
    def.engine = 'latest';
    const { ctx } = packContext([['flow', 'offboarding']]);
    expect(codesAndPaths(check(def, ctx))).toEqual([
      ['BATON_E_SCHEMA_PATTERN', '/engine'],
      ['BATON_E_SCHEMA_ENUM', '/definitions/1/kind'],
      ['BATON_E_SCHEMA_REQUIRED', '/seed/1/form'],
    ]);
  });

  it('finds duplicates, mismatched entries and references nothing satisfies', () => {
    const def = copy(offboardingPack) as Record<string, any>;
    def.definitions.push({ kind: 'form', key: 'offboarding-request', file: 'forms/again.json' });
    def.definitions[4].key = 'crm-system';
    def.definitions[2].definition.dataset.form = 'exit-interview';
    def.roles.push({ key: 'hr', label: 'HR again' });
    // The flow is listed in the pack as a file, so references to it are satisfied without resolving it.
    const { ctx } = packContext();
    expect(codesAndPaths(check(def, ctx))).toEqual([
      ['BATON_E_PACK_DUPLICATE_DEFINITION', '/definitions/5/key'],
      ['BATON_E_PACK_ENTRY_MISMATCH', '/definitions/4/definition'],
      ['BATON_E_PACK_UNRESOLVED_REFERENCE', '/definitions/2/definition/dataset/form'],
      ['BATON_E_PACK_DUPLICATE_KEY', '/roles/4/key'],
    ]);
  });

  it('checks parameter defaults against their type, and bounds', () => {
    const def = copy(offboardingPack) as Record<string, any>;
    def.parameters[0].default = 2.5;
    def.parameters[1].default = '9am';
    def.parameters.push({ key: 'channel', label: 'Channel', type: 'select', options: [{ value: 'dingtalk', label: 'DingTalk' }], default: 'fax' });
    def.parameters.push({ key: 'window', label: 'Window', type: 'number', minimum: 5, maximum: 1, default: 3 });
    const { ctx } = packContext([['flow', 'offboarding']]);
    const issues = check(def, ctx);
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_SCHEMA_TYPE', '/parameters/0/default'],
      ['BATON_E_SCHEMA_PATTERN', '/parameters/1/default'],
      ['BATON_E_SCHEMA_ENUM', '/parameters/2/default'],
      ['BATON_E_PACK_PARAMETER_RANGE', '/parameters/3'],
      ['BATON_E_SCHEMA_MAXIMUM', '/parameters/3/default'],
      ['BATON_E_SCHEMA_MINIMUM', '/parameters/3/default'],
    ]);
    expect(issues[0]?.messages).toEqual({ en: 'Change this value to an integer.', 'zh-CN': '请将此值改为整数。' });
    expect(parameterValueSchema({ key: 'd', label: 'D', type: 'duration' })).toEqual({ $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/duration' });
  });

  it('refuses an engine range this engine does not meet and unknown connector types', () => {
    const def = copy(offboardingPack) as Record<string, any>;
    def.engine = '^2.0.0';
    def.connectors[1].type = 'ldap';
    const { ctx } = packContext([['flow', 'offboarding']]);
    const issues = check(def, ctx);
    expect(codesAndPaths(issues)).toEqual([
      ['BATON_E_PACK_ENGINE_MISMATCH', '/engine'],
      ['BATON_E_CONNECTOR_UNKNOWN_TYPE', '/connectors/1/type'],
    ]);
    expect(issues[0]?.message).toBe('The pack needs engine ^2.0.0 but this engine is 0.1.0: change "engine" or use a matching Baton version.');
  });
});
