import type { LocalizedText, Measure, TopN } from '../definitions/generated/report.js';
import { REPORTS_ERRORS } from './reports-errors.js';
import type { ReportRow } from './finalize-report-rows.js';
import { OTHER_VALUE, type DimensionModel, type TopNModel } from './report-model.js';

/** The label of the grouped value when the definition names none. */
export const DEFAULT_OTHER_LABEL: LocalizedText = { en: 'Other', 'zh-CN': '其他' };

/** Measures computed after the query (ratio, headcount) cannot rank values inside it. */
const RANKABLE = (m: Measure) => m.op !== 'ratio' && m.op !== 'headcount';

type Complain = (code: string, path: Array<string | number>, params: Record<string, unknown>) => void;

/**
 * The top-N option of a dimension, with `by` resolved (the first measure the database aggregates when
 * omitted). Complains, with the path of `by`, when it names no such measure.
 */
export function resolveTopN(topN: TopN | undefined, measures: readonly Measure[], at: Array<string | number>, complain: Complain): TopNModel | undefined {
  if (!topN) return undefined;
  const rankable = measures.filter(RANKABLE).map((m) => m.key);
  const by = topN.by ?? rankable[0];
  if (by === undefined || !rankable.includes(by)) {
    const known = rankable.map((k) => `"${k}"`).join(', ') || '—';
    complain(REPORTS_ERRORS.BATON_E_REPORT_TOP_N_MEASURE, topN.by === undefined ? at : [...at, 'by'], { key: topN.by ?? '', known });
    return undefined;
  }
  return { n: topN.n, by, ...(topN.otherLabel !== undefined ? { otherLabel: topN.otherLabel } : {}) };
}

/** The dimensions that group values outside their top n as Other. */
export function topNDimensions(dimensions: readonly DimensionModel[]): Array<DimensionModel & { topN: TopNModel }> {
  return dimensions.filter((d): d is DimensionModel & { topN: TopNModel } => 'topN' in d && d.topN !== undefined);
}

/** Headcount of one group, as finalizeReportRows receives it. */
interface HeadcountLike {
  dimensions: ReportRow;
  start: number;
  end: number;
  during: number;
}

const cellKey = (v: unknown) => JSON.stringify(v ?? null);

/**
 * Headcount regrouped like the query grouped the rows: a value the query kept (it shows in a row) stays,
 * others fill the places left free up to n (most people first: the query ranked only values that have
 * rows), and the rest add up into Other. Sums of disjoint groups, so the total headcount is unchanged.
 */
export function foldHeadcountIntoOther<H extends HeadcountLike>(dimensions: readonly DimensionModel[], rows: readonly ReportRow[], headcount: readonly H[]): H[] {
  let out = [...headcount];
  for (const d of topNDimensions(dimensions)) {
    const kept = new Set(rows.map((r) => r[d.key]).filter((v) => v !== OTHER_VALUE).map(cellKey));
    const people = new Map<string, number>();
    for (const h of out) {
      const k = cellKey(h.dimensions[d.key]);
      if (!kept.has(k)) people.set(k, (people.get(k) ?? 0) + h.end);
    }
    const free = Math.max(0, d.topN.n - kept.size);
    [...people].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, free).forEach(([k]) => kept.add(k));
    out = sumGroups(out.map((h) => (kept.has(cellKey(h.dimensions[d.key])) ? h : { ...h, dimensions: { ...h.dimensions, [d.key]: OTHER_VALUE } })));
  }
  return out;
}

function sumGroups<H extends HeadcountLike>(headcount: H[]): H[] {
  const groups = new Map<string, H>();
  for (const h of headcount) {
    const key = JSON.stringify(Object.entries(h.dimensions).sort(([a], [b]) => (a < b ? -1 : 1)));
    const seen = groups.get(key);
    if (seen) groups.set(key, { ...seen, start: seen.start + h.start, end: seen.end + h.end, during: seen.during + h.during });
    else groups.set(key, h);
  }
  return [...groups.values()];
}
