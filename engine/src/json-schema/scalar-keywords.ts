import { fail, jsonEqual, SchemaCompileError, type SchemaCheck } from './schema-error.js';
import { FORMATS } from './schema-formats.js';
import { expectedOf } from './expected-wording.js';

type Schema = Record<string, unknown>;

/** Longest user pattern compiled: a cheap guard against pathological expressions in definitions. */
export const MAX_PATTERN_LENGTH = 1000;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

export function typeTest(type: string): (v: unknown) => boolean {
  switch (type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return (v) => typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'array':
      return (v) => Array.isArray(v);
    default:
      return (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

export function typeNames(schema: Schema, at: string): string[] | undefined {
  const t = schema.type;
  if (t === undefined) return undefined;
  const list = Array.isArray(t) ? t : [t];
  for (const name of list) {
    if (typeof name !== 'string' || !TYPES.has(name)) throw new SchemaCompileError(`"type" has an unknown type ${JSON.stringify(name)}`, at + '/type', 'type');
  }
  return list as string[];
}

/** `type` alone (used when no keyword closure of that type already checks it). */
export function typeCheck(types: string[]): SchemaCheck {
  const params = { type: types.join(',') };
  // One closure per type (no inner call): these run on every boolean and number of every row.
  switch (types.length === 1 ? types[0] : '') {
    case 'string':
      return (v, p, e, s) => typeof v === 'string' || fail(e, 'type', p, s, params);
    case 'boolean':
      return (v, p, e, s) => typeof v === 'boolean' || fail(e, 'type', p, s, params);
    case 'number':
      return (v, p, e, s) => (typeof v === 'number' && Number.isFinite(v)) || fail(e, 'type', p, s, params);
    case 'integer':
      return (v, p, e, s) => (typeof v === 'number' && Number.isInteger(v)) || fail(e, 'type', p, s, params);
    case 'null':
      return (v, p, e, s) => v === null || fail(e, 'type', p, s, params);
    case 'array':
      return (v, p, e, s) => Array.isArray(v) || fail(e, 'type', p, s, params);
    case 'object':
      return (v, p, e, s) => (typeof v === 'object' && v !== null && !Array.isArray(v)) || fail(e, 'type', p, s, params);
  }
  const tests = types.map(typeTest);
  return (v, p, e, s) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as (v: unknown) => boolean)(v)) return true;
    return fail(e, 'type', p, s, params);
  };
}

export function constCheck(value: unknown): SchemaCheck {
  const params = { allowedValue: value };
  if (typeof value !== 'object' || value === null) return (v, p, e, s) => v === value || fail(e, 'const', p, s, params);
  return (v, p, e, s) => jsonEqual(v, value) || fail(e, 'const', p, s, params);
}

export function enumCheck(values: unknown, at: string): SchemaCheck {
  if (!Array.isArray(values)) throw new SchemaCompileError('"enum" must be an array', at + '/enum', 'enum');
  const params = { allowedValues: values };
  const scalars = new Set(values.filter((x) => typeof x !== 'object' || x === null));
  const objects = values.filter((x) => typeof x === 'object' && x !== null);
  return (v, p, e, s) => {
    if (typeof v !== 'object' || v === null) return scalars.has(v) || fail(e, 'enum', p, s, params);
    for (const o of objects) if (jsonEqual(v, o)) return true;
    return fail(e, 'enum', p, s, params);
  };
}

function limit(schema: Schema, key: string, at: string, integer = false): number | undefined {
  const n = schema[key];
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 0))) {
    throw new SchemaCompileError(`"${key}" must be a ${integer ? 'non-negative integer' : 'number'}`, at + '/' + key, key);
  }
  return n;
}

