import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_SCHEMAS } from '../definitions/engine-schemas.js';
import * as examples from '../definitions/fixtures/offboarding-examples.js';
import { JsonSchemaCompiler } from './compile-json-schema.js';
import { SchemaCompileError, type SchemaError } from './schema-error.js';

const compiler = new JsonSchemaCompiler(ENGINE_SCHEMAS);
const valid = (schema: unknown, value: unknown): boolean => compiler.compile(schema)(value, '', null, '');
const errors = (schema: unknown, value: unknown): SchemaError[] => {
  const out: SchemaError[] = [];
  compiler.compile(schema)(value, '', out, '#');
  return out;
};

describe('JsonSchemaCompiler', () => {
  it('checks the keyword subset field types use', () => {
    expect(valid({ type: 'string', minLength: 2, maxLength: 3 }, 'ab')).toBe(true);
    expect(valid({ type: 'string', maxLength: 2 }, '😀😀')).toBe(true); // code points, as JSON Schema counts
    expect(valid({ type: 'string', maxLength: 2 }, 'abc')).toBe(false);
    expect(valid({ type: 'string', pattern: '^[0-9]+$' }, '12a')).toBe(false);
    expect(valid({ type: 'string', format: 'date' }, '2024-02-29')).toBe(true);
    expect(valid({ type: 'string', format: 'date' }, '2025-02-29')).toBe(false);
    expect(valid({ type: 'string', format: 'time' }, '09:30:00+08:00')).toBe(true);
    expect(valid({ type: 'string', format: 'email' }, 'li.lei@example.cn')).toBe(true);
    expect(valid({ type: 'string', format: 'email' }, 'nope')).toBe(false);
    expect(valid({ type: 'string', format: 'uri' }, 'https://baton.dev/x')).toBe(true);
    expect(valid({ type: 'string', format: 'uuid' }, '123e4567-e89b-12d3-a456-426614174000')).toBe(true);
    expect(valid({ type: 'integer', minimum: 1, maximum: 3 }, 2)).toBe(true);
    expect(valid({ type: 'integer' }, 2.5)).toBe(false);
    expect(valid({ type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 }, 1.5)).toBe(true);
    expect(valid({ type: 'number', multipleOf: 0.5 }, 1.2)).toBe(false);
    expect(valid({ type: ['string', 'null'] }, null)).toBe(true);
    expect(valid({ enum: ['a', { b: 1 }] }, { b: 1 })).toBe(true);
    expect(valid({ const: [1, 2] }, [1, 2])).toBe(true);
    expect(valid({ type: 'array', prefixItems: [{ type: 'string' }], items: false }, ['a', 1])).toBe(false);
    expect(valid({ type: 'array', uniqueItems: true }, [{ a: 1 }, { a: 1 }])).toBe(false);
    expect(valid({ type: 'array', contains: { const: 1 }, maxContains: 1 }, [1, 1])).toBe(false);
    expect(valid({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false }, { a: 'x' })).toBe(true);
    expect(valid({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, { a: 'x', b: 1 })).toBe(false);
    expect(valid({ type: 'object', minProperties: 1, maxProperties: 1 }, {})).toBe(false);
    expect(valid({ allOf: [{ minimum: 1 }, { maximum: 3 }] }, 4)).toBe(false);
    expect(valid({ anyOf: [{ type: 'string' }, { type: 'number' }] }, true)).toBe(false);
    expect(valid({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1)).toBe(false);
    expect(valid({ not: { type: 'string' } }, 1)).toBe(true);
    expect(valid({ $defs: { pos: { type: 'number', minimum: 0 } }, $ref: '#/$defs/pos' }, -1)).toBe(false);
    const tree = { $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } }, additionalProperties: false } }, $ref: '#/$defs/node' };
    expect(valid(tree, { children: [{ children: [] }] })).toBe(true);
    expect(valid(tree, { children: [{ children: [{ x: 1 }] }] })).toBe(false);
  });

  it('reports every error with Ajv-shaped instance and schema paths', () => {
    const schema = { type: 'object', properties: { rows: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer', maximum: 5 } } } } } };
    expect(errors(schema, { rows: [{ n: 1 }, { n: 9 }, { n: 'x' }] })).toEqual([
      { keyword: 'maximum', instancePath: '/rows/1/n', schemaPath: '#/properties/rows/items/properties/n/maximum', params: { limit: 5, comparison: '<=' } },
      { keyword: 'type', instancePath: '/rows/2/n', schemaPath: '#/properties/rows/items/properties/n/type', params: { type: 'integer' } },
    ]);
    expect(errors({ type: 'object', properties: { 'a/b': { type: 'string' } } }, { 'a/b': 1 })[0]?.instancePath).toBe('/a~1b');
  });

  it('refuses what it does not support, with the keyword and its schema pointer', () => {
    const refuse = (schema: unknown): SchemaCompileError => {
      try {
        compiler.compile(schema);
      } catch (error) {
        return error as SchemaCompileError;
      }
      throw new Error('compiled');
    };
    expect(refuse({ properties: { a: { type: 'string', formatMaximum: 'x' } } })).toMatchObject({ keyword: 'formatMaximum', at: '#/properties/a/formatMaximum' });
    expect(refuse({ unevaluatedProperties: false })).toMatchObject({ keyword: 'unevaluatedProperties' });
    expect(refuse({ type: 'string', format: 'ipv6' })).toMatchObject({ keyword: 'format' });
    expect(refuse({ $ref: 'https://example.com/unknown.json' })).toMatchObject({ keyword: '$ref' });
    expect(refuse({ type: 'string', pattern: 'a'.repeat(1001) })).toMatchObject({ keyword: 'pattern' });
    expect(refuse({ type: 'string', pattern: '(' })).toMatchObject({ keyword: 'pattern' });
  });

  it('agrees with Ajv on the engine schemas, for the offboarding examples and random changes to them', () => {
    const addFormats = (typeof formatsModule === 'function' ? formatsModule : (formatsModule as { default: unknown }).default) as (a: Ajv2020) => void;
    const ajv = new Ajv2020({ strict: false, logger: false, discriminator: true });
    addFormats(ajv);
    for (const schema of ENGINE_SCHEMAS) ajv.addSchema(schema);
    const defs = (Object.values(examples) as unknown[]).filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && 'kind' in d);
    const schemaOf = (def: Record<string, unknown>) => ENGINE_SCHEMAS.find((s) => String(s.$id).endsWith(`/${String(def.kind)}.schema.json`)) as Record<string, unknown>;
    for (const def of defs) expect(valid(schemaOf(def), def), String(def.key)).toBe(true);
    const leaf = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: defs.length - 1 }), fc.array(fc.tuple(fc.nat(), leaf), { minLength: 1, maxLength: 3 }), (which, changes) => {
        const def = structuredClone(defs[which]) as Record<string, unknown>;
        for (const [seed, value] of changes) mutate(def, seed, value);
        const schema = schemaOf(defs[which] as Record<string, unknown>);
        const ours = valid(schema, def);
        const theirs = (ajv.getSchema(String(schema.$id)) as (v: unknown) => boolean)(def);
        expect(ours).toBe(theirs);
        expect(errors(schema, def).length === 0).toBe(ours);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

/** Replaces (or deletes, for undefined) one property somewhere in `root`, picked by `seed`. */
function mutate(root: Record<string, unknown>, seed: number, value: unknown): void {
  const slots: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((v, i) => (slots.push([node, i]), walk(v)));
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) (slots.push([node as Record<string, unknown>, k]), walk(v));
  };
  walk(root);
  const [parent, key] = slots[seed % slots.length] as [Record<string, unknown>, string];
  if (value === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
}
