import { BatonError, issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import { OTHER_VALUE, type ReportQuery, type Scalar } from './report-model.js';
import { REPORTS_ERRORS } from './reports-errors.js';

/**
 * The cell a viewer drills into: a value (or null) per dimension key. Every key must be a dimension of
 * the report; values are scalars (a date bucket is its first day, "YYYY-MM-DD"; a tenure band its key).
 */
export function checkDimensionValues(query: Pick<ReportQuery, 'dimensions'>, values: unknown, locale: Locale = 'en'): Map<string, Scalar | null> {
  const issues: Issue[] = [];
  const out = new Map<string, Scalar | null>();
  const known = query.dimensions.map((d) => `"${d.key}"`).join(', ') || '—';
  const given = typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(given)) {
    const dim = query.dimensions.find((d) => d.key === key);
    const path = `/dimensionValues/${key}`;
    if (!dim) {
      issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_DIMENSION_VALUE_UNKNOWN, path, { key, known }, locale));
      continue;
    }
    const okScalar = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    const okDate = dim.kind !== 'date' || value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
    const okText = (dim.kind !== 'words' && dim.kind !== 'tenure' && dim.kind !== 'department') || value === null || typeof value === 'string';
    if (!okScalar || !okDate || !okText) {
      const [needed, neededZh] = dim.kind === 'date' ? ['the first day of the period, "YYYY-MM-DD"', '区间的第一天 "YYYY-MM-DD"'] : okScalar ? ['a text', '文本'] : ['a text, a number, true/false or null', '文本、数字、true/false 或 null'];
      issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_DIMENSION_VALUE_TYPE, path, { key, needed, neededZh }, locale));
      continue;
    }
    if (value === OTHER_VALUE && 'topN' in dim && dim.topN) {
      issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_DRILL_OTHER, path, { key, n: dim.topN.n }, locale));
      continue;
    }
    out.set(key, value as Scalar | null);
  }
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new BatonError(first.code, first.params ?? {}, issues, first.path);
  }
  return out;
}
