import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { loadSuite, matches } from '../../test/conformance-suite.js';

/** json-logic-js is the differential oracle where the classic and the modern spec agree. */
const oracle = (rule: unknown, data: unknown): unknown => jsonLogic.apply(rule as never, data as never);

describe('differential against json-logic-js', () => {
  it('agrees on every case of the compatible suite', () => {
    const disagreements: string[] = [];
    const cases = loadSuite('compatible.json');
    for (const c of cases) {
      const ours = compileExpression(c.rule)(c.data);
      const theirs = oracle(c.rule, c.data);
      if (!matches(theirs, ours) || !matches(c.result, ours)) disagreements.push(JSON.stringify(c.rule));
    }
    console.log(`differential compatible.json: ${cases.length - disagreements.length} passed, ${disagreements.length} failed`);
    expect(disagreements).toEqual([]);
  });

  // Random typed trees: numeric expressions over numbers and numeric fields, boolean ones over comparisons.
  const data = { a: 3, b: -2, c: 0, d: 7.5, e: 100 };
  const numLeaf = fc.oneof(
    fc.integer({ min: -50, max: 50 }),
    fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom('a', 'b', 'c', 'd', 'e').map((k) => ({ var: k })),
  );
  const { num, bool } = fc.letrec<{ num: unknown; bool: unknown }>((tie) => ({
    num: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      numLeaf,
      fc.tuple(fc.constantFrom('+', '*'), fc.array(tie('num'), { minLength: 1, maxLength: 3 })).map(([op, args]) => ({ [op]: args })),
      fc.tuple(tie('num'), tie('num')).map((args) => ({ '-': args })),
      fc.tuple(tie('num'), tie('num')).map((args) => ({ '/': args })),
      fc.tuple(fc.constantFrom('max', 'min'), fc.array(tie('num'), { minLength: 1, maxLength: 3 })).map(([op, args]) => ({ [op]: args })),
      fc.tuple(tie('bool'), tie('num'), tie('num')).map((args) => ({ if: args })),
    ),
    bool: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.boolean(),
      fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!=', '===', '!=='), tie('num'), tie('num')).map(([op, x, y]) => ({ [op]: [x, y] })),
      fc.tuple(fc.constantFrom('<', '<='), tie('num'), tie('num'), tie('num')).map(([op, x, y, z]) => ({ [op]: [x, y, z] })),
      fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('bool'), { minLength: 1, maxLength: 3 })).map(([op, args]) => ({ [op]: args })),
      fc.tuple(fc.constantFrom('!', '!!'), tie('bool')).map(([op, x]) => ({ [op]: [x] })),
    ),
  }));

  it('agrees with json-logic-js on random arithmetic / comparison / logic trees where both are defined', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.oneof(num, bool), (rule) => {
        let ours: unknown;
        try {
          ours = compileExpression(rule)(data);
        } catch {
          return; // the modern spec raises (e.g. division by zero) where json-logic-js returns Infinity/NaN
        }
        const theirs = oracle(rule, data);
        if (typeof theirs === 'number' && !Number.isFinite(theirs)) return;
        compared++;
        expect(matches(theirs, ours)).toBe(true);
      }),
      { numRuns: 1500, seed: 20250501 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});
