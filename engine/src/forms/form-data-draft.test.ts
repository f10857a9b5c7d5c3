import { describe, expect, it } from 'vitest';
import { RowScope } from './row-scope-keys.js';
import { FormDataDraft } from './form-data-draft.js';

describe('FormDataDraft', () => {
  const table = { key: 'lines', slot: 0 };

  it('copies a table and a row on first write and never touches the input', () => {
    const input = { lines: [{ a: 1 }, { a: 2 }] };
    const draft = new FormDataDraft(input);
    draft.setInRow(table, 1, 'a', 3);
    draft.setInRow(table, 1, 'b', 4);
    expect(draft.data.lines).toEqual([{ a: 1 }, { a: 3, b: 4 }]);
    expect(input.lines).toEqual([{ a: 1 }, { a: 2 }]);
    expect((draft.data.lines as unknown[])[0]).toBe(input.lines[0]);
  });

  it('lists the input keys, reusing the previous list only when keys and order are the same', () => {
    const last = Object.freeze(['a', 'b', 'c']);
    expect(new FormDataDraft({ a: 1, b: 2, c: 3 }, last).inputKeys).toBe(last);
    expect(new FormDataDraft({ a: 1, b: 2 }, last).inputKeys).toEqual(['a', 'b']);
    expect(new FormDataDraft({ a: 1, c: 3, b: 2 }, last).inputKeys).toEqual(['a', 'c', 'b']);
    expect(new FormDataDraft({ a: 1, b: 2, c: 3, d: 4 }, last).inputKeys).toEqual(['a', 'b', 'c', 'd']);
    expect(last).toEqual(['a', 'b', 'c']);
    // Not a plain object: own keys only, as Object.keys gives them.
    class Shaped { x = 1; }
    (Shaped.prototype as unknown as Record<string, unknown>).inherited = 2;
    const shaped = new FormDataDraft(new Shaped() as unknown as Record<string, unknown>);
    expect(shaped.inputKeys).toEqual(['x']);
    expect(shaped.data).toEqual({ x: 1 });
    // Something enumerable on Object.prototype is not an own key of the submission.
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      const plain = new FormDataDraft({ a: 1 }, last);
      expect(plain.inputKeys).toEqual(['a']);
      expect(Object.keys(plain.data)).toEqual(['a']);
    } finally {
      delete proto.polluted;
    }
  });

  it('copies again after the whole table was replaced', () => {
    const restored = [{ a: 9 }];
    const draft = new FormDataDraft({ lines: [{ a: 1 }] });
    draft.setInRow(table, 0, 'a', 2);
    draft.set('lines', restored);
    draft.setInRow(table, 0, 'a', 5);
    expect(draft.data.lines).toEqual([{ a: 5 }]);
    expect(restored).toEqual([{ a: 9 }]);
  });

  it('repoints one shared RowScope per table at each row, and at the row copy a write makes', () => {
    const draft = new FormDataDraft({ lines: [{ a: 1 }, {}], top: 'x' });
    const shared = { ...table, sharedScope: true };
    const rows = draft.data.lines as Array<Record<string, unknown>>;
    const first = draft.rowScope(shared, 0, rows[0] as Record<string, unknown>);
    expect(first).toBeInstanceOf(RowScope);
    expect(first).toMatchObject({ row: { a: 1 }, index: 0, parent: draft.data });
    const second = draft.rowScope(shared, 1, rows[1] as Record<string, unknown>) as RowScope;
    expect(second).toBe(first);
    expect(second.row).toBe(rows[1]);
    expect(second.index).toBe(1);
    draft.setInRow(shared, 1, 'a', 7);
    expect(second.row).toBe((draft.data.lines as unknown[])[1]);
    expect(second.row).toEqual({ a: 7 });
    expect(rows[1]).toEqual({});
  });
});
