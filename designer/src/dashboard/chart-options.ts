import type { ReportCell, ReportColumn, ReportResult } from '@baton/client';
import type { EChartsCoreOption } from 'echarts/core';
import { barsHorizontal, categoryLabels, isOther, LEGEND_NAMES, otherLast } from './category-layout.js';
import { groupSizeOf, smallGroupStyle, withGroupSize, type GroupSize, type GroupSizes } from './group-size.js';
import { axisNumberText, dimensionText, measureText, type ValueText } from './report-values.js';

/** The `chart` block of a report definition (engine/schemas/report.schema.json). */
export interface ChartSpec {
  type: string;
  x?: string;
  series?: string;
  y?: string[];
  horizontal?: boolean;
}

/** What a clicked bar, point or slice stands for: a value per dimension key, as the drill route takes them. */
export type CellValues = Record<string, ReportCell>;

export interface DrillableDatum {
  value: number | null;
  name?: string;
  /** Absent for Other (a top-N group of many values): there is no one cell to drill into. */
  cell?: CellValues;
  /** A ratio's group: "1 of 3" in the tooltip, faded and labelled when small. */
  group?: GroupSize;
}

/** Chart types drawn with ECharts; `kpi` and `table` are plain HTML. */
export const ECHART_TYPES = new Set(['line', 'area', 'bar', 'stacked-bar', 'donut', 'pie', 'word-cloud', 'funnel']);

const WORDS_SHOWN = 20;

/** The chart described in its aria-label (series, then each datum's name and value): readable without the canvas. */
const ARIA = { enabled: true, label: { data: { maxCount: 40 } } };

