import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../../definitions/validate-against-schema.js';
import { Registry } from '../../registry/registry.js';
import { BUILTIN_FIELD_TYPES, builtinFieldTypesPlugin } from '../builtin-field-types-plugin.js';
import { moneyFieldType } from './money-field-type.js';
import { attachmentFieldType } from './attachment-field-type.js';
import { relationFieldType } from './relation-field-type.js';
import { multiSelectFieldType } from './multi-select-field-type.js';
import { secretFieldType } from './secret-field-type.js';
import { isIsoDate, isIsoDateTime } from '../iso-date-formats.js';

const valid = (schema: unknown, value: unknown): boolean => validateAgainstSchema(schema as Record<string, unknown>, value, '', 'en').length === 0;

describe('built-in field types', () => {
  it('registers all 17 through the plugin, each described in en and zh-CN', () => {
    const registry = new Registry().use(builtinFieldTypesPlugin, '0.1.0');
    expect(registry.pluginNames()).toEqual(['baton/builtin-fields']);
    const names = registry.fields.list().map((t) => t.type);
    expect(names).toEqual([
      'text', 'long-text', 'number', 'money', 'date', 'date-time', 'select', 'multi-select', 'boolean',
      'user', 'department', 'relation', 'sub-table', 'attachment', 'secret', 'signature', 'computed',
    ]);
    for (const type of BUILTIN_FIELD_TYPES) {
      const d = type.describe();
      expect(d.label).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
      expect(d.icon).toBeTruthy();
      expect(d.category).toBeTruthy();
      // Every config schema accepts the empty config or names what is required.
      expect(typeof type.configSchema).toBe('object');
    }
    expect(registry.fields.get('secret')?.traits?.secret).toBe(true);
    expect(registry.fields.get('text@1')?.type).toBe('text');
    expect(registry.fields.get('text@2')).toBeUndefined();
  });

  it('money keeps exact cents as a decimal string with its currency', () => {
    const schema = moneyFieldType.valueSchema({ currency: 'CNY' });
    expect(valid(schema, { amount: '1234.56', currency: 'CNY' })).toBe(true);
    expect(valid(schema, { amount: '0.1', currency: 'CNY' })).toBe(true);
    expect(valid(schema, { amount: '1.005', currency: 'CNY' })).toBe(false); // would lose a digit
    expect(valid(schema, { amount: 12.5, currency: 'CNY' })).toBe(false); // numbers are doubles
    expect(valid(schema, { amount: '-5.00', currency: 'CNY' })).toBe(false);
    expect(valid(schema, { amount: '5', currency: 'USD' })).toBe(false);
    expect(valid(moneyFieldType.valueSchema({ scale: 0, allowNegative: true }), { amount: '-300', currency: 'JPY' })).toBe(true);
    expect(valid(moneyFieldType.valueSchema({ scale: 0 }), { amount: '300.5', currency: 'JPY' })).toBe(false);
  });

  it('attachment accepts file references within the configured limits', () => {
    const schema = attachmentFieldType.valueSchema({ maxFiles: 1, maxSize: 1000, accept: ['application/pdf', 'image/*'] });
    const file = { fileId: 'f1', name: 'a.pdf', size: 10, contentType: 'application/pdf', sha256: 'b'.repeat(64) };
    expect(valid(schema, [file])).toBe(true);
    expect(valid(schema, [{ ...file, contentType: 'image/png' }])).toBe(true);
    expect(valid(schema, [{ ...file, contentType: 'text/html' }])).toBe(false);
    expect(valid(schema, [{ ...file, size: 1001 }])).toBe(false);
    expect(valid(schema, [file, file])).toBe(false);
    expect(valid(schema, [{ ...file, sha256: 'nope' }])).toBe(false);
  });

  it('relation holds one record id, or a unique list with multiple', () => {
    expect(valid(relationFieldType.valueSchema({ form: 'customer' }), 'c-1')).toBe(true);
    expect(valid(relationFieldType.valueSchema({ form: 'customer', multiple: true }), ['c-1', 'c-2'])).toBe(true);
    expect(valid(relationFieldType.valueSchema({ form: 'customer', multiple: true }), ['c-1', 'c-1'])).toBe(false);
    expect(valid(relationFieldType.configSchema, {})).toBe(false);
  });

  it('secret config names the roles that may reveal the value', () => {
    expect(valid(secretFieldType.configSchema, { maxLength: 64, revealTo: ['hr', 'it'] })).toBe(true);
    expect(valid(secretFieldType.configSchema, { revealTo: [''] })).toBe(false);
    expect(valid(secretFieldType.configSchema, { revealTo: ['hr', 'hr'] })).toBe(false);
    expect(valid(secretFieldType.configSchema, { showAll: true })).toBe(false);
  });

  it('multi-select allows only distinct option values', () => {
    const schema = multiSelectFieldType.valueSchema({ options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], maxSelected: 1 });
    expect(valid(schema, ['a'])).toBe(true);
    expect(valid(schema, ['a', 'b'])).toBe(false);
    expect(valid(schema, ['c'])).toBe(false);
  });

  it('checks ISO dates and instants exactly (leap years, offsets)', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDateTime('2025-03-31T09:00:00+08:00')).toBe(true);
    expect(isIsoDateTime('2025-03-31T01:00:00.123Z')).toBe(true);
    expect(isIsoDateTime('2025-03-31T09:00:00')).toBe(false); // an instant needs its offset
    expect(isIsoDateTime('2025-03-31T24:00:00Z')).toBe(false);
    expect(isIsoDateTime('2025-03-31T09:00:00+0800')).toBe(false);
  });
});
