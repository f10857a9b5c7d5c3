import type { ReportResult } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { chartOption } from './chart-options.js';
import { dashboardReports, dashboardSlot } from './dashboard-tags.js';
import { dimensionText, measureText } from './report-values.js';
import { widgetParams } from './dashboard-widget.js';

const text = { none: '(none)', locale: 'en' as const };

const attrition: ReportResult = {
  report: { key: 'attrition-by-department', version: 1, title: 'Attrition' },
  columns: [
    { key: 'month', role: 'dimension', kind: 'date', label: 'Month', type: 'date', bucket: 'month' },
    { key: 'department', role: 'dimension', kind: 'department', label: 'Department', type: 'string', valueLabels: { 'd-sales': 'Sales', 'd-rd': 'R&D' } },
    { key: 'leavers', role: 'measure', kind: 'count', label: 'Leavers', type: 'number' },
    { key: 'rate', role: 'measure', kind: 'ratio', label: 'Attrition rate', type: 'number', format: { style: 'percent', decimals: 1 } },
  ],
  rows: [
    { month: '2025-06-01', department: 'd-rd', leavers: 1, rate: 25 },
    { month: '2025-03-01', department: 'd-sales', leavers: 1, rate: 28.571428 },
    { month: '2025-03-01', department: 'd-rd', leavers: 1, rate: 22.2222 },
  ],
  meta: { scope: 'all', truncated: false, timeZone: 'Asia/Shanghai', now: '2026-01-01T00:00:00Z', rowCount: 3 },
};

type Series = { name: string; type: string; stack?: string; data: Array<{ value: number | null; cell: Record<string, unknown> } | null> };

describe('chartOption', () => {
  it('pivots a series dimension: months ascending on x, one line per department, each point knows its cell', () => {
    const option = chartOption(attrition, { type: 'line', x: 'month', series: 'department', y: ['rate'] }, text) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['2025-03', '2025-06']);
    expect(option.series.map((s) => s.name)).toEqual(['R&D', 'Sales']);
    const rd = option.series[0]!;
    expect(rd.data.map((d) => d?.value ?? null)).toEqual([22.2222, 25]);
    expect(rd.data[1]?.cell).toEqual({ month: '2025-06-01', department: 'd-rd' });
    const sales = option.series[1]!;
    expect(sales.data).toEqual([{ value: 28.571428, cell: { month: '2025-03-01', department: 'd-sales' } }, null]);
  });

  it('draws one bar series per measure without a series dimension, stacked for stacked-bar, swapped axes when horizontal', () => {
    const sla: ReportResult = {
      ...attrition,
      columns: [
        { key: 'step', role: 'dimension', kind: 'field', label: 'Step', type: 'string' },
        { key: 'breaches', role: 'measure', kind: 'count', label: 'Overdue', type: 'number' },
        { key: 'tasks', role: 'measure', kind: 'count', label: 'Tasks', type: 'number' },
      ],
      rows: [{ step: 'manager-approval', breaches: 0, tasks: 2 }],
    };
    const bar = chartOption(sla, { type: 'bar', x: 'step', y: ['breaches', 'tasks'], horizontal: true }, text) as { yAxis: { type: string; data: string[] }; series: Series[] };
    expect(bar.yAxis).toMatchObject({ type: 'category', data: ['manager-approval'] });
    expect(bar.series.map((s) => [s.name, s.type, s.stack, s.data[0]?.value])).toEqual([['Overdue', 'bar', undefined, 0], ['Tasks', 'bar', undefined, 2]]);
    const stacked = chartOption(sla, { type: 'stacked-bar', x: 'step', y: ['tasks'] }, text) as { series: Series[] };
    expect(stacked.series[0]?.stack).toBe('total');
    // Rates are drawn side by side even when the report asks for stacking: their sum means nothing.
    const rates = chartOption(attrition, { type: 'stacked-bar', x: 'month', series: 'department', y: ['rate'] }, text) as { series: Series[] };
    expect(rates.series.map((s) => s.stack)).toEqual([undefined, undefined]);
  });

  it('shows words as the top words in a bar chart and donuts as pie slices with their cells', () => {
    const words: ReportResult = {
      ...attrition,
      columns: [
        { key: 'word', role: 'dimension', kind: 'words', label: 'Word', type: 'string' },
        { key: 'mentions', role: 'measure', kind: 'count', label: 'Mentions', type: 'number' },
      ],
      rows: [{ word: '薪资', mentions: 2 }, { word: '发展', mentions: 5 }],
    };
    const cloud = chartOption(words, { type: 'word-cloud', x: 'word', y: ['mentions'] }, text) as { yAxis: { data: string[] }; series: Series[] };
    expect(cloud.yAxis.data).toEqual(['薪资', '发展']);
    const donut = chartOption(words, { type: 'donut', x: 'word', y: ['mentions'] }, text) as { series: Array<{ type: string; data: Array<{ name: string; value: number; cell: unknown }> }> };
    expect(donut.series[0]?.type).toBe('pie');
    expect(donut.series[0]?.data[1]).toEqual({ name: '发展', value: 5, cell: { word: '发展' } });
  });
});

describe('values and dashboard tags', () => {
  it('formats percents, numbers, date buckets, labels and empty values', () => {
    const [month, department, , rate] = attrition.columns;
    expect(measureText(rate, 28.571428, text)).toBe('28.6%');
    expect(measureText(rate, null, text)).toBe('—');
    expect(dimensionText(month, '2025-03-01', text)).toBe('2025-03');
    expect(dimensionText({ ...month!, bucket: 'quarter' }, '2025-04-01', text)).toBe('2025 Q2');
    expect(dimensionText(department, 'd-sales', text)).toBe('Sales');
    expect(dimensionText(department, null, text)).toBe('(none)');
  });

  it('orders a dashboard by its tags and ignores other dashboards and malformed tags', () => {
    const def = (key: string, tags: unknown) => ({ key, body: { tags } });
    const defs = [def('b', ['dashboard:offboarding:20']), def('a', ['x', 'dashboard:offboarding:10']), def('c', ['dashboard:other:5']), def('d', ['dashboard:offboarding:x']), def('e', undefined)];
    expect(dashboardReports(defs, 'offboarding').map((d) => d.key)).toEqual(['a', 'b']);
    expect(dashboardSlot(['dashboard:other:5'], 'other')).toEqual({ dashboard: 'other', order: 5 });
  });

  it('passes only the filters a report declares as parameters', () => {
    const body = { parameters: [{ key: 'from' }, { key: 'to' }] };
    expect(widgetParams(body, { from: '2025-01-01', department: 'd-sales' })).toEqual({ from: '2025-01-01' });
    expect(widgetParams({ parameters: [{ key: 'department' }] }, { department: 'd-sales' })).toEqual({ department: 'd-sales' });
  });
});
