import type { ReportResult } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { chartOption, smallGroups } from './chart-options.js';
import { groupSizeOf, ratioParts, SMALL_GROUP, withGroupSize, type GroupSizes } from './group-size.js';
import { fitLegend, LEGEND_NAME_WIDTH, textWidth } from './legend-layout.js';

const text = { none: '(none)', locale: 'en' as const };
const words: GroupSizes['words'] = {
  of: (n, count, people) => `${n} of ${count}${people ? (count === 1 ? ' person' : ' people') : ''}`,
  small: (people) => `fewer than ${SMALL_GROUP}${people ? ' people' : ''}: compare with care`,
};
// As the offboarding pack's attrition reports define them.
const body = {
  measures: [
    { op: 'count', key: 'leavers' },
    { op: 'headcount', key: 'headcount' },
    { op: 'ratio', key: 'attritionRate', numerator: 'leavers', denominator: 'headcount', scale: 100 },
  ],
};
const groups: GroupSizes = { ratios: ratioParts(body), words };

const byDepartment: ReportResult = {
  report: { key: 'attrition-by-department', version: 1, title: 'Attrition' },
  columns: [
    { key: 'month', role: 'dimension', kind: 'date', label: 'Month', type: 'date', bucket: 'month' },
    { key: 'department', role: 'dimension', kind: 'department', label: 'Department', type: 'string', valueLabels: { big: 'Big', tiny: 'Tiny' } },
    { key: 'leavers', role: 'measure', kind: 'count', label: 'Leavers', type: 'number' },
    { key: 'headcount', role: 'measure', kind: 'headcount', label: 'Headcount', type: 'number' },
    { key: 'attritionRate', role: 'measure', kind: 'ratio', label: 'Attrition rate', type: 'number', format: { style: 'percent', decimals: 1 } },
  ],
  rows: [
    { month: '2025-03-01', department: 'big', leavers: 30, headcount: 90, attritionRate: 33.333 },
    { month: '2025-03-01', department: 'tiny', leavers: 1, headcount: 3, attritionRate: 33.333 },
    { month: '2025-04-01', department: 'tiny', leavers: 0, headcount: 2, attritionRate: 0 },
  ],
  meta: { scope: 'all', truncated: false, timeZone: 'Asia/Shanghai', now: '2026-01-01T00:00:00Z', rowCount: 3, matched: 3 },
};

type Datum = { value: number | null; group?: { count: number; total: number; small: boolean }; itemStyle?: { opacity: number }; symbol?: string; label?: { show: boolean; formatter: string; position: string } };
type Option = { series: Array<{ name: string; data: Array<Datum | null>; labelLayout?: unknown; tooltip: { valueFormatter: (v: unknown, i?: number) => string } }> };

