import type { ReportCell, ReportColumn } from '@baton/client';

/** A rate over fewer than this many (people employed in the month, say) swings with one person: flagged. */
export const SMALL_GROUP = 5;

/** The measures a ratio divides, by the ratio's key: from the report definition (result columns do not say). */
export type RatioParts = Record<string, { numerator: string; denominator: string }>;

/** How the chart words group sizes: "1 of 3", and the small-group warning. */
export interface GroupWords {
  /** "{{count}} of {{total}}" (people when the denominator is a head count). */
  of: (count: number, total: number, people: boolean) => string;
  small: (people: boolean) => string;
}

/** The chart's knowledge of group sizes: the ratios' parts and the words for them. */
export interface GroupSizes {
  ratios: RatioParts;
  words: GroupWords;
}

/** The ratio measures of a report definition body, each with the keys of its numerator and denominator. */
export function ratioParts(body: Record<string, unknown>): RatioParts {
  const measures = Array.isArray(body.measures) ? (body.measures as Array<Record<string, unknown>>) : [];
  const out: RatioParts = {};
  for (const m of measures) {
    if (m.op === 'ratio' && typeof m.key === 'string' && typeof m.numerator === 'string' && typeof m.denominator === 'string') {
      out[m.key] = { numerator: m.numerator, denominator: m.denominator };
    }
  }
  return out;
}

export interface GroupSize {
  count: number;
  total: number;
  /** The denominator counts people (a head count measure). */
  people: boolean;
  small: boolean;
}

function numberOf(v: ReportCell | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The group behind a row's ratio: its numerator and denominator ("1 of 3"), and whether the group is small
 * enough that the rate says little (fewer than SMALL_GROUP). Null when the measure is no ratio of this
 * result or the row lacks either part.
 */
export function groupSizeOf(row: Record<string, ReportCell>, measure: string, ratios: RatioParts, columns: readonly ReportColumn[]): GroupSize | null {
  const parts = ratios[measure];
  if (!parts) return null;
  const count = numberOf(row[parts.numerator]);
  const total = numberOf(row[parts.denominator]);
  if (count === null || total === null || total <= 0) return null;
  const people = columns.find((c) => c.key === parts.denominator)?.kind === 'headcount';
  return { count, total, people, small: total < SMALL_GROUP };
}

/**
 * A small group's point or bar: faded (the series keeps its colour), hollow if a point, and when someone is
 * counted its size written above it ("1 of 3"). A zero rate is not labelled: rows of "0 of 4" along the axis
 * would bury the chart (the tooltip still says it).
 */
export function smallGroupStyle(size: GroupSize, words: GroupWords, shape: 'bar' | 'horizontal-bar' | 'line'): Record<string, unknown> {
  return {
    itemStyle: { opacity: 0.35 },
    ...(shape === 'line' ? { symbol: 'emptyCircle' } : {}),
    ...(size.count > 0
      ? { label: { show: true, position: shape === 'horizontal-bar' ? 'right' : 'top', formatter: words.of(size.count, size.total, false), color: '#6b7280', fontSize: 10 } }
      : {}),
  };
}

/** A ratio's tooltip value: the rate, then the group behind it ("25.0% · 1 of 4"), then the warning if small. */
export function withGroupSize(value: string, size: GroupSize | undefined, words: GroupWords): string {
  if (!size) return value;
  return [value, words.of(size.count, size.total, size.people), ...(size.small ? [words.small(size.people)] : [])].join(' · ');
}
