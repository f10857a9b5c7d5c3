import { cellText } from './csv-export.js';

export type FilterOp = 'contains' | 'equals' | 'empty' | 'notEmpty';

export interface ColumnFilter {
  key: string;
  op: FilterOp;
  value: string;
}

export interface RecordQuery {
  /** Free text matched against every column (case-insensitive). */
  search: string;
  sort: { key: string; dir: 'asc' | 'desc' } | null;
  filters: ColumnFilter[];
}

export const EMPTY_QUERY: RecordQuery = { search: '', sort: null, filters: [] };

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function matches(value: unknown, filter: ColumnFilter): boolean {
  switch (filter.op) {
    case 'empty':
      return isEmpty(value);
    case 'notEmpty':
      return !isEmpty(value);
    case 'equals':
      return cellText(value).toLowerCase() === filter.value.trim().toLowerCase();
    case 'contains':
      return cellText(value).toLowerCase().includes(filter.value.trim().toLowerCase());
  }
}

/** Numbers by value, everything else as text in a Chinese- and English-aware order; empty cells last. */
export function compareCells(a: unknown, b: unknown): number {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) === isEmpty(b) ? 0 : isEmpty(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(cellText(a), cellText(b));
}

/** Rows after search, column filters and sort (a stable sort; the input is not changed). */
export function applyRecordQuery<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly string[], query: RecordQuery): T[] {
  const needle = query.search.trim().toLowerCase();
  const active = query.filters.filter((f) => f.op === 'empty' || f.op === 'notEmpty' || f.value.trim() !== '');
  const kept = rows.filter(
    (row) => (needle === '' || columns.some((c) => cellText(row[c]).toLowerCase().includes(needle))) && active.every((f) => matches(row[f.key], f)),
  );
  if (!query.sort) return kept;
  const { key, dir } = query.sort;
  const sign = dir === 'asc' ? 1 : -1;
  return kept
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      const emptyX = isEmpty(x.row[key]);
      const emptyY = isEmpty(y.row[key]);
      // Empty cells stay at the end in both directions.
      if (emptyX !== emptyY) return emptyX ? 1 : -1;
      return sign * compareCells(x.row[key], y.row[key]) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** Clicking a column header: ascending, then descending, then unsorted. */
export function nextSort(current: RecordQuery['sort'], key: string): RecordQuery['sort'] {
  if (!current || current.key !== key) return { key, dir: 'asc' };
  return current.dir === 'asc' ? { key, dir: 'desc' } : null;
}
