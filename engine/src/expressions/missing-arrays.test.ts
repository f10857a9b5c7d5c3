import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { compileDefinitionExpression } from './definition-expressions.js';
import { ExpressionError } from './expression-error.js';

const predicate = { '!': { var: 'returned' } };
const rules = {
  all: { all: [{ var: 'assets' }, predicate] },
  some: { some: [{ var: 'assets' }, predicate] },
  none: { none: [{ var: 'assets' }, predicate] },
  map: { map: [{ var: 'assets' }, { var: 'tag' }] },
  filter: { filter: [{ var: 'assets' }, predicate] },
  reduce: { reduce: [{ var: 'assets' }, { '+': [{ var: 'accumulator' }, 1] }, 0] },
};

describe('iterators over a list that is missing or null', () => {
  it('in definitions read it as [] — exactly what json-logic-js answers', () => {
    for (const data of [{}, { assets: null }, null]) {
      for (const [op, rule] of Object.entries(rules)) {
        const ours = compileDefinitionExpression(rule)(data);
        expect(ours, `${op} over ${JSON.stringify(data)}`).toEqual(jsonLogic.apply(rule as never, data as never));
        expect(ours, `${op} over ${JSON.stringify(data)}`).toEqual(compileDefinitionExpression(rule)({ assets: [] }));
      }
    }
    // The offboarding gate "no asset left unreturned" holds for a request that lists none.
    expect(compileDefinitionExpression(rules.none)({})).toBe(true);
    expect(compileDefinitionExpression(rules.all)({})).toBe(false);
  });

  it('under the plain spec (the conformance suite) all / some / none still raise "Invalid Arguments"', () => {
    for (const op of ['all', 'some', 'none'] as const) {
      const error = (() => {
        try {
          compileExpression(rules[op])({});
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).type).toBe('Invalid Arguments');
    }
  });

  it('keeps a value that is there but not a list an error, in definitions too', () => {
    for (const op of ['all', 'some', 'none'] as const) {
      expect(() => compileDefinitionExpression(rules[op])({ assets: 'LT-0101' })).toThrow(/must be an array/);
      expect(() => compileDefinitionExpression(rules[op])({ assets: 3 })).toThrow(/must be an array/);
    }
  });

  it('changes nothing for lists that are there', () => {
    const data = { assets: [{ tag: 'LT-0101', returned: true }, { tag: 'PH-0102' }] };
    for (const rule of Object.values(rules)) expect(compileDefinitionExpression(rule)(data)).toEqual(compileExpression(rule)(data));
    expect(compileDefinitionExpression(rules.none)(data)).toBe(false);
  });

  it('reaches lists inside scoped iteration too (a try inside the body)', () => {
    const rule = { none: [{ var: 'assets' }, { try: [{ '!': { var: 'returned' } }] }] };
    expect(compileDefinitionExpression(rule)({})).toBe(true);
    expect(compileDefinitionExpression(rule)({ assets: [{ returned: false }] })).toBe(false);
  });
});
