import type { ReportCell, ReportColumn } from '@baton/client';
import type { EChartsCoreOption } from 'echarts/core';
import { LEGEND_NAME_WIDTH, textWidth } from './legend-layout.js';

/** Category labels longer than this (px at 12 px) are cut with an ellipsis; the tooltip has the full name. */
export const CATEGORY_LABEL_WIDTH = 180;
/** Labels wider than this (about 12 Latin or 6 Chinese characters) do not fit under a vertical bar. */
const LONG_LABEL = 72;
/** More categories than this crowd a vertical axis whatever their length. */
const MANY_CATEGORIES = 12;
/** Height of one category row on a horizontal axis, and the plot height the widget gives a chart. */
const ROW = 22;
const PLOT = 220;

/** The value a top-N dimension groups the rest under ("Other"), when the column has one. */
export function isOther(column: ReportColumn | undefined, value: ReportCell): boolean {
  return column?.otherValue !== undefined && value === column.otherValue;
}

/** Values in their order, Other moved last (it stands for what the others are not). */
export function otherLast(values: ReportCell[], column: ReportColumn | undefined): ReportCell[] {
  return [...values.filter((v) => !isOther(column, v)), ...values.filter((v) => isOther(column, v))];
}

/**
 * Bars lie down when their names would not fit under them: a named (not date) category axis with long
 * labels or many categories. A chart that says `horizontal: false` (or true) keeps what it says.
 */
export function barsHorizontal(type: string, horizontal: boolean | undefined, column: ReportColumn | undefined, labels: readonly string[]): boolean {
  if (horizontal !== undefined) return horizontal;
  if ((type !== 'bar' && type !== 'stacked-bar') || column?.type === 'date') return false;
  const longest = Math.max(0, ...labels.map(textWidth));
  return labels.length > MANY_CATEGORIES || (labels.length > 4 && longest > LONG_LABEL);
}

/**
 * How the category axis writes its labels. Dates are ordered periods: ECharts may skip some. Named categories
 * (steps, positions) must each be readable: every one is shown, cut at CATEGORY_LABEL_WIDTH, on the y axis
 * of a horizontal chart, or turned on the x axis when there are more than a few.
 */
export function categoryLabels(horizontal: boolean, column: ReportColumn | undefined, count: number): Record<string, unknown> {
  if (column?.type === 'date') return { hideOverlap: true };
  const named = { interval: 0, width: CATEGORY_LABEL_WIDTH, overflow: 'truncate' };
  if (horizontal || count <= 4) return named;
  return { ...named, rotate: 30 };
}

/** Legend names cut at LEGEND_NAME_WIDTH; hovering one shows it in full (legend tooltip). */
export const LEGEND_NAMES = { textStyle: { width: LEGEND_NAME_WIDTH, overflow: 'truncate' }, tooltip: { show: true } };

/** Extra height a horizontal chart needs so each category keeps a readable row. */
export function categoryExtraHeight(option: EChartsCoreOption): number {
  const axis = option.yAxis as { type?: string; data?: unknown[] } | undefined;
  if (axis?.type !== 'category' || !Array.isArray(axis.data)) return 0;
  return Math.max(0, axis.data.length * ROW - PLOT);
}
