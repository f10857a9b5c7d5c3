/** Where a partial match failed: a dotted path ("customers.0.successor") and the two values. */
export interface Mismatch { path: string; expected: unknown; actual: unknown }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Partial match: every key of an expected object must match (extra actual keys are fine); arrays match
 * element by element with the same length; anything else compares with ===. Returns the first mismatch.
 */
export function partialMismatch(actual: unknown, expected: unknown, path = ''): Mismatch | undefined {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return { path, expected, actual };
    for (const key of Object.keys(expected)) {
      const inner = partialMismatch(actual[key], expected[key], path ? `${path}.${key}` : key);
      if (inner) return inner;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { path, expected, actual };
    for (let i = 0; i < expected.length; i++) {
      const inner = partialMismatch(actual[i], expected[i], path ? `${path}.${i}` : String(i));
      if (inner) return inner;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : { path, expected, actual };
}
