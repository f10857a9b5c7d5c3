import type { ReportCell, ReportColumn } from '@baton/client';

/** How a widget writes cells: labels for values (departments, bands, options), formats for measures. */
export interface ValueText {
  none: string;
  locale: 'en' | 'zh-CN';
}

/** A dimension value as people read it: its label, a date bucket shortened to its period, or "(none)". */
export function dimensionText(column: ReportColumn | undefined, value: ReportCell, text: ValueText): string {
  if (value === null || value === undefined || value === '') return text.none;
  const raw = String(value);
  const label = column?.valueLabels?.[raw];
  if (label) return label;
  if (column?.type === 'date' && /^\d{4}-\d{2}-\d{2}/.test(raw)) {
    const [y, m] = [raw.slice(0, 4), raw.slice(5, 7)];
    switch (column.bucket) {
      case 'year':
        return y;
      case 'quarter':
        return `${y} Q${Math.floor((Number(m) - 1) / 3) + 1}`;
      case 'month':
        return `${y}-${m}`;
      default:
        return raw.slice(0, 10);
    }
  }
  return raw;
}

/**
 * A measure value with its format: `{ style: "percent", decimals }` marks a value already scaled to 100
 * (the report's ratio has `scale: 100`), so 28.57 reads "28.6%".
 */
export function measureText(column: ReportColumn | undefined, value: ReportCell, text: ValueText): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  const format = (column?.format ?? {}) as { style?: unknown; decimals?: unknown };
  const decimals = typeof format.decimals === 'number' ? format.decimals : Number.isInteger(value) ? 0 : 1;
  const number = new Intl.NumberFormat(text.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  return format.style === 'percent' ? `${number}%` : number;
}

/**
 * A value-axis tick: the measure's style (percent) but no fixed decimals, since ECharts picks round ticks
 * (30, 60, 90) and "30.0 60.0 90.0" only makes the labels collide.
 */
export function axisNumberText(column: ReportColumn | undefined, value: number, text: ValueText): string {
  const number = new Intl.NumberFormat(text.locale, { maximumFractionDigits: 1 }).format(value);
  return (column?.format as { style?: unknown } | undefined)?.style === 'percent' ? `${number}%` : number;
}
