/**
 * One failed keyword, in the shape Ajv's `ErrorObject` has (so the wording in validate-against-schema.ts
 * is unchanged): `instancePath` is the JSON Pointer of the value, `schemaPath` of the keyword ("#/…/type").
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  /** The schema object holding the keyword (used to list a discriminator's tags). */
  parentSchema?: Record<string, unknown>;
}

/**
 * A compiled check. `errors` null = stop at the first failure and build no paths (the common, valid case);
 * an array = collect every failure with `path` (instance) and `at` (schema) filled in.
 */
export type SchemaCheck = (value: unknown, path: string, errors: SchemaError[] | null, at: string) => boolean;

/** A schema uses something the compiler does not support, or is malformed; `at` is its schema pointer. */
export class SchemaCompileError extends Error {
  constructor(
    readonly reason: string,
    readonly at: string,
    readonly keyword: string | undefined,
  ) {
    super(`${reason} at ${at || '#'}`);
    this.name = 'SchemaCompileError';
  }
}

export function fail(errors: SchemaError[] | null, keyword: string, path: string, at: string, params: Record<string, unknown>): false {
  if (errors) errors.push({ keyword, instancePath: path, schemaPath: at + '/' + keyword, params });
  return false;
}

/** JSON Pointer segment escaping (RFC 6901). */
export function esc(segment: string | number): string {
  const s = String(segment);
  return s.indexOf('~') < 0 && s.indexOf('/') < 0 ? s : s.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values (key order ignored), as JSON Schema's const / enum / uniqueItems mean it. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