function distinct(values: ReportCell[]): ReportCell[] {
  const seen = new Set<string>();
  const out: ReportCell[] = [];
  for (const v of values) {
    const k = JSON.stringify(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function columnOf(result: ReportResult, key: string | undefined): ReportColumn | undefined {
  return key === undefined ? undefined : result.columns.find((c) => c.key === key);
}

function numberOf(v: ReportCell | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** How many drawn points or bars stand for a small group (the widget's note says what fading means). */
export function smallGroups(option: EChartsCoreOption): { count: number; people: boolean } {
  const series = (Array.isArray(option.series) ? option.series : []) as Array<{ data?: Array<DrillableDatum | null> }>;
  let count = 0;
  let people = false;
  for (const s of series) {
    for (const d of s.data ?? []) {
      if (d?.group?.small) {
        count += 1;
        people ||= d.group.people;
      }
    }
  }
  return { count, people };
}

/**
 * An ECharts option for a report result: x = the chart's `x` dimension (its values in row order, dates
 * ascending), one series per value of `series` (first measure of `y`) or else one per measure of `y`.
 * Every datum carries the dimension values it stands for (`cell`), so a click can drill down.
 * Word clouds are drawn as the top words in a horizontal bar chart (no extension needed, and PNG export
 * works the same way). With `groups` (the definition's ratios), a ratio's points say how many they are
 * out of ("1 of 3") and a group of fewer than SMALL_GROUP is faded with its size written beside it.
 */
export function chartOption(result: ReportResult, chart: ChartSpec, text: ValueText, groups?: GroupSizes): EChartsCoreOption {
  const dims = result.columns.filter((c) => c.role === 'dimension');
  const measures = result.columns.filter((c) => c.role === 'measure');
  const xCol = columnOf(result, chart.x) ?? dims[0];
  const yKeys = (chart.y && chart.y.length > 0 ? chart.y : measures.map((m) => m.key)).filter((k) => columnOf(result, k));
  const seriesCol = columnOf(result, chart.series);
  const label = (col: ReportColumn | undefined, v: ReportCell) => dimensionText(col, v, text);
  const fmt = (key: string) => (v: unknown) => measureText(columnOf(result, key), typeof v === 'number' ? v : null, text);
  const type = chart.type;
  // A cell with Other (many values grouped) in it lists no one row set: it is not clickable.
  const drillable = (row: Record<string, ReportCell>) => !dims.some((d) => isOther(d, row[d.key] ?? null));

  if (type === 'donut' || type === 'pie' || type === 'funnel') {
    const yKey = yKeys[0] ?? '';
    const rows = xCol?.otherValue === undefined ? result.rows : [...result.rows.filter((r) => !isOther(xCol, r[xCol.key] ?? null)), ...result.rows.filter((r) => isOther(xCol, r[xCol.key] ?? null))];
    const data: DrillableDatum[] = rows.map((row) => ({
      name: label(xCol, row[xCol?.key ?? ''] ?? null),
      value: numberOf(row[yKey]),
      ...(drillable(row) ? { cell: xCol ? { [xCol.key]: row[xCol.key] ?? null } : {} } : {}),
    }));
    return {
      aria: ARIA,
      tooltip: { trigger: 'item', valueFormatter: fmt(yKey) },
      legend: { type: 'scroll', bottom: 0, ...LEGEND_NAMES },
      // A smaller pie raised above the legend leaves room for outside labels; long names wrap instead of
      // being cut ("Career deve..."), and labels that would still collide are hidden (the tooltip has them).
      series: [{
        type: type === 'funnel' ? 'funnel' : 'pie',
        radius: type === 'donut' ? ['34%', '56%'] : '56%',
        center: ['50%', '46%'],
        name: columnOf(result, yKey)?.label ?? yKey,
        data,
        label: { formatter: '{b}: {c}', width: 96, overflow: 'break' },
        labelLayout: { hideOverlap: true },
      }],
    };
  }

  if (type === 'word-cloud') {
    const yKey = yKeys[0] ?? '';
    const rows = [...result.rows].sort((a, b) => (numberOf(b[yKey]) ?? 0) - (numberOf(a[yKey]) ?? 0)).slice(0, WORDS_SHOWN).reverse();
    return {
      aria: ARIA,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt(yKey) },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => label(xCol, r[xCol?.key ?? ''] ?? null)) },
      series: [{ type: 'bar', name: columnOf(result, yKey)?.label ?? yKey, data: rows.map((r) => ({ value: numberOf(r[yKey]), cell: xCol ? { [xCol.key]: r[xCol.key] ?? null } : {} })) }],
    };
  }

  // Category charts: line, area, bar, stacked-bar.
  const xValues = otherLast(distinct(result.rows.map((r) => r[xCol?.key ?? ''] ?? null)), xCol);
  if (xCol?.type === 'date') xValues.sort((a, b) => String(a).localeCompare(String(b)));
  const xLabels = xValues.map((v) => label(xCol, v));
  const horizontal = barsHorizontal(type, chart.horizontal, xCol, xLabels);
  const xIndex = new Map(xValues.map((v, i) => [JSON.stringify(v), i]));
  // Rates do not add up: a stacked bar of ratios (attrition per band) would show a meaningless sum, so
  // ratio measures are drawn side by side even when the report asks for stacking.
  const stacked = type === 'stacked-bar' && !yKeys.some((k) => columnOf(result, k)?.kind === 'ratio');
  const seriesType = type === 'line' || type === 'area' ? 'line' : 'bar';
  const shape = seriesType === 'line' ? 'line' : horizontal ? 'horizontal-bar' : 'bar';
  const series: Array<Record<string, unknown>> = [];
  const base = (name: string) => ({
    type: seriesType,
    name,
    ...(stacked ? { stack: 'total' } : {}),
    ...(type === 'area' ? { areaStyle: {} } : {}),
    ...(seriesType === 'line' ? { connectNulls: false, symbolSize: 7 } : {}),
  });
  // One datum: its value and cell, and for a ratio the group behind it (faded and labelled when small).
  const datum = (row: Record<string, ReportCell>, yKey: string, cell: CellValues): DrillableDatum => {
    const group = groups ? groupSizeOf(row, yKey, groups.ratios, result.columns) : null;
    return {
      value: numberOf(row[yKey]),
      ...(drillable(row) ? { cell } : {}),
      ...(group && groups ? { group, ...(group.small ? smallGroupStyle(group, groups.words, shape) : {}) } : {}),
    };
  };
  // The tooltip's value of a series: the measure's format, and for a ratio "· 1 of 3" (ECharts passes the index).
  const seriesOf = (name: string, yKey: string, data: Array<DrillableDatum | null>) => {
    const format = fmt(yKey);
    const valueFormatter = groups ? (v: unknown, i?: number) => withGroupSize(format(v), i === undefined ? undefined : data[i]?.group, groups.words) : format;
    const labelled = data.some((d) => d?.group?.small);
    return { ...base(name), data, tooltip: { valueFormatter }, ...(labelled ? { labelLayout: { hideOverlap: true } } : {}) };
  };
  if (seriesCol) {
    const yKey = yKeys[0] ?? '';
    for (const s of otherLast(distinct(result.rows.map((r) => r[seriesCol.key] ?? null)), seriesCol)) {
      const data: Array<DrillableDatum | null> = xValues.map(() => null);
      for (const row of result.rows) {
        if (JSON.stringify(row[seriesCol.key] ?? null) !== JSON.stringify(s)) continue;
        const i = xIndex.get(JSON.stringify(row[xCol?.key ?? ''] ?? null));
        if (i === undefined) continue;
        data[i] = datum(row, yKey, { ...(xCol ? { [xCol.key]: row[xCol.key] ?? null } : {}), [seriesCol.key]: s });
      }
      series.push(seriesOf(label(seriesCol, s), yKey, data));
    }
  } else {
    for (const yKey of yKeys) {
      const data: Array<DrillableDatum | null> = xValues.map(() => null);
      for (const row of result.rows) {
        const i = xIndex.get(JSON.stringify(row[xCol?.key ?? ''] ?? null));
        if (i !== undefined) data[i] = datum(row, yKey, xCol ? { [xCol.key]: row[xCol.key] ?? null } : {});
      }
      series.push(seriesOf(columnOf(result, yKey)?.label ?? yKey, yKey, data));
    }
  }
  // Horizontal: the first category on top, as a list reads.
  const categories = { type: 'category', data: xLabels, axisLabel: categoryLabels(horizontal, xCol, xValues.length), ...(horizontal ? { inverse: true } : {}) };
  // Axis ticks are round numbers: "30", not "30.0"; ECharts drops labels that would still overlap.
  const firstMeasure = columnOf(result, yKeys[0]);
  const values = { type: 'value', splitNumber: horizontal ? 4 : 5, axisLabel: { hideOverlap: true, formatter: (v: number) => axisNumberText(firstMeasure, v, text) } };
  return {
    aria: ARIA,
    tooltip: { trigger: 'axis', axisPointer: { type: seriesType === 'bar' ? 'shadow' : 'line' } },
    legend: { type: 'scroll', top: 0, ...LEGEND_NAMES },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: horizontal ? values : categories,
    yAxis: horizontal ? categories : values,
    series,
  };
}
