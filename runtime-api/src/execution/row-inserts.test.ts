import { describe, expect, it } from 'vitest';
import { insertText, rowParams } from './row-inserts.js';

describe('insertText', () => {
  it('gives two column lists on one table their own text, even with the same row count, tail and offset', () => {
    const narrow = ['id', 'name'] as const;
    const wide = ['id', 'name', 'note'] as const;
    const first = insertText('widgets', narrow, 2, 'returning *');
    const second = insertText('widgets', wide, 2, 'returning *');
    expect(first).toBe('insert into "widgets" ("id", "name") values ($1, $2), ($3, $4) returning *');
    expect(second).toBe('insert into "widgets" ("id", "name", "note") values ($1, $2, $3), ($4, $5, $6) returning *');
    // Asked again (cached now), each list still gets its own.
    expect(insertText('widgets', narrow, 2, 'returning *')).toBe(first);
    expect(insertText('widgets', wide, 2, 'returning *')).toBe(second);
  });

  it('numbers placeholders from the offset and keys on table, row count and tail', () => {
    const columns = ['a', 'b'] as const;
    expect(insertText('t', columns, 1, '', 3)).toBe('insert into "t" ("a", "b") values ($4, $5)');
    expect(insertText('u', columns, 1, '', 3)).toBe('insert into "u" ("a", "b") values ($4, $5)');
    expect(insertText('t', columns, 1, 'on conflict do nothing', 3)).toBe('insert into "t" ("a", "b") values ($4, $5) on conflict do nothing');
    expect(rowParams(columns, [{ a: 1 }, { a: 2, b: 'x' }])).toEqual([1, null, 2, 'x']);
  });
});
