import { describe, expect, it } from 'vitest';
import { changedPatch } from './changed-patch.js';
import { deepEqual } from './deep-equal.js';

describe('deepEqual', () => {
  it('ignores key order and keys holding undefined, compares arrays by position', () => {
    expect(deepEqual({ a: 1, b: { c: [1, { d: 'x' }] } }, { b: { c: [1, { d: 'x' }] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    expect(deepEqual(1, '1')).toBe(false);
    expect(deepEqual({ a: null }, {})).toBe(false);
  });
});

describe('changedPatch', () => {
  it('keeps only the keys whose value changes, or nothing', () => {
    const data = { a: 1, b: { x: [1, 2] }, c: 'z' };
    expect(changedPatch(data, { b: { x: [1, 2] }, a: 1 })).toBeUndefined();
    expect(changedPatch(data, {})).toBeUndefined();
    expect(changedPatch(data, { a: 2, c: 'z', d: null })).toEqual({ a: 2, d: null });
    // A key named like a prototype member is compared with the data's own keys only.
    expect(changedPatch(data, { constructor: 'x' })).toEqual({ constructor: 'x' });
  });
});
