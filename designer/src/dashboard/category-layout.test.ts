import type { ReportResult } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { categoryExtraHeight } from './category-layout.js';
import { chartOption } from './chart-options.js';

const text = { none: '(none)', locale: 'en' as const };

type Datum = { value: number | null; cell?: Record<string, unknown> } | null;
type Option = { series: Array<{ name: string; data: Datum[] }>; xAxis: { type: string; data?: string[]; axisLabel?: Record<string, unknown> }; yAxis: { type: string; data?: string[]; inverse?: boolean }; legend: Record<string, any> };

/** Attrition by month and position as the server returns it with top N: Other sorted among the values, labelled. */
const byPosition: ReportResult = {
  report: { key: 'attrition-by-position', version: 1, title: 'Attrition by position' },
  columns: [
    { key: 'month', role: 'dimension', kind: 'date', label: 'Month', type: 'date', bucket: 'month' },
    { key: 'position', role: 'dimension', kind: 'field', label: 'Position', type: 'string', otherValue: '$other', valueLabels: { $other: 'Other' } },
    { key: 'leavers', role: 'measure', kind: 'count', label: 'Leavers', type: 'number' },
  ],
  rows: [
    { month: '2025-01-01', position: '$other', leavers: 4 },
    { month: '2025-01-01', position: 'Engineer', leavers: 2 },
    { month: '2025-02-01', position: 'Sales rep', leavers: 1 },
    { month: '2025-02-01', position: '$other', leavers: 3 },
  ],
  meta: { scope: 'all', truncated: false, timeZone: 'Asia/Shanghai', now: '2026-01-01T00:00:00Z', rowCount: 4, matched: 4 },
};

const longNames = ['Senior customer success manager', 'Regional sales operations analyst', 'Principal software engineer', 'Human resources business partner', 'Warehouse logistics coordinator'];
const byStep: ReportResult = {
  ...byPosition,
  columns: [
    { key: 'position', role: 'dimension', kind: 'field', label: 'Position', type: 'string', otherValue: '$other', valueLabels: { $other: 'Other' } },
    { key: 'leavers', role: 'measure', kind: 'count', label: 'Leavers', type: 'number' },
  ],
  rows: [...longNames.map((position, i) => ({ position, leavers: 10 - i })), { position: '$other', leavers: 12 }],
};

describe('category charts with many or long categories', () => {
  it('draws Other as the last series, labelled, and not clickable (it is many values)', () => {
    const option = chartOption(byPosition, { type: 'stacked-bar', x: 'month', series: 'position', y: ['leavers'] }, text) as unknown as Option;
    expect(option.series.map((s) => s.name)).toEqual(['Engineer', 'Sales rep', 'Other']);
    const other = option.series[2]!;
    expect(other.data.map((d) => d?.value ?? null)).toEqual([4, 3]);
    expect(other.data.every((d) => d !== null && d.cell === undefined)).toBe(true);
    expect(option.series[0]!.data[0]?.cell).toEqual({ month: '2025-01-01', position: 'Engineer' });
    // Long series names are cut in the legend and shown whole on hover.
    expect(option.legend).toMatchObject({ textStyle: { overflow: 'truncate' }, tooltip: { show: true } });
  });

  it('lays bars down when their names are long, cut at a width, first category on top and Other last', () => {
    const option = chartOption(byStep, { type: 'bar', x: 'position', y: ['leavers'] }, text) as unknown as Option;
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: [...longNames, 'Other'] });
    expect(option.xAxis.type).toBe('value');
    expect((option.yAxis as { axisLabel?: unknown }).axisLabel).toMatchObject({ interval: 0, overflow: 'truncate' });
    // The tooltip is the axis' one: it names the full category, whatever the axis label shows.
    expect((option as unknown as { tooltip: { trigger: string } }).tooltip.trigger).toBe('axis');
    // A chart that says so stays vertical; dates never lie down.
    const upright = chartOption(byStep, { type: 'bar', x: 'position', y: ['leavers'], horizontal: false }, text) as unknown as Option;
    expect(upright.xAxis.type).toBe('category');
    const months = chartOption(byPosition, { type: 'bar', x: 'month', y: ['leavers'] }, text) as unknown as Option;
    expect(months.xAxis.type).toBe('category');
    // Short names, few of them: upright bars as before.
    const short = chartOption({ ...byStep, rows: [{ position: 'A', leavers: 1 }, { position: 'B', leavers: 2 }] }, { type: 'bar', x: 'position', y: ['leavers'] }, text) as unknown as Option;
    expect(short.xAxis.type).toBe('category');
  });

  it('gives a horizontal chart of many categories a taller box, one readable row each', () => {
    const many = { ...byStep, rows: Array.from({ length: 30 }, (_, i) => ({ position: `P${i}`, leavers: i })) };
    const option = chartOption(many, { type: 'bar', x: 'position', y: ['leavers'] }, text);
    expect((option as unknown as Option).yAxis.type).toBe('category');
    expect(categoryExtraHeight(option)).toBe(30 * 22 - 220);
    expect(categoryExtraHeight(chartOption(byPosition, { type: 'line', x: 'month', y: ['leavers'] }, text))).toBe(0);
  });
});
