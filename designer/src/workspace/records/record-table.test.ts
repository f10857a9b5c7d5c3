import { describe, expect, it } from 'vitest';
import { applyRecordQuery, EMPTY_QUERY, nextSort } from './record-table.js';

const rows = [
  { name: '张三', asset: 'Laptop', price: 9, note: null },
  { name: 'li lei', asset: 'Phone', price: 10, note: 'broken' },
  { name: 'Han', asset: 'laptop bag', price: 2, note: '' },
  { name: 'Wu', asset: 'Desk', price: null, note: 'x' },
];
const columns = ['name', 'asset', 'price', 'note'];

describe('record table query', () => {
  it('searches every column, case-insensitively', () => {
    expect(applyRecordQuery(rows, columns, { ...EMPTY_QUERY, search: 'LAPTOP' }).map((r) => r.name)).toEqual(['张三', 'Han']);
    expect(applyRecordQuery(rows, columns, { ...EMPTY_QUERY, search: '张' }).map((r) => r.name)).toEqual(['张三']);
    expect(applyRecordQuery(rows, columns, EMPTY_QUERY)).toHaveLength(4);
  });

  it('filters by column: contains, equals, empty, filled; blank values ignore the filter', () => {
    const q = (filters: typeof EMPTY_QUERY.filters) => applyRecordQuery(rows, columns, { ...EMPTY_QUERY, filters }).map((r) => r.name);
    expect(q([{ key: 'asset', op: 'contains', value: 'lap' }])).toEqual(['张三', 'Han']);
    expect(q([{ key: 'asset', op: 'equals', value: 'laptop' }])).toEqual(['张三']);
    expect(q([{ key: 'note', op: 'empty', value: '' }])).toEqual(['张三', 'Han']);
    expect(q([{ key: 'note', op: 'notEmpty', value: '' }, { key: 'asset', op: 'contains', value: 'p' }])).toEqual(['li lei']);
    expect(q([{ key: 'asset', op: 'contains', value: '  ' }])).toHaveLength(4);
  });

  it('sorts numbers by value and text naturally, empty cells last in both directions, stable', () => {
    const sorted = (key: string, dir: 'asc' | 'desc') => applyRecordQuery(rows, columns, { ...EMPTY_QUERY, sort: { key, dir } }).map((r) => r.name);
    expect(sorted('price', 'asc')).toEqual(['Han', '张三', 'li lei', 'Wu']);
    expect(sorted('price', 'desc')).toEqual(['li lei', '张三', 'Han', 'Wu']);
    expect(sorted('note', 'asc')).toEqual(['li lei', 'Wu', '张三', 'Han']);
  });

  it('cycles a header through ascending, descending and unsorted', () => {
    expect(nextSort(null, 'a')).toEqual({ key: 'a', dir: 'asc' });
    expect(nextSort({ key: 'a', dir: 'asc' }, 'a')).toEqual({ key: 'a', dir: 'desc' });
    expect(nextSort({ key: 'a', dir: 'desc' }, 'a')).toBeNull();
    expect(nextSort({ key: 'a', dir: 'desc' }, 'b')).toEqual({ key: 'b', dir: 'asc' });
  });
});
