import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { CfworkerValidator } from './cfworker-validator.js';

const assignee: RJSFSchema = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'user' }, id: { type: 'string', minLength: 1 } }, required: ['kind', 'id'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'initiator' } }, required: ['kind'], additionalProperties: false },
  ],
};

describe('the CSP-safe rjsf validator', () => {
  const v = new CfworkerValidator();

  it('tells which oneOf branch data matches (what rjsf asks it most)', () => {
    expect(v.isValid(assignee.oneOf![0] as RJSFSchema, { kind: 'user', id: 'u1' }, assignee)).toBe(true);
    expect(v.isValid(assignee.oneOf![0] as RJSFSchema, { kind: 'initiator' }, assignee)).toBe(false);
    expect(v.isValid(assignee.oneOf![1] as RJSFSchema, { kind: 'initiator' }, assignee)).toBe(true);
  });

  it('resolves a sub-schema’s references through its root', () => {
    const root: RJSFSchema = { $defs: { id: { type: 'string', minLength: 2 } }, type: 'object', properties: { a: { $ref: '#/$defs/id' } } };
    const sub = root.properties!.a as RJSFSchema;
    expect(v.isValid(sub, 'ok', root)).toBe(true);
    expect(v.isValid(sub, 'x', root)).toBe(false);
  });

  it('reports field errors at their property, without wrapper noise', () => {
    const schema: RJSFSchema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 }, s: { type: 'string' } }, required: ['s'] };
    const { errors, errorSchema } = v.validateFormData({ n: 0 }, schema);
    expect(errors.map((e) => [e.name, e.property])).toEqual(
      expect.arrayContaining([
        ['minimum', '.n'],
        ['required', ''],
      ]),
    );
    expect(errors.some((e) => e.name === 'properties')).toBe(false);
    expect((errorSchema as Record<string, { __errors?: string[] }>).n?.__errors?.length).toBe(1);
  });

  it('merges custom validation errors', () => {
    const schema: RJSFSchema = { type: 'object', properties: { a: { type: 'string' } } };
    const out = v.validateFormData({ a: 'x' }, schema, (data, errors) => {
      errors.a!.addError('not x');
      return errors;
    });
    expect((out.errorSchema as Record<string, { __errors?: string[] }>).a?.__errors).toEqual(['not x']);
  });

  it('never generates code: no Function constructor is touched', () => {
    const original = globalThis.Function;
    const guard = new Proxy(original, { construct: () => { throw new Error('code generation'); }, apply: () => { throw new Error('code generation'); } });
    globalThis.Function = guard as FunctionConstructor;
    try {
      expect(new CfworkerValidator().isValid(assignee, { kind: 'user', id: 'u' }, assignee)).toBe(true);
    } finally {
      globalThis.Function = original;
    }
  });
});
