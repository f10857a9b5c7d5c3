import type { EChartsCoreOption } from 'echarts/core';

/**
 * A paging legend cuts names at this width (chartOption's legend textStyle); the legend tooltip shows them
 * whole. A legend laid out in rows (fitLegend) lets a name take the whole row instead.
 */
export const LEGEND_NAME_WIDTH = 140;
/** Legend metrics of ECharts' defaults (12 px text, 25 px symbol + 5 px gap, 10 px between items). */
const SYMBOL = 30;
const ITEM_GAP = 10;
const ROW_HEIGHT = 24;
const PADDING = 10;
/** Beyond this many rows a legend pages (1/3 ▸) instead of pushing the chart down. */
const MAX_ROWS = 6;
/** Space the chart options keep for a one-row legend (grid top of chartOption). */
const ONE_ROW = 32;

/** Width of a legend name at 12 px, CJK characters are square, Latin ones about 6 px (DejaVu Sans, the widest common fallback). */
export function textWidth(name: string): number {
  let width = 0;
  for (const ch of name) width += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(ch) ? 12 : 6;
  return width;
}

/** Measures a legend name at 12 px: the browser's canvas when there is one (echart-view), else textWidth. */
export type MeasureText = (name: string) => number;

/** Rows a plain (wrapping) legend takes for these names at this width, each cut at `cap`. */
export function legendRows(names: readonly string[], width: number, measure: MeasureText = textWidth, cap = LEGEND_NAME_WIDTH): number {
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = SYMBOL + Math.min(measure(name), cap);
    if (used > 0 && used + ITEM_GAP + item > width) {
      rows += 1;
      used = item;
    } else used += (used > 0 ? ITEM_GAP : 0) + item;
  }
  return rows;
}

interface LegendOption {
  type?: string;
  top?: number;
  bottom?: number;
  textStyle?: Record<string, unknown>;
}

type Named = { name?: unknown; data?: Array<{ name?: unknown } | null> };

/**
 * Lays a scrolling legend out in full when it fits in a few rows: every name stays readable instead of
 * paging "1/5", and a long name ("90th percentile (business days)") may take a whole row rather than being
 * cut at LEGEND_NAME_WIDTH. The chart grows by the legend's extra rows (`extraHeight`), so the plot keeps its
 * size. `cut` says whether some name is still shortened (wider than the chart, or a paging legend).
 */
export function fitLegend(option: EChartsCoreOption, width: number, measure: MeasureText = textWidth): { option: EChartsCoreOption; extraHeight: number; cut: boolean } {
  const legend = option.legend as LegendOption | undefined;
  const series = (Array.isArray(option.series) ? option.series : []) as Named[];
  if (!legend || legend.type !== 'scroll' || width <= 0) return { option, extraHeight: 0, cut: false };
  const pie = legend.bottom !== undefined;
  const names = (pie ? (series[0]?.data ?? []).map((d) => d?.name) : series.map((s) => s.name)).map((n) => String(n ?? ''));
  // The widest a name can be on a row of its own.
  const room = Math.max(LEGEND_NAME_WIDTH, Math.floor(width - PADDING - SYMBOL));
  const rows = legendRows(names, width - PADDING, measure, room);
  if (rows > MAX_ROWS) return { option, extraHeight: 0, cut: names.some((n) => measure(n) > LEGEND_NAME_WIDTH) };
  const height = rows * ROW_HEIGHT + PADDING;
  const fitted: EChartsCoreOption = { ...option, legend: { ...legend, type: 'plain', textStyle: { ...legend.textStyle, width: room } } };
  if (pie) fitted.series = series.map((s, i) => (i === 0 ? { ...s, bottom: height } : s));
  else fitted.grid = { ...(option.grid as Record<string, unknown>), top: height + 4 };
  return { option: fitted, extraHeight: Math.max(0, height + 4 - ONE_ROW), cut: names.some((n) => measure(n) > room) };
}
