import { describe, expect, it } from 'vitest';
import { RowScope } from './row-scope-keys.js';
import { FormDataDraft, makeRowScope } from './form-data-draft.js';

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

  it('copies the top level on the first change only, and hands back a copy even when nothing changed', () => {
    const input = { a: 1, lines: [{ a: 1 }], b: 'x' };
    const unchanged = new FormDataDraft(input);
    unchanged.set('a', 1);
    unchanged.set('missing', undefined);
    unchanged.set('nan', Number.NaN);
    unchanged.remove('missing');
    expect(unchanged.data).toBe(input);
    const result = unchanged.result();
    expect(result).not.toBe(input);
    expect(result).toEqual(input);
    expect(Object.keys(result)).toEqual(['a', 'lines', 'b']);
    expect(result.lines).toBe(input.lines);
    expect(unchanged.result()).toBe(result);

    const changed = new FormDataDraft(input);
    changed.set('a', 2);
    changed.set('c', 3);
    changed.remove('b');
    expect(changed.data).not.toBe(input);
    expect(changed.result()).toBe(changed.data);
    expect(changed.data).toEqual({ a: 2, lines: [{ a: 1 }], c: 3 });
    expect(Object.keys(changed.data)).toEqual(['a', 'lines', 'c']);
    expect(input).toEqual({ a: 1, lines: [{ a: 1 }], b: 'x' });

    const removed = new FormDataDraft(input);
    removed.set('b', null);
    expect(removed.result()).toEqual({ a: 1, lines: [{ a: 1 }] });
    const rowWrite = new FormDataDraft(input);
    rowWrite.setInRow(table, 0, 'a', 5);
    expect(rowWrite.data).not.toBe(input);
    expect(rowWrite.data.lines).toEqual([{ a: 5 }]);
    expect(input.lines).toEqual([{ a: 1 }]);
  });

  it('copies an input that is not an ordinary object at once, into a plain object', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, toString: 'text' });
    const draft = new FormDataDraft(input);
    expect(draft.data).not.toBe(input);
    expect(Object.getPrototypeOf(draft.data)).toBe(Object.prototype);
    expect(draft.result()).toEqual({ a: 1, toString: 'text' });
    class Shaped { x = 1; }
    (Shaped.prototype as unknown as Record<string, unknown>).inherited = 2;
    const shaped = new FormDataDraft(new Shaped() as unknown as Record<string, unknown>);
    // An inherited value is never read as if it had been submitted.
    expect(shaped.data.inherited).toBeUndefined();
    expect('inherited' in shaped.data).toBe(false);
  });

  it('points the row scopes made before the first change at the copy', () => {
    const input = { lines: [{ a: 1 }, { a: 2 }], top: 'x' };
    const draft = new FormDataDraft(input);
    const shared = { key: 'lines', slot: 0, sharedScope: true };
    const copied = { key: 'lines', slot: 0 };
    const scope = draft.rowScope(shared, 0, input.lines[0] as Record<string, unknown>) as RowScope;
    const other = new FormDataDraft(input);
    const copy = other.rowScope(copied, 0, input.lines[0] as Record<string, unknown>) as Record<string, unknown>;
    expect(scope.parent).toBe(input);
    expect(copy.$parent).toBe(input);
    draft.set('top', 'y');
    other.set('top', 'y');
    expect(scope.parent).toBe(draft.data);
    expect((scope.parent as Record<string, unknown>).top).toBe('y');
    expect(copy.$parent).toBe(other.data);
    expect(input.top).toBe('x');
  });

  it('keeps a submitted __proto__ key an own key of the copy, never the copy\'s prototype', () => {
    const input = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const unchanged = new FormDataDraft(input).result();
    const changed = new FormDataDraft(input);
    changed.set('a', 2);
    for (const data of [unchanged, changed.data]) {
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.keys(data)).toEqual(['a', '__proto__']);
      expect(data.polluted).toBeUndefined();
    }
    expect(new FormDataDraft(input).inputKeys).toEqual(['a', '__proto__']);
  });

  it('keeps a submitted __proto__ key of a row an own key of the row copy and of the row scope, in its place', () => {
    const input = JSON.parse('{"lines": [{"a": 1, "__proto__": {"polluted": true}, "b": 2}]}') as { lines: Array<Record<string, unknown>> };
    const draft = new FormDataDraft(input);
    draft.setInRow(table, 0, 'a', 3);
    const row = (draft.data.lines as Array<Record<string, unknown>>)[0]!;
    const scope = makeRowScope(input.lines[0]!, draft.data, 0);
    for (const copy of [row, scope]) {
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(copy.polluted).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
    }
    expect(Object.keys(row)).toEqual(['a', '__proto__', 'b']);
    expect(row.a).toBe(3);
    expect(Object.keys(scope)).toEqual(['$parent', '$index', 'a', '__proto__', 'b']);
  });

  it('hands back own string keys only, as the key-by-key copy does (no symbols, nothing inherited)', () => {
    const symbol = Symbol('s');
    const withSymbol = { a: 1, [symbol]: 2 };
    const result = new FormDataDraft(withSymbol).result();
    expect(result).toEqual({ a: 1 });
    expect(Object.getOwnPropertySymbols(result)).toEqual([]);
    class Shaped { x = 1; }
    (Shaped.prototype as unknown as Record<string, unknown>).inherited = 2;
    const shaped = new FormDataDraft(new Shaped() as unknown as Record<string, unknown>).result();
    expect(Object.getPrototypeOf(shaped)).toBe(Object.prototype);
    expect(Object.keys(shaped)).toEqual(['x']);
  });
});
