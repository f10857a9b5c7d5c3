import { isIsoDate, isIsoDateTime } from '../forms/iso-date-formats.js';
import type { SchemaCheck } from './schema-error.js';

/**
 * The commonest field value schemas (a bounded string, a date, a boolean, a number, a choice) checked
 * inline by one monomorphic function instead of a call to their closure: the object loop runs this for
 * every property of every row, and a call per value was most of a form validation's structural check.
 * Only the stop-at-first-error path uses it; errors are still explained by the closures.
 */
export interface QuickCheck {
  kind: number;
  min: number;
  max: number;
  values: ReadonlySet<unknown> | undefined;
}

/** QuickCheck kinds (exported for callers that inline the commonest ones in their own loop). */
export const STRING = 1;
export const DATE = 2;
export const DATE_TIME = 3;
export const BOOLEAN = 4;
export const NUMBER = 5;
export const INTEGER = 6;
export const CHOICE = 7;
/** `type: ["boolean", "null"]`: a computed boolean column. */
export const BOOLEAN_OR_NULL = 8;

// Local aliases (see object-keywords.ts: export getters under a CommonJS transpile).
const isDate = isIsoDate;
const isDateTime = isIsoDateTime;

const QUICK = new WeakMap<SchemaCheck, QuickCheck>();

const IGNORED = new Set(['title', 'description', 'default', 'examples', '$comment', 'readOnly', 'writeOnly', 'deprecated']);

/** The quick form of a schema, when it is one of the shapes above. */
function shapeOf(schema: Record<string, unknown>): QuickCheck | undefined {
  let type: unknown;
  let min = 0;
  let max = Infinity;
  let format: unknown;
  let values: unknown[] | undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type') type = value;
    else if (key === 'minLength' && typeof value === 'number') min = value;
    else if (key === 'maxLength' && typeof value === 'number') max = value;
    else if (key === 'format') format = value;
    else if (key === 'enum' && Array.isArray(value) && value.every((v) => typeof v === 'string')) values = value;
    else if (!IGNORED.has(key)) return undefined;
  }
  const quick = (kind: number): QuickCheck => ({ kind, min, max, values: values ? new Set(values) : undefined });
  if (values !== undefined) return type === undefined || type === 'string' ? (min === 0 && max === Infinity && format === undefined ? quick(CHOICE) : undefined) : undefined;
  if (type === 'string') {
    if (format === undefined) return quick(STRING);
    if (min === 0 && max === Infinity) return format === 'date' ? quick(DATE) : format === 'date-time' ? quick(DATE_TIME) : undefined;
    return undefined;
  }
  if (format !== undefined || min !== 0 || max !== Infinity) return undefined;
  if (Array.isArray(type) && type.length === 2 && type.includes('boolean') && type.includes('null')) return quick(BOOLEAN_OR_NULL);
  return type === 'boolean' ? quick(BOOLEAN) : type === 'number' ? quick(NUMBER) : type === 'integer' ? quick(INTEGER) : undefined;
}

export function rememberQuick(check: SchemaCheck, schema: Record<string, unknown>): void {
  const quick = shapeOf(schema);
  if (quick) QUICK.set(check, quick);
}

export function quickOf(check: SchemaCheck | undefined): QuickCheck | undefined {
  return check === undefined ? undefined : QUICK.get(check);
}

/** False when the value certainly fails; a string over its length in UTF-16 units goes to the full check. */
export function quickPasses(q: QuickCheck, v: unknown, full: SchemaCheck): boolean {
  switch (q.kind) {
    case STRING:
      if (typeof v !== 'string') return false;
      return (v.length <= q.max && v.length >= q.min && (q.min === 0 || v.length >= 2 * q.min)) || full(v, '', null, '');
    case DATE:
      return typeof v === 'string' && isDate(v);
    case DATE_TIME:
      return typeof v === 'string' && isDateTime(v);
    case BOOLEAN:
      return typeof v === 'boolean';
    case NUMBER:
      return typeof v === 'number' && Number.isFinite(v);
    case INTEGER:
      return typeof v === 'number' && Number.isInteger(v);
    case BOOLEAN_OR_NULL:
      return v === null || typeof v === 'boolean';
    default:
      return (q.values as ReadonlySet<unknown>).has(v);
  }
}
