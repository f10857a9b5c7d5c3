import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from './validate-against-schema.js';

const person = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 2 },
    age: { type: 'integer', minimum: 0 },
    email: { type: 'string', format: 'email' },
    role: { enum: ['admin', 'user'] },
    key: { $ref: 'https://baton.dev/schemas/common.schema.json#/$defs/key' },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
  },
  required: ['name'],
  additionalProperties: false,
};

describe('validateAgainstSchema', () => {
  it('accepts a valid value', () => {
    expect(validateAgainstSchema(person, { name: 'Li Lei', age: 3 }, '', 'en')).toEqual([]);
  });

  it('points a missing required property at the property, and says what to add', () => {
    const [only, ...rest] = validateAgainstSchema(person, {}, '/data', 'en');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      code: 'BATON_E_SCHEMA_REQUIRED',
      path: '/data/name',
      message: 'Add the required property "name".',
    });
    expect(only?.messages['zh-CN']).toBe('请添加必填属性 "name"。');
  });

  it('reports every error with its JSON path, in the requested locale', () => {
    const issues = validateAgainstSchema(
      person,
      { name: 'x', age: -1, email: 'nope', role: 'boss', key: 'Bad Key', tags: ['a', 'a'], extra: 1 },
      '/config',
      'zh-CN',
    );
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['/config', '/config/age', '/config/email', '/config/extra', '/config/key', '/config/name', '/config/role'].filter(
        (p) => p !== '/config',
      ).concat('/config/tags').sort(),
    );
    expect(byPath['/config/age']).toMatchObject({ code: 'BATON_E_SCHEMA_MINIMUM', message: '请将此数字改为不小于 0。' });
    expect(byPath['/config/extra']?.code).toBe('BATON_E_SCHEMA_ADDITIONAL_PROPERTIES');
    expect(byPath['/config/extra']?.messages.en).toMatch(/^Remove the property "extra"/);
    // A format people type is worded as what to enter; the pattern of an unannotated schema stays as it was.
    expect(byPath['/config/email']).toMatchObject({ code: 'BATON_E_SCHEMA_FORMAT', message: '请填写电子邮件地址，例如 name@example.com。' });
    expect(byPath['/config/role']?.messages.en).toBe('Change this value to one of: "admin", "user".');
    expect(byPath['/config/key']?.code).toBe('BATON_E_SCHEMA_PATTERN');
    expect(byPath['/config/name']?.code).toBe('BATON_E_SCHEMA_MIN_LENGTH');
    expect(byPath['/config/tags']?.code).toBe('BATON_E_SCHEMA_UNIQUE_ITEMS');
  });

  it('names the expected type in both locales', () => {
    const [only] = validateAgainstSchema(person, { name: 5 }, '', 'en');
    expect(only?.path).toBe('/name');
    expect(only?.messages).toEqual({ en: 'Change this value to a string.', 'zh-CN': '请将此值改为字符串。' });
  });

  it('resolves relative refs to common.schema.json from a schema with a baton $id', () => {
    const schema = {
      $id: 'https://baton.dev/schemas/test-relative.schema.json',
      type: 'object',
      properties: { title: { $ref: 'common.schema.json#/$defs/localizedText' } },
    };
    expect(validateAgainstSchema(schema, { title: { en: 'Hi' } }, '', 'en')).toEqual([]);
    // A wrong-shaped label gives one clear issue, not one per oneOf branch.
    const issues = validateAgainstSchema(schema, { title: 5 }, '', 'en');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'BATON_E_SCHEMA_ONE_OF', path: '/title' });
    // When only one branch fits the shape, its own errors are the ones reported.
    const inner = validateAgainstSchema(schema, { title: { fr: 'Salut' } }, '', 'en');
    expect(inner.map((i) => [i.code, i.path])).toEqual([['BATON_E_SCHEMA_ADDITIONAL_PROPERTIES', '/title/fr']]);
  });

  it('reports only the selected branch of a discriminated union', () => {
    const schema = {
      type: 'object',
      discriminator: { propertyName: 'type' },
      required: ['type'],
      oneOf: [
        { properties: { type: { const: 'a' }, x: { type: 'number' } }, required: ['x'] },
        { properties: { type: { const: 'b' }, y: { type: 'string' } }, required: ['y'] },
      ],
    };
    expect(validateAgainstSchema(schema, { type: 'b' }, '', 'en').map((i) => i.path)).toEqual(['/y']);
    const bad = validateAgainstSchema(schema, { type: 'c' }, '', 'en');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ code: 'BATON_E_SCHEMA_DISCRIMINATOR', path: '/type', message: 'Set "type" to one of: "a", "b".' });
  });

  it('caches the compiled validator per schema object', () => {
    const schema = { type: 'number' };
    validateAgainstSchema(schema, 1, '', 'en');
    const started = performance.now();
    for (let i = 0; i < 1000; i++) validateAgainstSchema(schema, 'x', '', 'en');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('handles boolean schemas, draft-07 schemas and broken schemas', () => {
    expect(validateAgainstSchema(true, 1, '', 'en')).toEqual([]);
    expect(validateAgainstSchema(false, 1, '/x', 'en')[0]?.code).toBe('BATON_E_SCHEMA_FALSE_SCHEMA');
    const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['a'] };
    expect(validateAgainstSchema(draft07, {}, '', 'en')[0]?.path).toBe('/a');
    const broken = validateAgainstSchema({ type: 'nonsense' }, 1, '/cfg', 'en');
    expect(broken[0]).toMatchObject({ code: 'BATON_E_SCHEMA_UNCOMPILABLE', path: '/cfg' });
  });

  it('reports a contains miss once, not once per item', () => {
    const schema = { type: 'array', items: { type: 'number' }, minContains: 2, contains: { const: 1 } };
    const issues = validateAgainstSchema(schema, [1, 2, 3], '', 'en');
    expect(issues.map((i) => i.code)).toEqual(['BATON_E_SCHEMA_CONTAINS']);
    expect(issues[0]?.messages.en).toContain('2');
  });

  it('refuses a keyword outside the supported subset, naming it and where it is', () => {
    const schema = { type: 'string', format: 'date', formatMinimum: '2024-01-01' };
    const [only, ...rest] = validateAgainstSchema(schema, '2023-05-01', '/d', 'en');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ code: 'BATON_E_SCHEMA_UNCOMPILABLE', path: '/d' });
    expect(only?.messages.en).toContain('unsupported keyword "formatMinimum" at #/formatMinimum');
    expect(only?.messages['zh-CN']).toContain('formatMinimum');
    // Unknown formats are refused too, and annotations (x-…, ui:…, title) are not keywords.
    expect(validateAgainstSchema({ type: 'string', format: 'ipv7' }, 'x', '', 'en')[0]?.code).toBe('BATON_E_SCHEMA_UNCOMPILABLE');
    expect(validateAgainstSchema({ type: 'string', title: 'T', 'x-widget': 'a', 'ui:widget': 'b' }, 'x', '', 'en')).toEqual([]);
  });
});
