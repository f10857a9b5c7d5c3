import { describe, expect, it } from 'vitest';
import { finalizeReportRows } from './finalize-report-rows.js';
import type { ReportQuery } from './report-model.js';
import { countWords, segmentWords, wordFilter } from './segment-words.js';
import { checkDimensionValues } from './drill-values.js';
import { BatonError } from '../errors/error-catalogue.js';

const field = { ref: 'x', column: 'data', path: ['x'], type: 'unknown' as const };
const query: Pick<ReportQuery, 'measures' | 'dimensions' | 'sort' | 'limit'> = {
  measures: [
    { op: 'count', key: 'leavers', label: 'L' },
    { op: 'headcount', key: 'hc', label: 'H', stat: 'average' },
    { op: 'ratio', key: 'rate', label: 'R', numerator: 'leavers', denominator: 'hc', scale: 100 },
    { op: 'ratio', key: 'per', label: 'P', numerator: 'rate', denominator: 'leavers', scale: 1 },
  ],
  dimensions: [
    { kind: 'date', key: 'month', field, bucket: 'month', timeZone: 'UTC', weekStart: 'monday' },
    { kind: 'department', key: 'dept', field },
  ],
  sort: [],
  limit: 100,
};

describe('finalizeReportRows', () => {
  it('joins headcount to the groups, keeps groups without rows, computes ratios of ratios', () => {
    const rows = [
      { month: '2025-01-01', dept: 'sales', leavers: 2 },
      { month: '2025-01-01', dept: 'rd', leavers: 1 },
    ];
    const headcount = [
      { dimensions: { month: '2025-01-01', dept: 'sales' }, start: 10, end: 6, during: 11 },
      { dimensions: { month: '2025-01-01', dept: 'ops' }, start: 4, end: 4, during: 4 },
    ];
    const { rows: out, truncated } = finalizeReportRows(query, rows, headcount);
    expect(truncated).toBe(false);
    expect(out).toEqual([
      { month: '2025-01-01', dept: 'ops', leavers: 0, hc: 4, rate: 0, per: null },
      // rd has leavers but no one in the directory: headcount 0, the rate cannot be computed.
      { month: '2025-01-01', dept: 'rd', leavers: 1, hc: 0, rate: null, per: null },
      { month: '2025-01-01', dept: 'sales', leavers: 2, hc: 8, rate: 25, per: 12.5 },
    ]);
  });

  it('sorts by measures (nulls last) and limits', () => {
    const rows = [{ month: 'a', dept: 'x', leavers: 1 }, { month: 'b', dept: 'y', leavers: 5 }, { month: 'c', dept: 'z', leavers: null }];
    const q = { ...query, measures: [query.measures[0]!], sort: [{ key: 'leavers', direction: 'desc' as const }], limit: 2 };
    expect(finalizeReportRows(q, rows)).toEqual({ rows: [{ month: 'b', dept: 'y', leavers: 5 }, { month: 'a', dept: 'x', leavers: 1 }], truncated: true });
  });
});

describe('words of free text', () => {
  it('segments Chinese and English, drops stop words and short words, counts once per text', () => {
    expect(segmentWords('工作压力太大，想换个城市发展。Work-life balance!')).toEqual(['工作', '压力', '太大', '想', '换个', '城市', '发展', 'work', 'life', 'balance']);
    const keep = wordFilter({ stopWords: ['城市'] });
    expect(['工作', '想', '的', 'the', '城市', 'balance'].filter(keep)).toEqual(['工作', 'balance']);
    // "工作" twice in one text counts once for that text (weighted 2: two identical texts).
    expect(countWords([{ text: '薪资待遇低，工作压力大，工作太累', count: 2 }, { text: '工作地点太远' }, { text: 'the pay is low' }], { top: 3 })).toEqual([
      { word: '工作', count: 3 },
      { word: '压力', count: 2 },
      { word: '待遇', count: 2 },
    ]);
    expect(countWords([{ text: 'the pay is low' }])).toEqual([{ word: 'low', count: 1 }, { word: 'pay', count: 1 }]);
  });

  it('drops two-letter alphabetic fragments but keeps two-character Chinese words', () => {
    const keep = wordFilter();
    expect(['ok', 'll', 'us', 'up', '薪资', '加班', 'pay', 'salary'].filter(keep)).toEqual(['薪资', '加班', 'pay', 'salary']);
    expect(countWords([{ text: "We'll move up, ok? Salary 薪资低" }]).map((w) => w.word)).not.toContain('ok');
  });
});

describe('checkDimensionValues', () => {
  it('accepts scalars per dimension and names unknown keys and bad dates', () => {
    expect(checkDimensionValues(query, { month: '2025-01-01', dept: null })).toEqual(new Map<string, unknown>([['month', '2025-01-01'], ['dept', null]]));
    try {
      checkDimensionValues(query, { month: 'January', nope: 1 });
      expect.unreachable();
    } catch (err) {
      expect((err as BatonError).issues.map((i) => [i.code, i.path])).toEqual([
        ['BATON_E_REPORT_DIMENSION_VALUE_TYPE', '/dimensionValues/month'],
        ['BATON_E_REPORT_DIMENSION_VALUE_UNKNOWN', '/dimensionValues/nope'],
      ]);
    }
  });
});
