import { nanError } from './expression-error.js';

/** JsonLogic truthiness: JavaScript's, except that an empty array is false. */
export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

/**
 * Number for arithmetic: booleans are 0/1, null and "" are 0, numeric strings parse; anything else
 * (arrays, objects, "abc") is the "NaN" error rather than a silent NaN that poisons later steps.
 */
export function toNumber(v: unknown, operator: string): number {
  switch (typeof v) {
    case 'number':
      if (v !== v) throw nanError(operator);
      return v;
    case 'string': {
      const n = Number(v);
      if (n !== n) throw nanError(operator);
      return n;
    }
    case 'boolean':
      return v ? 1 : 0;
    case 'undefined':
      return 0;
    default:
      if (v === null) return 0;
      throw nanError(operator);
  }
}

function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/**
 * Loose equality of the modern JsonLogic spec: same-typed values compare directly, null equals only
 * null/undefined/0/false, and mixed number/string/boolean compare as numbers ("NaN" if a string is not one).
 */
export function looseEquals(a: unknown, b: unknown, operator = '=='): boolean {
  const ta = typeof a;
  if (ta === typeof b && ta !== 'object') return a === b;
  if (!isPrimitive(a) || !isPrimitive(b)) throw nanError(operator);
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull && bNull) return true;
  if ((aNull && typeof b === 'string') || (bNull && ta === 'string')) return false;
  return toNumber(a, operator) === toNumber(b, operator);
}

/**
 * Ordering for < <= > >=: two strings compare as text (so ISO dates order correctly), everything else as
 * numbers. Returns a negative, zero or positive number, or NaN when the pair is unordered (null vs "abc").
 */
export function compareValues(a: unknown, b: unknown, operator: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (!isPrimitive(a) || !isPrimitive(b)) throw nanError(operator);
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if ((aNull && typeof b === 'string') || (bNull && typeof a === 'string')) {
    const n = Number(aNull ? b : a);
    if (n !== n) return NaN;
  }
  return toNumber(a, operator) - toNumber(b, operator);
}

/** Text for `cat` and string helpers: null/undefined are empty. */
export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : String(v);
}
