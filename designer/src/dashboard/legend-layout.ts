import type { EChartsCoreOption } from 'echarts/core';

/** Legend names are cut at this width (chartOption's legend textStyle); the legend tooltip shows them whole. */
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

/** Rows a plain (wrapping) legend takes for these names at this width. */
export function legendRows(names: readonly string[], width: number): number {
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = SYMBOL + Math.min(textWidth(name), LEGEND_NAME_WIDTH);
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
}

type Named = { name?: unknown; data?: Array<{ name?: unknown } | null> };

/**
 * Lays a scrolling legend out in full when it fits in a few rows: every name stays readable instead of
 * paging "1/5". The chart grows by the legend's extra rows (`extraHeight`), so the plot keeps its size.
 */
export function fitLegend(option: EChartsCoreOption, width: number): { option: EChartsCoreOption; extraHeight: number } {
  const legend = option.legend as LegendOption | undefined;
  const series = (Array.isArray(option.series) ? option.series : []) as Named[];
  if (!legend || legend.type !== 'scroll' || width <= 0) return { option, extraHeight: 0 };
  const pie = legend.bottom !== undefined;
  const names = (pie ? (series[0]?.data ?? []).map((d) => d?.name) : series.map((s) => s.name)).map((n) => String(n ?? ''));
  const rows = legendRows(names, width - PADDING);
  if (rows > MAX_ROWS) return { option, extraHeight: 0 };
  const height = rows * ROW_HEIGHT + PADDING;
  const fitted: EChartsCoreOption = { ...option, legend: { ...legend, type: 'plain' } };
  if (pie) fitted.series = series.map((s, i) => (i === 0 ? { ...s, bottom: height } : s));
  else fitted.grid = { ...(option.grid as Record<string, unknown>), top: height + 4 };
  return { option: fitted, extraHeight: Math.max(0, height + 4 - ONE_ROW) };
}
