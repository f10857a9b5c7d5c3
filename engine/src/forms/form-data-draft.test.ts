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
