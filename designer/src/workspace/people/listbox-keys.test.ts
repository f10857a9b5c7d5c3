import { describe, expect, it } from 'vitest';
import { nextActiveIndex } from './listbox-keys.js';

describe('nextActiveIndex', () => {
  it('steps with the arrows and wraps at both ends', () => {
    expect(nextActiveIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextActiveIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextActiveIndex('ArrowDown', 2, 3)).toBe(0);
    expect(nextActiveIndex('ArrowUp', -1, 3)).toBe(2);
    expect(nextActiveIndex('ArrowUp', 0, 3)).toBe(2);
    expect(nextActiveIndex('ArrowUp', 2, 3)).toBe(1);
  });

  it('jumps with Home and End, and has nothing to highlight in an empty list', () => {
    expect(nextActiveIndex('Home', 2, 3)).toBe(0);
    expect(nextActiveIndex('End', 0, 3)).toBe(2);
    expect(nextActiveIndex('ArrowDown', 0, 0)).toBe(-1);
  });

  it('keeps the highlight inside a list that got shorter', () => {
    expect(nextActiveIndex('a', 5, 3)).toBe(2);
    expect(nextActiveIndex('a', 1, 3)).toBe(1);
  });
});
