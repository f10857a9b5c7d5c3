import { describe, expect, it } from 'vitest';
import { afterMove, afterRemove, markFresh, markTouched } from './fresh-actions.js';

const list = (s: ReadonlySet<number>) => [...s].sort((a, b) => a - b);

describe('actions waiting for their first edit', () => {
  it('marks a new action fresh and forgets it once touched', () => {
    const fresh = markFresh(new Set(), 2);
    expect(list(fresh)).toEqual([2]);
    expect(list(markTouched(fresh, 2))).toEqual([]);
    // Touching an action that was not fresh changes nothing (the same set: no re-render).
    expect(markTouched(fresh, 0)).toBe(fresh);
  });

  it('follows the list when an action above is removed, and drops the removed one', () => {
    expect(list(afterRemove(new Set([1, 3]), 0))).toEqual([0, 2]);
    expect(list(afterRemove(new Set([1, 3]), 1))).toEqual([2]);
    expect(list(afterRemove(new Set([1]), 2))).toEqual([1]);
  });

  it('follows an action moved up or down, and its neighbour', () => {
    expect(list(afterMove(new Set([2]), 2, -1))).toEqual([1]);
    expect(list(afterMove(new Set([1]), 2, -1))).toEqual([2]);
    expect(list(afterMove(new Set([0, 1]), 0, 1))).toEqual([0, 1]);
  });
});
