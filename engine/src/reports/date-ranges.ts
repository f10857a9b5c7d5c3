import { issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Filter } from '../definitions/generated/report.js';
import type { ParamValue } from './report-params.js';
import { REPORTS_ERRORS } from './reports-errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Bound {
  value: string;
  /** Where the viewer set it: `/params/to`, `/filters/1/value/1`. */
  path: string;
}

interface Range {
  lower?: Bound;
  upper?: Bound;
}

/** A filter value as a date and the request path it came from, when it is a date the viewer gave. */
function boundOf(value: unknown, params: ReadonlyMap<string, ParamValue>, viewerPath: string | undefined): Bound | undefined {
  if (typeof value === 'object' && value !== null && 'param' in value) {
    const key = String((value as { param: unknown }).param);
    const v = params.get(key);
    return typeof v === 'string' && DATE.test(v) ? { value: v, path: `/params/${key}` } : undefined;
  }
  return viewerPath !== undefined && typeof value === 'string' && DATE.test(value) ? { value, path: viewerPath } : undefined;
}

function collect(ranges: Map<string, Range>, filter: Filter, params: ReadonlyMap<string, ParamValue>, viewerPath: string | undefined): void {
  const range = ranges.get(filter.field) ?? {};
  const keep = (side: 'lower' | 'upper', bound: Bound | undefined) => {
    if (!bound) return;
    const seen = range[side];
    if (!seen || (side === 'lower' ? bound.value > seen.value : bound.value < seen.value)) range[side] = bound;
  };
  const at = (suffix: string) => (viewerPath === undefined ? undefined : `${viewerPath}${suffix}`);
  if (filter.op === 'gte' || filter.op === 'gt') keep('lower', boundOf(filter.value, params, at('')));
  if (filter.op === 'lte' || filter.op === 'lt') keep('upper', boundOf(filter.value, params, at('')));
  if (filter.op === 'between' && Array.isArray(filter.value)) {
    keep('lower', boundOf(filter.value[0], params, at('/0')));
    keep('upper', boundOf(filter.value[1], params, at('/1')));
  }
  ranges.set(filter.field, range);
}

/**
 * A date range the viewer turned inside out ("To" before "From", through parameters or their own filters)
 * matches nothing by construction: it is refused at the end date's path rather than answered "no data".
 * Bounds written as literals in the definition are the author's business, not the viewer's.
 */
export function invertedDateRanges(definitionFilters: readonly Filter[], params: ReadonlyMap<string, ParamValue>, viewerFilters: unknown, locale: Locale): Issue[] {
  const ranges = new Map<string, Range>();
  for (const f of definitionFilters) collect(ranges, f, params, undefined);
  if (Array.isArray(viewerFilters)) {
    viewerFilters.forEach((f, i) => {
      if (typeof f === 'object' && f !== null && typeof (f as Filter).field === 'string') collect(ranges, f as Filter, params, `/filters/${i}/value`);
    });
  }
  const issues: Issue[] = [];
  for (const [field, { lower, upper }] of ranges) {
    if (lower && upper && lower.value > upper.value) {
      issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_DATE_RANGE, upper.path, { field, from: lower.value, to: upper.value, fromPath: lower.path }, locale));
    }
  }
  return issues;
}
