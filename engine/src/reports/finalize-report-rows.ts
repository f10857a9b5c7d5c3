import { OTHER_VALUE, type HeadcountStat, type MeasureModel, type ReportQuery, type ReportSort, type Scalar } from './report-model.js';
import { foldHeadcountIntoOther, topNDimensions } from './top-n.js';

export type ReportCell = Scalar | null;
export type ReportRow = Record<string, ReportCell>;

/**
 * Headcount of one group (the report's dimension values) on the first and last day of its period, and
 * `during` it: employed on its first day or hired during it, each person in the group they are in on
 * their first day in the period (so every leaver of the period is among them, in the same group).
 */
export interface HeadcountRow {
  dimensions: ReportRow;
  start: number;
  end: number;
  during: number;
}

function groupKey(row: ReportRow, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => row[k] ?? null));
}

/** Other (a top-N dimension's grouped value) and null come last, in either direction. */
function lastOf(a: ReportCell, b: ReportCell): number {
  const rank = (v: ReportCell) => (v === null ? 2 : v === OTHER_VALUE ? 1 : 0);
  return rank(a) - rank(b);
}

function compareCells(a: ReportCell, b: ReportCell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts rows by the given keys (nulls last in either direction). */
export function sortReportRows(rows: ReportRow[], sort: readonly ReportSort[]): ReportRow[] {
  return rows.sort((r, s) => {
    for (const { key, direction } of sort) {
      const a = r[key] ?? null;
      const b = s[key] ?? null;
      const last = lastOf(a, b);
      if (last !== 0) return last;
      const c = compareCells(a, b);
      if (c !== 0) return direction === 'desc' ? -c : c;
    }
    return 0;
  });
}

function headcountValue(stat: HeadcountStat, h: HeadcountRow): number {
  switch (stat) {
    case 'period-start': return h.start;
    case 'period-end': return h.end;
    case 'during-period': return h.during;
    case 'average': return (h.start + h.end) / 2;
  }
}

function ratioValue(row: ReportRow, m: Extract<MeasureModel, { op: 'ratio' }>): ReportCell {
  const n = row[m.numerator];
  const d = row[m.denominator];
  if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return null;
  return (n / d) * m.scale;
}

/**
 * What the database cannot compute in the same pass: headcount joined to the groups (groups that have
 * headcount but no rows appear with zero counts, so a department with no leavers shows a 0 % attrition),
 * ratios between measures, then the sort and the limit. Pure, so the arithmetic is tested without SQL.
 */
export function finalizeReportRows(query: Pick<ReportQuery, 'measures' | 'dimensions' | 'sort' | 'limit'>, rows: ReportRow[], headcount?: HeadcountRow[]): { rows: ReportRow[]; truncated: boolean } {
  const dimKeys = query.dimensions.map((d) => d.key);
  const headcountMeasures = query.measures.filter((m): m is Extract<MeasureModel, { op: 'headcount' }> => m.op === 'headcount');
  let out = rows.map((r) => ({ ...r }));
  if (headcount && headcountMeasures.length > 0) {
    const byKey = new Map(out.map((r) => [groupKey(r, dimKeys), r]));
    const counts = new Map<string, HeadcountRow>();
    for (const h of foldHeadcountIntoOther(query.dimensions, out, headcount)) {
      const key = groupKey(h.dimensions, dimKeys);
      counts.set(key, h);
      if (byKey.has(key)) continue;
      const row: ReportRow = {};
      for (const k of dimKeys) row[k] = h.dimensions[k] ?? null;
      for (const m of query.measures) row[m.key] = m.op === 'count' || m.op === 'distinct-count' ? 0 : null;
      byKey.set(key, row);
      out.push(row);
    }
    for (const row of out) {
      const h = counts.get(groupKey(row, dimKeys));
      for (const m of headcountMeasures) row[m.key] = h ? headcountValue(m.stat, h) : 0;
    }
  }
  // Ratios may build on ratios (never cyclically: the definition check refuses cycles).
  const ratios = query.measures.filter((m): m is Extract<MeasureModel, { op: 'ratio' }> => m.op === 'ratio');
  const done = new Set(query.measures.filter((m) => m.op !== 'ratio').map((m) => m.key));
  for (let pass = 0; pass <= ratios.length && done.size < query.measures.length; pass++) {
    for (const m of ratios) {
      if (done.has(m.key) || !done.has(m.numerator) || !done.has(m.denominator)) continue;
      for (const row of out) row[m.key] = ratioValue(row, m);
      done.add(m.key);
    }
  }
  const sort = query.sort.length > 0 ? [...query.sort] : dimKeys.map((key) => ({ key, direction: 'asc' as const }));
  // Ties broken by the top-N dimensions, so Other comes after the values it does not replace.
  const tieBreak = topNDimensions(query.dimensions).filter((d) => !sort.some((s) => s.key === d.key)).map((d) => ({ key: d.key, direction: 'asc' as const }));
  sort.push(...tieBreak);
  out = sortReportRows(out, sort);
  const truncated = out.length > query.limit;
  return { rows: truncated ? out.slice(0, query.limit) : out, truncated };
}