describe('group sizes behind rates', () => {
  it('reads the ratios of a definition and the group behind a row', () => {
    expect(ratioParts(body)).toEqual({ attritionRate: { numerator: 'leavers', denominator: 'headcount' } });
    expect(ratioParts({ measures: 'nonsense' })).toEqual({});
    expect(groupSizeOf(byDepartment.rows[1]!, 'attritionRate', groups.ratios, byDepartment.columns)).toEqual({ count: 1, total: 3, people: true, small: true });
    expect(groupSizeOf(byDepartment.rows[0]!, 'attritionRate', groups.ratios, byDepartment.columns)).toMatchObject({ count: 30, total: 90, small: false });
    // Not a ratio, or no one to divide by: no group.
    expect(groupSizeOf(byDepartment.rows[0]!, 'leavers', groups.ratios, byDepartment.columns)).toBeNull();
    expect(groupSizeOf({ leavers: 0, headcount: 0, attritionRate: null }, 'attritionRate', groups.ratios, byDepartment.columns)).toBeNull();
  });

  it('says in the tooltip how many each rate is out of, and warns on a small group', () => {
    const option = chartOption(byDepartment, { type: 'line', x: 'month', series: 'department', y: ['attritionRate'] }, text, groups) as unknown as Option;
    const [big, tiny] = option.series;
    expect(big!.tooltip.valueFormatter(33.333, 0)).toBe('33.3% · 30 of 90 people');
    expect(tiny!.tooltip.valueFormatter(33.333, 0)).toBe('33.3% · 1 of 3 people · fewer than 5 people: compare with care');
    expect(withGroupSize('20.0%', undefined, words)).toBe('20.0%');
  });

  it('fades small groups and writes their size beside them; big ones are drawn as before', () => {
    const line = chartOption(byDepartment, { type: 'line', x: 'month', series: 'department', y: ['attritionRate'] }, text, groups) as unknown as Option;
    const [big, tiny] = line.series;
    expect(big!.data[0]).toMatchObject({ value: 33.333, group: { small: false } });
    expect(big!.data[0]).not.toHaveProperty('itemStyle');
    expect(big!.labelLayout).toBeUndefined();
    // Both faded and hollow; only the one with a leaver is labelled (no row of "0 of 2" along the axis).
    expect(tiny!.data.map((d) => [d?.itemStyle?.opacity, d?.symbol, d?.label?.formatter])).toEqual([[0.35, 'emptyCircle', '1 of 3'], [0.35, 'emptyCircle', undefined]]);
    expect(tiny!.labelLayout).toEqual({ hideOverlap: true });
    expect(smallGroups(line as never)).toEqual({ count: 2, people: true });
    // Bars: the label sits on top (or to the right of a lying bar), no symbol.
    const bar = chartOption(byDepartment, { type: 'stacked-bar', x: 'month', series: 'department', y: ['attritionRate'] }, text, groups) as unknown as Option;
    expect(bar.series[1]!.data[0]).toMatchObject({ itemStyle: { opacity: 0.35 }, label: { show: true, position: 'top', formatter: '1 of 3' } });
    expect(bar.series[1]!.data[0]).not.toHaveProperty('symbol');
    // Without the definition's ratios (or for a count), nothing changes.
    const plain = chartOption(byDepartment, { type: 'line', x: 'month', series: 'department', y: ['attritionRate'] }, text) as unknown as Option;
    expect(plain.series[1]!.data[0]).toEqual({ value: 33.333, cell: { month: '2025-03-01', department: 'tiny' } });
    expect(smallGroups(plain as never)).toEqual({ count: 0, people: false });
    const counts = chartOption(byDepartment, { type: 'bar', x: 'month', series: 'department', y: ['leavers'] }, text, groups);
    expect(smallGroups(counts)).toEqual({ count: 0, people: false });
  });
});

describe('legend names stay whole', () => {
  const cycleTime = (names: string[]) => ({ legend: { type: 'scroll', top: 0, textStyle: { width: LEGEND_NAME_WIDTH, overflow: 'truncate' } }, grid: { top: 32 }, series: names.map((name) => ({ name, type: 'line', data: [] })) });
  /** A wider font than the estimate (7.5 px a Latin letter), as a browser may draw it. */
  const wide = (name: string) => Math.ceil(textWidth(name) * 1.25);

  it('lets "90th percentile (business days)" take its width instead of cutting it at 140 px (en and zh-CN, 1280 and 1024 px layouts)', () => {
    const en = cycleTime(['Median (business days)', '90th percentile (business days)']);
    const zh = cycleTime(['中位数（工作日）', '90 分位（工作日）']);
    expect(textWidth('90th percentile (business days)')).toBeGreaterThan(LEGEND_NAME_WIDTH);
    // A dashboard column is about 600 px wide at 1280 px and 416–480 px at 1024 px (two columns, or one).
    for (const width of [600, 480, 416]) {
      for (const [option, measure] of [[en, textWidth], [en, wide], [zh, textWidth], [zh, wide]] as const) {
        const fitted = fitLegend(option, width, measure);
        expect(fitted.cut).toBe(false);
        const style = (fitted.option.legend as { textStyle: { width: number; overflow: string } }).textStyle;
        expect(style.width).toBeGreaterThanOrEqual(measure('90th percentile (business days)'));
        // The truncation stays for a name wider than the whole chart.
        expect(style.overflow).toBe('truncate');
      }
    }
    // Two long names on a narrow chart: two rows, the plot moved down by one row, nothing cut.
    const narrow = fitLegend(en, 416, wide);
    expect(narrow.extraHeight).toBe(2 * 24 + 14 - 32);
    expect((narrow.option.grid as { top: number }).top).toBe(2 * 24 + 14);
  });

  it('says when a name is still cut: wider than the chart itself', () => {
    expect(fitLegend(cycleTime(['x'.repeat(200)]), 416).cut).toBe(true);
  });
});
