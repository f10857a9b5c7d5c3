import { describe, expect, it } from 'vitest';
import { finalizeReportRows, type HeadcountRow, type ReportRow } from './finalize-report-rows.js';
import { OTHER_VALUE, type MeasureModel, type ReportQuery } from './report-model.js';

const field = { ref: 'position', column: 'position', path: [], type: 'string' as const };
const measures: MeasureModel[] = [
  { key: 'leavers', label: 'Leavers', op: 'count' },
  { key: 'hc', label: 'Headcount', op: 'headcount', stat: 'period-end' },
  { key: 'rate', label: 'Rate', op: 'ratio', numerator: 'leavers', denominator: 'hc', scale: 100 },
];
const query = (n: number): Pick<ReportQuery, 'measures' | 'dimensions' | 'sort' | 'limit'> => ({
  measures,
  dimensions: [{ kind: 'field', key: 'position', field, topN: { n, by: 'leavers' } }],
  sort: [{ key: 'leavers', direction: 'desc' }],
  limit: 100,
});
const hc = (position: string, end: number): HeadcountRow => ({ dimensions: { position }, start: end, end, during: end });

describe('top N in finalizeReportRows', () => {
  // The query kept A and B and grouped C as Other; D and E have people but no leavers.
  const rows: ReportRow[] = [{ position: OTHER_VALUE, leavers: 1 }, { position: 'A', leavers: 3 }, { position: 'B', leavers: 2 }];
  const headcount = [hc('A', 10), hc('B', 10), hc('C', 5), hc('D', 20), hc('E', 4)];

  it('adds the headcount of every value outside the top into Other: its rate is its leavers over its people', () => {
    const out = finalizeReportRows(query(2), rows, headcount).rows;
    expect(out).toEqual([
      { position: 'A', leavers: 3, hc: 10, rate: 30 },
      { position: 'B', leavers: 2, hc: 10, rate: 20 },
      { position: OTHER_VALUE, leavers: 1, hc: 29, rate: (1 / 29) * 100 },
    ]);
    expect(out.reduce((s, r) => s + (r.hc as number), 0)).toBe(49);
  });

  it('fills free places with the values that have the most people before grouping the rest', () => {
    const kept: ReportRow[] = [{ position: 'A', leavers: 3 }, { position: 'B', leavers: 2 }, { position: 'C', leavers: 1 }];
    const out = finalizeReportRows(query(4), kept, headcount).rows;
    expect(out.map((r) => [r.position, r.hc])).toEqual([['A', 10], ['B', 10], ['C', 5], ['D', 20], [OTHER_VALUE, 4]]);
  });

  it('sorts Other after the values in either direction', () => {
    const out = finalizeReportRows({ ...query(2), sort: [{ key: 'position', direction: 'desc' }] }, rows, headcount).rows;
    expect(out.map((r) => r.position)).toEqual(['B', 'A', OTHER_VALUE]);
  });
});
