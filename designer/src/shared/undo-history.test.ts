import { describe, expect, it } from 'vitest';
import { endGroup, record, redo, startHistory, undo } from './undo-history.js';

describe('undo history', () => {
  it('undoes and redoes steps, and a new change drops the redo steps', () => {
    let h = record(record(startHistory('a'), 'b'), 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('coalesces changes of one group into one step until the group ends', () => {
    let h = startHistory('');
    for (const text of ['H', 'He', 'Hel', 'Hello']) h = record(h, text, 'input:1');
    expect(h.past).toEqual(['']);
    h = record(endGroup(h), 'Hello!', 'input:1');
    expect(h.past).toEqual(['', 'Hello']);
    h = record(h, 'Hello!?', 'input:2');
    expect(undo(h).present).toBe('Hello!');
    // After an undo the same input starts a new step.
    expect(record(undo(h), 'y', 'input:2').past).toEqual(['', 'Hello', 'Hello!']);
  });

  it('ignores a change to the same value and forgets steps beyond the limit', () => {
    const h = startHistory(0);
    expect(record(h, 0)).toBe(h);
    let many = h;
    for (let i = 1; i <= 10; i++) many = record(many, i, null, 3);
    expect(many.past).toEqual([7, 8, 9]);
  });
});
