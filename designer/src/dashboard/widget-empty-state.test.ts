import type { ReportResult } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { emptyStateOf } from './widget-empty-state.js';

const columns: ReportResult['columns'] = [
  { key: 'month', role: 'dimension', kind: 'date', label: 'Month', type: 'date', bucket: 'month' },
  { key: 'leavers', role: 'measure', kind: 'count', label: 'Leavers', type: 'number' },
  { key: 'hc', role: 'measure', kind: 'headcount', label: 'Headcount', type: 'number' },
  { key: 'rate', role: 'measure', kind: 'ratio', label: 'Rate', type: 'number' },
];
const result = (rows: ReportResult['rows'], matched: number, cols = columns): ReportResult => ({
  report: { key: 'attrition', version: 1, title: 'Attrition' },
  columns: cols,
  rows,
  meta: { scope: 'all', truncated: false, timeZone: 'Asia/Shanghai', now: '2026-01-01T00:00:00Z', rowCount: rows.length, matched },
});
const zeros = [{ month: '2025-01-01', leavers: 0, hc: 10, rate: 0 }, { month: '2025-02-01', leavers: 0, hc: 10, rate: 0 }];

describe('emptyStateOf', () => {
  it('no leavers at all: only the zero rows headcount fills in, so no lines of zeros', () => {
    expect(emptyStateOf(result(zeros, 0))).toEqual({ title: 'noLeavers', body: 'noLeaversBody' });
  });
  it('a zero rate beside months with leavers is data, and is drawn', () => {
    expect(emptyStateOf(result([...zeros, { month: '2025-03-01', leavers: 1, hc: 10, rate: 10 }], 1))).toBeNull();
  });
  it('no rows, or zero rows of a report without headcount: no data', () => {
    expect(emptyStateOf(result([], 0))).toEqual({ title: 'noData', body: 'noDataBody' });
    expect(emptyStateOf(result(zeros, 0, columns.filter((c) => c.kind !== 'headcount')))).toEqual({ title: 'noData', body: 'noDataBody' });
  });
});
