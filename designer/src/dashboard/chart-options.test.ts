import type { ReportResult } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { chartOption } from './chart-options.js';
import { dashboardReports, dashboardSlot } from './dashboard-tags.js';
import { fitLegend, legendRows } from './legend-layout.js';
import { axisNumberText, dimensionText, measureText } from './report-values.js';
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
  meta: { scope: 'all', truncated: false, timeZone: 'Asia/Shanghai', now: '2026-01-01T00:00:00Z', rowCount: 3, matched: 3 },
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

  it('names every step on a category axis (turned when many), lets dates thin out, and writes round ticks', () => {
    const steps: ReportResult = {
      ...attrition,
      columns: [
        { key: 'step', role: 'dimension', kind: 'field', label: 'Step', type: 'string', valueLabels: { a: 'Manager approval', b: 'HR exit interview' } },
        { key: 'hours', role: 'measure', kind: 'duration', label: 'Median (hours)', type: 'number', format: { style: 'number', decimals: 1 } },
      ],
      rows: ['a', 'b', 'c', 'd', 'e', 'f'].map((step, i) => ({ step, hours: i * 30.5 })),
    };
    type Axis = { data?: string[]; axisLabel: { interval?: number; rotate?: number; hideOverlap?: boolean; formatter?: (v: number) => string } };
    const horizontal = chartOption(steps, { type: 'bar', x: 'step', y: ['hours'], horizontal: true }, text) as { xAxis: Axis; yAxis: Axis };
    expect(horizontal.yAxis.data?.slice(0, 2)).toEqual(['Manager approval', 'HR exit interview']);
    expect(horizontal.yAxis.axisLabel).toMatchObject({ interval: 0 });
    expect(horizontal.yAxis.axisLabel.rotate).toBeUndefined();
    expect(horizontal.xAxis.axisLabel.hideOverlap).toBe(true);
    expect([0, 30, 150, 2.5].map((v) => horizontal.xAxis.axisLabel.formatter!(v))).toEqual(['0', '30', '150', '2.5']);
    // Upright when the chart says so (left alone, names this long lay the bars down: category-layout.test.ts).
    const vertical = chartOption(steps, { type: 'bar', x: 'step', y: ['hours'], horizontal: false }, text) as { xAxis: Axis };
    expect(vertical.xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 30 });
    const months = chartOption(attrition, { type: 'line', x: 'month', series: 'department', y: ['rate'] }, text) as { xAxis: Axis; yAxis: Axis };
    expect(months.xAxis.axisLabel).toEqual({ hideOverlap: true });
    expect(months.yAxis.axisLabel.formatter!(20)).toBe('20%');
  });

  it('lays a legend out in rows when a few rows hold it, and keeps paging when they would not', () => {
    expect(legendRows(['Median (hours)', '90th percentile (hours)'], 400)).toBe(1);
    const names = ['Engineer', 'IT 工程师', 'Sales rep', '人事专员', '财务', 'Product manager', 'Designer', 'Support'];
    const option = { legend: { type: 'scroll', top: 0 }, grid: { top: 32, left: 8 }, series: names.map((name) => ({ name, type: 'bar', data: [] })) };
    const rows = legendRows(names, 390);
    expect(rows).toBeGreaterThan(1);
    const fitted = fitLegend(option, 400);
    // Laid out in rows, a name may take a whole row (400 − padding − symbol) instead of 140 px.
    expect(fitted.option.legend).toEqual({ type: 'plain', top: 0, textStyle: { width: 360 } });
    expect(fitted.cut).toBe(false);
    expect((fitted.option.grid as { top: number; left: number })).toEqual({ top: rows * 24 + 14, left: 8 });
    expect(fitted.extraHeight).toBe(rows * 24 + 14 - 32);
    // Too many rows for a narrow chart: it pages as before, at the usual height.
    const many = { ...option, series: Array.from({ length: 60 }, (_, i) => ({ name: `Position number ${i}`, type: 'bar' })) };
    expect(fitLegend(many, 400)).toEqual({ option: many, extraHeight: 0, cut: false });
    // A donut's legend sits below: the pie's box shrinks by the legend instead of the grid.
    const donut = { legend: { type: 'scroll', bottom: 0 }, series: [{ type: 'pie', data: names.map((name) => ({ name, value: 1 })) }] };
    const pie = fitLegend(donut, 400).option as { legend: unknown; series: Array<{ bottom?: number }> };
    expect(pie.legend).toEqual({ type: 'plain', bottom: 0, textStyle: { width: 360 } });
    expect(pie.series[0]?.bottom).toBe(rows * 24 + 10);
    expect(axisNumberText(undefined, 1234.5, { ...text, locale: 'zh-CN' })).toBe('1,234.5');
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