/** Unicode code points, like JSON Schema counts length; String#length is exact when there are no surrogates. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 === s.length) n++;
    else {
      n++;
      i++;
    }
  }
  return n;
}

export const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern', 'format'] as const;

/** minLength, maxLength, pattern, format in one closure; `typed` also reports a non-string. */
export function stringCheck(schema: Schema, at: string, typed: boolean): SchemaCheck {
  const min = limit(schema, 'minLength', at, true);
  const max = limit(schema, 'maxLength', at, true);
  let pattern: RegExp | undefined;
  const source = schema.pattern;
  if (source !== undefined) {
    if (typeof source !== 'string') throw new SchemaCompileError('"pattern" must be a string', at + '/pattern', 'pattern');
    if (source.length > MAX_PATTERN_LENGTH) throw new SchemaCompileError(`"pattern" is longer than ${MAX_PATTERN_LENGTH} characters`, at + '/pattern', 'pattern');
    try {
      pattern = new RegExp(source, 'u');
    } catch (error) {
      throw new SchemaCompileError(`"pattern" is not a valid regular expression (${(error as Error).message})`, at + '/pattern', 'pattern');
    }
  }
  let format: ((s: string) => boolean) | undefined;
  const formatName = schema.format;
  if (formatName !== undefined) {
    format = typeof formatName === 'string' ? FORMATS[formatName] : undefined;
    if (!format) throw new SchemaCompileError(`unsupported format ${JSON.stringify(formatName)}`, at + '/format', 'format');
  }
  // What to enter, in words (x-expected, or the format's own wording): errors carry it for their message.
  const expected = expectedOf(schema);
  const said = expected ? { expected } : {};
  const typeParams = formatName !== undefined || expected ? { type: 'string', format: formatName, ...said } : { type: 'string' };
  const minParams = { limit: min };
  const maxParams = { limit: max };
  const patternParams = { pattern: source, ...said };
  const formatParams = { format: formatName, ...said };
  return (v, p, e, s) => {
    if (typeof v !== 'string') return typed ? fail(e, 'type', p, s, typeParams) : true;
    let ok = true;
    const n = v.length;
    if (max !== undefined && n > max && codePoints(v) > max) ok = fail(e, 'maxLength', p, s, maxParams);
    if (min !== undefined && (n < min || (n < 2 * min && codePoints(v) < min))) ok = fail(e, 'minLength', p, s, minParams);
    if (!ok && !e) return false;
    if (pattern !== undefined && !pattern.test(v)) ok = fail(e, 'pattern', p, s, patternParams);
    if (format !== undefined && (ok || e) && !format(v)) ok = fail(e, 'format', p, s, formatParams);
    return ok;
  };
}

export const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;

/** Numeric bounds in one closure; `typed` also checks the type (number or integer). */
export function numberCheck(schema: Schema, at: string, typed: 'number' | 'integer' | undefined): SchemaCheck {
  const min = limit(schema, 'minimum', at);
  const max = limit(schema, 'maximum', at);
  const xmin = limit(schema, 'exclusiveMinimum', at);
  const xmax = limit(schema, 'exclusiveMaximum', at);
  const multipleOf = limit(schema, 'multipleOf', at);
  if (multipleOf !== undefined && multipleOf <= 0) throw new SchemaCompileError('"multipleOf" must be greater than 0', at + '/multipleOf', 'multipleOf');
  const typeParams = { type: typed };
  const integer = typed === 'integer';
  return (v, p, e, s) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      return typed ? fail(e, 'type', p, s, typeParams) : true;
    }
    let ok = true;
    // Ajv's order, so messages come out as before.
    if (max !== undefined && v > max) ok = fail(e, 'maximum', p, s, { limit: max, comparison: '<=' });
    if (min !== undefined && v < min) ok = fail(e, 'minimum', p, s, { limit: min, comparison: '>=' });
    if (xmax !== undefined && v >= xmax) ok = fail(e, 'exclusiveMaximum', p, s, { limit: xmax, comparison: '<' });
    if (xmin !== undefined && v <= xmin) ok = fail(e, 'exclusiveMinimum', p, s, { limit: xmin, comparison: '>' });
    if (multipleOf !== undefined && !Number.isInteger(v / multipleOf)) ok = fail(e, 'multipleOf', p, s, { multipleOf, limit: multipleOf });
    return ok;
  };
}
