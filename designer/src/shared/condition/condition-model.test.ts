import { compileExpression } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { emptyGroup, fromJsonLogic, toJsonLogic, updateAt, type Condition } from './condition-model.js';
import { fieldOptions } from './field-options.js';

const roundTrip = (logic: unknown) => toJsonLogic(fromJsonLogic(logic));

describe('condition builder ⇄ JsonLogic', () => {
  it.each([
    [{ '==': [{ var: 'leaveType' }, 'resignation'] }],
    [{ '!=': [{ var: 'amount' }, 0] }],
    [{ '>=': [{ var: 'lastWorkingDay' }, { var: 'resignedOn' }] }],
    [{ in: [{ var: 'jobFamily' }, ['sales', 'it']] }],
    [{ includes: [{ var: 'email' }, '@example.com'] }],
    [{ '!': { var: 'returned' } }],
    [{ '!!': { var: 'successorId' } }],
    [{ and: [{ '==': [{ var: 'a' }, 1] }, { or: [{ '<': [{ var: 'b' }, 2] }, { '!!': { var: 'c' } }] }] }],
    [{ '!': { or: [{ '==': [{ var: 'a' }, true] }, { '==': [{ var: 'b' }, null] }] } }],
  ])('keeps %j as it is', (logic) => {
    expect(fromJsonLogic(logic).kind).not.toBe('raw');
    expect(roundTrip(logic)).toEqual(logic);
  });

  it('parses a comparison into a model the builder shows', () => {
    expect(fromJsonLogic({ '<': [{ var: 'age' }, 18] })).toEqual({ kind: 'compare', field: 'age', op: '<', value: { literal: 18 } });
    expect(fromJsonLogic({ '==': [{ var: 'a' }, { var: 'b' }] })).toEqual({ kind: 'compare', field: 'a', op: '==', value: { field: 'b' } });
  });

  it('keeps what it cannot show as raw JsonLogic, untouched, saying why', () => {
    const logic = { sumBy: [{ var: 'assets' }, 'value'] };
    expect(fromJsonLogic(logic)).toEqual({ kind: 'raw', logic, reason: { code: 'operator', operator: 'sumBy' } });
    const mixed = { and: [{ '==': [{ var: 'a' }, 1] }, logic] };
    expect(roundTrip(mixed)).toEqual(mixed);
    expect(roundTrip(true)).toBe(true);
    // Forms the builder would rewrite stay as written rather than being normalised on save.
    for (const rewritten of [{ and: [{ '==': [{ var: 'a' }, 1] }] }, { '!!': [{ var: 'a' }] }, { var: ['a', 'fallback'] }, { '==': [{ var: ['a'] }, 1] }]) {
      expect(fromJsonLogic(rewritten)).toEqual({ kind: 'raw', logic: rewritten, reason: { code: 'shape' } });
    }
  });

  it('writes no condition at all for an empty builder or a row without a field', () => {
    expect(toJsonLogic(emptyGroup())).toBeUndefined();
    expect(fromJsonLogic(undefined)).toEqual(emptyGroup());
    expect(toJsonLogic({ ...emptyGroup(), children: [{ kind: 'compare', field: '', op: '==', value: { literal: 'x' } }] })).toBeUndefined();
    // A single comparison in the root group is written bare, not wrapped in "and".
    expect(toJsonLogic({ ...emptyGroup(), children: [{ kind: 'compare', field: 'a', op: '==', value: { literal: 'x' } }] })).toEqual({ '==': [{ var: 'a' }, 'x'] });
  });

  it('writes JsonLogic the engine compiles and evaluates as the builder reads it', () => {
    const model: Condition = {
      kind: 'group',
      combinator: 'or',
      negate: false,
      children: [
        { kind: 'compare', field: 'type', op: 'in', value: { literal: ['resignation', 'retirement'] } },
        { kind: 'group', combinator: 'and', negate: true, children: [{ kind: 'compare', field: 'notes', op: 'empty' }] },
      ],
    };
    const test = compileExpression(toJsonLogic(model));
    expect(test({ type: 'retirement', notes: '' })).toBe(true);
    expect(test({ type: 'dismissal', notes: '' })).toBe(false);
    expect(test({ type: 'dismissal', notes: 'see file' })).toBe(true);
  });

  it('replaces or removes a nested child by its path', () => {
    const root = fromJsonLogic({ and: [{ '==': [{ var: 'a' }, 1] }, { or: [{ '==': [{ var: 'b' }, 2] }, { '==': [{ var: 'c' }, 3] }] }] });
    const changed = updateAt(root, [1, 0], { kind: 'compare', field: 'b', op: '>', value: { literal: 5 } });
    expect(toJsonLogic(changed)).toEqual({ and: [{ '==': [{ var: 'a' }, 1] }, { or: [{ '>': [{ var: 'b' }, 5] }, { '==': [{ var: 'c' }, 3] }] }] });
    expect(toJsonLogic(updateAt(root, [1], null))).toEqual({ '==': [{ var: 'a' }, 1] });
  });
});

describe('fieldOptions', () => {
  const fields = [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'kind', type: 'select', label: 'Kind', config: { options: [{ value: 'a', label: 'A' }] } },
    { key: 'assets', type: 'sub-table', label: 'Assets', fields: [{ key: 'returned', type: 'boolean', label: 'Returned' }] },
  ];
  it('offers the top-level fields, with a choice field’s options', () => {
    expect(fieldOptions(fields).map((f) => f.path)).toEqual(['employeeId', 'kind', 'assets']);
    expect(fieldOptions(fields)[1]!.options).toEqual([{ value: 'a', label: 'A' }]);
  });
  it('gives a sub-table its columns, for row checks', () => {
    expect(fieldOptions(fields)[2]!.columns?.map((c) => c.path)).toEqual(['returned']);
    expect(fieldOptions(fields)[0]!.columns).toBeUndefined();
  });
  it('inside a sub-table: its columns by name and the form under $parent', () => {
    expect(fieldOptions(fields, 'assets').map((f) => f.path)).toEqual(['returned', '$parent.employeeId', '$parent.kind']);
  });
});
