import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import type { FieldType } from '../forms/field-type.js';
import { ENGINE_VERSION } from '../version.js';
import { BUILTIN_PLUGINS, createRegistry } from './create-registry.js';
import { Registry, type EnginePlugin } from './registry.js';

const idCard: FieldType = {
  type: 'acme/id-card',
  version: '1.2.0',
  configSchema: { type: 'object', properties: { strict: { type: 'boolean' } }, additionalProperties: false },
  describe: () => ({ label: { en: 'ID card number', 'zh-CN': '身份证号' }, icon: 'id-card', category: 'identity' }),
  valueSchema: () => ({ type: 'string', pattern: '^[0-9]{17}[0-9X]$' }),
  traits: { secret: true },
};
const acmePlugin: EnginePlugin = { name: 'acme/fields', engine: `^${ENGINE_VERSION}`, register: (r) => void r.registerFieldType(idCard) };

function thrown(fn: () => unknown): BatonError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  throw new Error('expected a BatonError');
}

describe('createRegistry', () => {
  it('installs the built-in plugins through use(), like any third party, then the given plugins', () => {
    const registry = createRegistry({ plugins: [acmePlugin] });
    expect(registry.pluginNames()).toEqual([...BUILTIN_PLUGINS.map((p) => p.name), 'acme/fields']);
    for (const type of ['text', 'sub-table', 'user', 'secret', 'computed']) expect(registry.fields.has(type)).toBe(true);
    for (const type of ['start', 'end', 'approval', 'task']) expect(registry.nodes.has(type)).toBe(true);
    expect(registry.triggers.list().length).toBeGreaterThan(0);
    expect(registry.actions.list().length).toBeGreaterThan(0);
    expect(registry.fields.get('acme/id-card')).toBe(idCard);
  });

  it('gives each call its own registry', () => {
    const a = createRegistry();
    a.registerFieldType({ ...idCard, type: 'only-here' });
    expect(createRegistry().fields.has('only-here')).toBe(false);
  });

  it('refuses a duplicate name, also against a built-in', () => {
    const error = thrown(() => createRegistry({ plugins: [{ name: 'x', engine: '^0.1.0', register: (r) => void r.registerFieldType({ ...idCard, type: 'text' }) }] }));
    expect(error.code).toBe('BATON_E_REGISTRY_DUPLICATE');
    expect(error.status).toBe(409);
    expect(error.issues[0]?.messages['zh-CN']).toContain('已存在名为 "text" 的 field 类型');
  });

  it('refuses bad names', () => {
    for (const type of ['Text', 'acme/', 'a b', '1st', 'acme/x/y', 'text@1']) {
      expect(thrown(() => new Registry().registerFieldType({ ...idCard, type })).code).toBe('BATON_E_REGISTRY_BAD_NAME');
    }
  });

  it('refuses a plugin built for another engine, and installs one plugin only once', () => {
    const error = thrown(() => createRegistry({ plugins: [{ ...acmePlugin, engine: '^1.0.0' }] }));
    expect(error.code).toBe('BATON_E_PLUGIN_ENGINE_MISMATCH');
    expect(error.message).toBe(`Plugin "acme/fields" needs engine ^1.0.0 but this engine is ${ENGINE_VERSION}: install a plugin version built for this engine.`);
    const registry = createRegistry({ plugins: [acmePlugin, acmePlugin] });
    expect(registry.pluginNames().filter((n) => n === 'acme/fields')).toHaveLength(1);
  });

  it('looks types up by name or pinned type@version (same major)', () => {
    const registry = createRegistry({ plugins: [acmePlugin] });
    expect(registry.fields.get('acme/id-card@1')).toBe(idCard);
    expect(registry.fields.get('acme/id-card@1.0')).toBe(idCard);
    expect(registry.fields.get('acme/id-card@2')).toBeUndefined();
    expect(registry.fields.has('acme/other')).toBe(false);
  });
});

describe('registry.describe', () => {
  it('returns a JSON catalogue of every type with labels, schemas, ports and traits', () => {
    const catalogue = createRegistry({ plugins: [acmePlugin] }).describe();
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
    expect(catalogue.engine).toBe(ENGINE_VERSION);
    expect(catalogue.fields.find((f) => f.type === 'acme/id-card')).toEqual({
      type: 'acme/id-card',
      version: '1.2.0',
      label: { en: 'ID card number', 'zh-CN': '身份证号' },
      icon: 'id-card',
      category: 'identity',
      configSchema: idCard.configSchema,
      traits: { secret: true },
    });
    const approval = catalogue.nodes.find((n) => n.type === 'approval');
    expect(approval?.configSchema).toBeTypeOf('object');
    expect(approval?.ports?.inputs.length).toBeGreaterThan(0);
    for (const action of catalogue.actions) expect(action.paramsSchema).toBeDefined();
    for (const list of [catalogue.fields, catalogue.nodes, catalogue.triggers, catalogue.actions]) {
      expect(list.map((e) => e.type)).toEqual([...list.map((e) => e.type)].sort());
      for (const e of list) expect(e.label).toBeTruthy();
    }
  });

  it('localizes labels when asked for a locale', () => {
    const catalogue = createRegistry({ plugins: [acmePlugin] }).describe('zh-CN');
    expect(catalogue.locale).toBe('zh-CN');
    expect(catalogue.fields.find((f) => f.type === 'acme/id-card')?.label).toBe('身份证号');
    for (const list of [catalogue.fields, catalogue.nodes, catalogue.triggers, catalogue.actions]) {
      for (const e of list) expect(typeof e.label).toBe('string');
    }
  });
});
