import { formatDate, isDateString, MS_PER_DAY, parseDate } from '../calendar/calendar-date.js';
import { formatInstant, wallClockToInstantMs } from '../calendar/zoned-time.js';
import type { Issue } from '../errors/issue.js';
import type { CompareAs, Condition, ReportField, Scalar } from './report-model.js';
import { REPORTS_ERRORS } from './reports-errors.js';

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** Reports a problem at a path; returns the condition to use instead (always false, so nothing leaks). */
export type Complain = (code: string, path: string, params: Record<string, unknown>) => Condition;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function validDate(value: string): boolean {
  if (!isDateString(value)) return false;
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

function validInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(new Date(value).getTime());
}

/** Midnight starting `date` in the time zone, as an ISO instant. */
function dayStart(date: string, timeZone: string): string {
  return formatInstant(wallClockToInstantMs(parseDate(date) * MS_PER_DAY, timeZone));
}

function nextDay(date: string): string {
  return formatDate(parseDate(date) + 1);
}

const TYPE_NAMES: Record<string, string> = { number: 'number', boolean: 'true/false', date: 'date (YYYY-MM-DD)', datetime: 'date-time (ISO 8601)', string: 'text' };

/**
 * How one value compares with a field: the field's type decides when it is known (a number field takes
 * numbers, a date field "YYYY-MM-DD"); a JSON value of unknown type is compared the way the value is
 * typed. Returns undefined when they cannot be compared.
 */
export function compareAs(field: ReportField, value: Scalar): CompareAs | undefined {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? 'number' : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? 'boolean' : undefined;
    case 'date':
      return typeof value === 'string' && validDate(value) ? 'date' : undefined;
    case 'datetime':
      return typeof value === 'string' && (validDate(value) || validInstant(value)) ? 'datetime' : undefined;
    case 'string':
      return typeof value === 'boolean' ? undefined : 'string';
    default:
      return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  }
}

function typeError(field: ReportField, value: Scalar, path: string, complain: Complain): Condition {
  return complain(REPORTS_ERRORS.BATON_E_REPORT_FILTER_TYPE, path, { field: field.ref, type: TYPE_NAMES[field.type] ?? field.type, value: JSON.stringify(value) });
}

/**
 * `field op value` as a condition. A bare date against a date-time field means that whole day in the
 * report's time zone ("<= 2025-03-31" includes the evening of the 31st in Shanghai).
 */
export function buildComparison(field: ReportField, op: CompareOp, value: Scalar | null, timeZone: string, path: string, complain: Complain): Condition {
  if (value === null) {
    if (op === '=' || op === '<>') return { kind: 'null', field, negate: op === '<>' };
    return complain(REPORTS_ERRORS.BATON_E_REPORT_FILTER_SHAPE, path, { detail: `"${op}" needs a value, not null`, detailZh: `"${op}" 需要一个值，而不是 null` });
  }
  const as = compareAs(field, value);
  if (!as) return typeError(field, value, path, complain);
  if (as === 'string' && typeof value === 'number') value = String(value);
  if (as === 'datetime' && typeof value === 'string' && validDate(value)) {
    const start = dayStart(value, timeZone);
    const end = dayStart(nextDay(value), timeZone);
    const cmp = (o: CompareOp, v: string): Condition => ({ kind: 'compare', field, op: o, value: v, as });
    switch (op) {
      case '=': return { kind: 'and', items: [cmp('>=', start), cmp('<', end)] };
      case '<>': return { kind: 'not', item: { kind: 'and', items: [cmp('>=', start), cmp('<', end)] } };
      case '<': return cmp('<', start);
      case '<=': return cmp('<', end);
      case '>': return cmp('>=', end);
      case '>=': return cmp('>=', start);
    }
  }
  return { kind: 'compare', field, op, value, as };
}

/** `field in [values]`; an empty list matches nothing. */
export function buildMembership(field: ReportField, values: Array<Scalar | null>, timeZone: string, path: string, complain: Complain): Condition {
  const nulls = values.some((v) => v === null);
  const scalars = values.filter((v): v is Scalar => v !== null);
  const items: Condition[] = [];
  if (nulls) items.push({ kind: 'null', field, negate: false });
  if (scalars.length > 0) {
    const kinds = new Set(scalars.map((v) => compareAs(field, v)));
    const first = scalars[0] as Scalar;
    const as = compareAs(field, first);
    if (!as || kinds.size !== 1) return typeError(field, scalars.find((v) => compareAs(field, v) !== as) ?? first, path, complain);
    if (as === 'datetime' && scalars.some((v) => typeof v === 'string' && validDate(v))) {
      // Whole days: one range per day.
      items.push(...scalars.map((v, i) => buildComparison(field, '=', v, timeZone, `${path}/${i}`, complain)));
    } else {
      items.push({ kind: 'in', field, values: as === 'string' ? scalars.map((v) => (typeof v === 'number' ? String(v) : v)) : scalars, as });
    }
  }
  if (items.length === 0) return { kind: 'const', value: false };
  return items.length === 1 ? (items[0] as Condition) : { kind: 'or', items };
}

export function issuesComplainer(issues: Issue[], make: (code: string, path: string, params: Record<string, unknown>) => Issue): Complain {
  return (code, path, params) => {
    issues.push(make(code, path, params));
    return { kind: 'const', value: false };
  };
}
