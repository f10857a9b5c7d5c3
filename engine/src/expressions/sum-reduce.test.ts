import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import type { JsonLogic } from './expression-types.js';

type Outcome = { value: unknown } | { error: string };

function outcome(logic: JsonLogic, data: unknown): Outcome {
  try {
    return { value: compileExpression(logic)(data) };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

/**
 * The reference: the same reduce inside a one-branch `try`, which rethrows what it catches but makes the
 * compiler push iterator frames, so the generic reduce runs instead of the sum loop.
 */
function generic(logic: JsonLogic, data: unknown): Outcome {
  return outcome({ try: [logic] } as JsonLogic, data);
}

function sum(list: JsonLogic, term: JsonLogic, initial?: unknown, accumulatorFirst = true): JsonLogic {
  const body = { '+': accumulatorFirst ? [{ var: 'accumulator' }, term] : [term, { var: 'accumulator' }] };
  return { reduce: initial === undefined ? [list, body] : [list, body, initial] } as JsonLogic;
}

const countUnconfirmed = sum({ var: 'rows' }, { if: [{ var: 'current.confirmed' }, 0, 1] }, 0);

describe('reduce as a sum over the items (count / sum with a condition)', () => {
  it('counts and sums like the generic reduce', () => {
    const rows = [{ confirmed: true, amount: 2 }, { confirmed: false, amount: '3.5' }, { amount: null }, {}];
    expect(compileExpression(countUnconfirmed)({ rows })).toBe(3);
    expect(compileExpression(sum({ var: 'rows' }, { var: 'current.amount' }, 0))({ rows })).toBe(5.5);
    expect(compileExpression(sum({ var: 'rows' }, { var: 'current.amount' }, 10, false))({ rows })).toBe(15.5);
    expect(compileExpression(sum({ var: 'rows' }, { var: ['current.amount', 1] }, 0))({ rows })).toBe(6.5);
    expect(compileExpression(sum({ var: 'rows' }, { '*': [{ var: 'current.amount' }, 2] }, 0))({ rows })).toBe(11);
    for (const data of [{ rows }, { rows: [] }]) expect(outcome(countUnconfirmed, data)).toEqual(generic(countUnconfirmed, data));
  });

  it('answers like the generic reduce for a missing list, a non-array, null, holes and non-object items', () => {
    const cases: unknown[] = [
      {},
      { rows: null },
      { rows: 'abc' },
      { rows: 5 },
      { rows: { 0: { confirmed: true } } },
      { rows: [null, 1, 'x', true, [], [{ confirmed: true }]] },
      // eslint-disable-next-line no-sparse-arrays
      { rows: [, { confirmed: false }] },
      null,
      'text',
    ];
    const shapes = [
      countUnconfirmed,
      sum({ var: 'rows' }, { if: [{ var: 'current.confirmed' }, 0, 1] }),
      sum({ var: 'rows' }, { var: 'current.length' }, 0),
      sum({ var: 'rows' }, { var: 'current.0.confirmed' }, 0),
    ];
    for (const logic of shapes) for (const data of cases) expect(outcome(logic, data)).toEqual(generic(logic, data));
  });

  it('raises the same NaN error, and coerces a non-number start value the same way', () => {
    const rows = [{ amount: 'abc' }];
    const bad = sum({ var: 'rows' }, { var: 'current.amount' }, 0);
    expect(outcome(bad, { rows })).toEqual(generic(bad, { rows }));
    expect('error' in outcome(bad, { rows })).toBe(true);
    for (const initial of ['4', true, null, { preserve: [1] }, 'x']) {
      const logic = sum({ var: 'rows' }, { var: 'current.amount' }, initial);
      const data = { rows: [{ amount: 1 }, { amount: 2 }] };
      expect(outcome(logic, data)).toEqual(generic(logic, data));
    }
    // Without a start value the first item is the accumulator, whatever it is.
    const first = sum({ var: 'rows' }, { var: 'current.amount' });
    for (const data of [{ rows: [{ amount: 1 }] }, { rows: [7, { amount: 1 }] }, { rows: [{ amount: 1 }, { amount: 2 }] }]) {
      expect(outcome(first, data)).toEqual(generic(first, data));
    }
  });

  it('never reads through prototype keys, in the term or in the items', () => {
    const rows = JSON.parse('[{"__proto__": {"confirmed": true}}, {"constructor": {"confirmed": true}}, {"confirmed": true}]') as unknown[];
    for (const term of [{ var: 'current.__proto__.confirmed' }, { var: 'current.constructor' }, { if: [{ var: 'current.confirmed' }, 1, 0] }]) {
      const logic = sum({ var: 'rows' }, term, 0);
      expect(outcome(logic, { rows })).toEqual(generic(logic, { rows }));
    }
    expect(compileExpression(sum({ var: 'rows' }, { if: [{ var: 'current.confirmed' }, 1, 0] }, 0))({ rows })).toBe(1);
    expect(({} as Record<string, unknown>).confirmed).toBeUndefined();
  });

  it('leaves other shapes to the generic reduce (the accumulator in the term, the item as a whole, iterators)', () => {
    const rows = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const others: JsonLogic[] = [
      sum({ var: 'rows' }, { '*': [{ var: 'accumulator' }, 2] }, 1),
      sum({ var: 'rows' }, { var: 'current' }, 0),
      sum({ var: 'rows' }, { reduce: [{ var: 'current.list' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }, 0),
      sum({ var: 'rows' }, { val: ['current', 'n'] }, 0),
      { reduce: [{ var: 'rows' }, { '*': [{ var: 'accumulator' }, { var: 'current.n' }] }, 1] } as JsonLogic,
    ];
    for (const logic of others) expect(outcome(logic, { rows })).toEqual(generic(logic, { rows }));
    // acc + 2 × acc, three times from 1.
    expect(outcome(others[0] as JsonLogic, { rows })).toEqual({ value: 27 });
    expect(outcome(others[1] as JsonLogic, { rows })).toMatchObject({ error: expect.stringContaining('"+"') });
    expect(outcome(others[3] as JsonLogic, { rows })).toEqual({ value: 6 });
  });

  // Random items, start values and terms: the sum loop and the generic reduce give the same value or error.
  const cell = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constantFrom('2', 'x', '', ' 1 '), fc.constant([1]), fc.constant({ a: 1 }));
  const item = fc.oneof(
    fc.record({ a: cell, b: cell, c: fc.record({ d: cell }) }, { requiredKeys: [] }),
    cell,
  );
  const path = fc.constantFrom('current.a', 'current.b', 'current.c.d', 'current.a.length', 'current.missing');
  const term = fc.oneof(
    path.map((p) => ({ var: p })),
    fc.tuple(path, cell).map(([p, d]) => ({ var: [p, d] })),
    fc.tuple(path, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })).map(([p, x, y]) => ({ if: [{ var: p }, x, y] })),
    fc.tuple(path, fc.constantFrom('==', '!=', '<', '>='), cell).map(([p, op, c]) => ({ [op]: [{ var: p }, c] })),
    fc.tuple(path, path).map(([p, q]) => ({ '*': [{ var: p }, { '-': [{ var: q }, 1] }] })),
  );

  it('agrees with the generic reduce on random items and terms', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), term, fc.option(cell, { nil: undefined }), fc.boolean(), (rows, t, initial, first) => {
        const logic = sum({ var: 'rows' }, t as JsonLogic, initial === undefined ? undefined : { preserve: initial }, first);
        expect(outcome(logic, { rows })).toEqual(generic(logic, { rows }));
      }),
      { numRuns: 1500, seed: 20261127 },
    );
  });
});
