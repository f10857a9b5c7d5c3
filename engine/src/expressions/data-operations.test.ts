import { describe, expect, it } from 'vitest';
import { compileExpression } from './compile-expression.js';
import { readPath } from './data-path.js';

/** What `{"var": path}` must give: readPath's value, missing as null. */
function expected(data: unknown, path: string): unknown {
  const v = readPath(data, path.split('.'));
  return v === undefined ? null : v;
}

class Scope {
  constructor(
    public row: unknown,
    public parent: unknown,
    public index: number,
  ) {}
}

describe('two-segment var readers', () => {
  // `row.…` and `parent.…` (the paths the form compiler gives row expressions) have readers of their own.
  const data: unknown[] = [
    new Scope({ x: 1, s: 'text' }, { x: 2 }, 0),
    new Scope(null, undefined, 1),
    new Scope('abc', 7, 2),
    new Scope(() => 1, { x: () => 1 }, 3),
    { row: { x: 0 }, parent: { x: false } },
    { row: [10, 20], parent: { x: '' } },
    { row: { x: null } },
    JSON.parse('{"row": {"__proto__": {"x": 5}}, "parent": {"constructor": 1}}'),
    Object.create({ row: { x: 'inherited' } }),
    {},
    [],
    'row',
    42,
    true,
    null,
  ];

  it('read like every other path, for every kind of data', () => {
    for (const path of ['row.x', 'row.s', 'row.length', 'row.0', 'parent.x', 'parent.constructor', 'other.x', 'row.missing']) {
      const read = compileExpression({ var: path });
      for (const d of data) expect(read(d), `${path} on ${JSON.stringify(d)}`).toEqual(expected(d, path));
    }
  });

  it('never read through prototype keys', () => {
    for (const path of ['row.__proto__', 'parent.constructor', 'row.prototype', '__proto__.x']) {
      const read = compileExpression({ var: path });
      for (const d of data) expect(read(d)).toBeNull();
    }
  });

  it('keep a default for a missing value only', () => {
    const read = compileExpression({ var: ['row.x', 'fallback'] });
    expect(read(new Scope({ x: 0 }, {}, 0))).toBe(0);
    expect(read(new Scope({ x: null }, {}, 0))).toBeNull();
    expect(read(new Scope({}, {}, 0))).toBe('fallback');
    expect(read(new Scope(undefined, {}, 0))).toBe('fallback');
  });
});
