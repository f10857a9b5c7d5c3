import { formatDate, isDateString, parseDate } from '../calendar/calendar-date.js';
import { BatonError, issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Parameter, RelativeDate } from '../definitions/generated/report.js';
import type { Scalar } from './report-model.js';
import { REPORTS_ERRORS } from './reports-errors.js';

/** A parameter's value after defaults: one scalar, a list (multiple), or undefined when left empty. */
export type ParamValue = Scalar | Scalar[] | undefined;

function startOf(day: number, unit: RelativeDate['startOf']): number {
  if (unit === undefined || unit === 'day') return day;
  if (unit === 'week') return day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const month = unit === 'month' ? m : unit === 'quarter' ? m - (m % 3) : 0;
  return Date.UTC(y, month, 1) / 86_400_000;
}

/** Adds months the calendar way: Jan 31 + 1 month = Feb 28 (or 29). */
function addMonths(day: number, months: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
}

/** A date relative to `today` ("YYYY-MM-DD"): { amount: -12, unit: "months", startOf: "month" }. */
export function relativeDate(rel: RelativeDate, today: string): string {
  const day = parseDate(today);
  const moved =
    rel.unit === 'days' ? day + rel.amount
    : rel.unit === 'weeks' ? day + rel.amount * 7
    : addMonths(day, rel.amount * (rel.unit === 'months' ? 1 : rel.unit === 'quarters' ? 3 : 12));
  return formatDate(startOf(moved, rel.startOf));
}

function isRelative(value: unknown): value is { relative: RelativeDate } {
  return typeof value === 'object' && value !== null && 'relative' in value;
}

const NEEDED: Record<Parameter['type'], [string, string]> = {
  string: ['a text', '文本'],
  number: ['a number', '数字'],
  boolean: ['true or false', 'true 或 false'],
  date: ['a date "YYYY-MM-DD" or { "relative": … }', '日期 "YYYY-MM-DD" 或 { "relative": … }'],
  department: ['a department id', '部门编号'],
  user: ['a user id', '用户编号'],
  select: ['one of its options', '其选项之一'],
};

function coerceOne(def: Parameter, value: unknown, today: string): Scalar | undefined {
  switch (def.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'date':
      if (isRelative(value)) return relativeDate(value.relative, today);
      if (!isDateString(value)) return undefined;
      try {
        parseDate(value);
        return value;
      } catch {
        return undefined;
      }
    case 'select':
      return typeof value === 'string' || typeof value === 'number' ? value : undefined;
    default:
      return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
  }
}

/**
 * The report's parameter values: what the viewer sent, else the default, checked against each parameter's
 * type (and options). Unknown names, missing required values and wrong types are issues at `/params/<key>`.
 */
export function resolveReportParams(defs: readonly Parameter[], input: unknown, today: string, locale: Locale = 'en'): Map<string, ParamValue> {
  const issues: Issue[] = [];
  const given = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(given)) {
    if (!byKey.has(key)) {
      issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_PARAM_UNKNOWN, `/params/${key}`, { key, known: defs.map((d) => `"${d.key}"`).join(', ') || '—' }, locale));
    }
  }
  const values = new Map<string, ParamValue>();
  for (const def of defs) {
    const raw = Object.hasOwn(given, def.key) && given[def.key] !== null ? given[def.key] : def.default;
    const path = `/params/${def.key}`;
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
      if (def.required) issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_PARAM_REQUIRED, path, { key: def.key }, locale));
      values.set(def.key, undefined);
      continue;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    if (Array.isArray(raw) && !def.multiple) {
      issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_PARAM_TYPE, path, { key: def.key, needed: 'one value, not a list', neededZh: '单个值而不是列表' }, locale));
      continue;
    }
    const out: Scalar[] = [];
    list.forEach((item, i) => {
      const itemPath = Array.isArray(raw) ? `${path}/${i}` : path;
      const value = coerceOne(def, item, today);
      if (value === undefined) {
        const [needed, neededZh] = NEEDED[def.type];
        issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_PARAM_TYPE, itemPath, { key: def.key, needed, neededZh }, locale));
        return;
      }
      if (def.type === 'select' && def.options && !def.options.some((o) => o.value === value)) {
        issues.push(issue(REPORTS_ERRORS.BATON_E_REPORT_PARAM_OPTION, itemPath, { key: def.key, value: String(value), known: def.options.map((o) => `"${o.value}"`).join(', ') }, locale));
        return;
      }
      out.push(value);
    });
    values.set(def.key, def.multiple ? out : out[0]);
  }
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new BatonError(first.code, first.params ?? {}, issues, first.path);
  }
  return values;
}
