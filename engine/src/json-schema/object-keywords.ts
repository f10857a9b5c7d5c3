import { quickOf, quickPasses, type QuickCheck } from './quick-checks.js';
import { esc, fail, isPlainObject, SchemaCompileError, type SchemaCheck, type SchemaError } from './schema-error.js';

type Schema = Record<string, unknown>;

// Module-local aliases: under a CommonJS transpile (tsx) every call to an imported binding goes through
// an export getter, which on this hot path cost more than the check itself.
const passes = quickPasses;
type Sub = (schema: unknown, at: string) => SchemaCheck;

export const OBJECT_KEYWORDS = [
  'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties', 'dependentRequired',
] as const;

function stringList(schema: Schema, key: string, at: string): string[] {
  const list = schema[key] ?? [];
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) throw new SchemaCompileError(`"${key}" must be an array of strings`, `${at}/${key}`, key);
  return list as string[];
}

function count(schema: Schema, key: string, at: string): number | undefined {
  const n = schema[key];
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new SchemaCompileError(`"${key}" must be a non-negative integer`, `${at}/${key}`, key);
  return n;
}

/**
 * Every object keyword in one closure: one pass over the value's own keys looks each up in a Map of
 * property checks (no per-property closure walk), so extra keys and property values cost one lookup.
 */
export function objectCheck(schema: Schema, at: string, sub: Sub, typed: boolean): SchemaCheck {
  const properties = schema.properties ?? {};
  if (!isPlainObject(properties)) throw new SchemaCompileError('"properties" must be an object', at + '/properties', 'properties');
  const props = new Map<string, SchemaCheck>();
  for (const [key, value] of Object.entries(properties)) props.set(key, sub(value, `${at}/properties/${esc(key)}`));
  const required = stringList(schema, 'required', at);
  const patterns: Array<[RegExp, SchemaCheck, string]> = [];
  if (schema.patternProperties !== undefined) {
    if (!isPlainObject(schema.patternProperties)) throw new SchemaCompileError('"patternProperties" must be an object', at + '/patternProperties', 'patternProperties');
    for (const [source, value] of Object.entries(schema.patternProperties)) {
      let re: RegExp;
      try {
        re = new RegExp(source, 'u');
      } catch {
        throw new SchemaCompileError(`invalid pattern ${JSON.stringify(source)}`, `${at}/patternProperties`, 'patternProperties');
      }
      patterns.push([re, sub(value, `${at}/patternProperties/${esc(source)}`), '/patternProperties/' + esc(source)]);
    }
  }
  const additional = schema.additionalProperties;
  const noAdditional = additional === false;
  const additionalCheck = additional === undefined || additional === true || noAdditional ? undefined : sub(additional, at + '/additionalProperties');
  const names = schema.propertyNames === undefined ? undefined : sub(schema.propertyNames, at + '/propertyNames');
  const minProps = count(schema, 'minProperties', at);
  const maxProps = count(schema, 'maxProperties', at);
  const dependent: Array<[string, string[]]> = [];
  if (schema.dependentRequired !== undefined) {
    if (!isPlainObject(schema.dependentRequired)) throw new SchemaCompileError('"dependentRequired" must be an object', at + '/dependentRequired', 'dependentRequired');
    for (const key of Object.keys(schema.dependentRequired)) dependent.push([key, stringList(schema.dependentRequired, key, at + '/dependentRequired')]);
  }
  const needCount = minProps !== undefined || maxProps !== undefined;
  const typeParams = { type: 'object' };

  const explain = (o: Record<string, unknown>, p: string, e: SchemaError[], s: string): boolean => {
    // Ajv's keyword order, so the issues come out in the same order as before.
    let ok = true;
    const keys = Object.keys(o);
    if (maxProps !== undefined && keys.length > maxProps) ok = fail(e, 'maxProperties', p, s, { limit: maxProps });
    if (minProps !== undefined && keys.length < minProps) ok = fail(e, 'minProperties', p, s, { limit: minProps });
    for (const key of required) if (o[key] === undefined) ok = fail(e, 'required', p, s, { missingProperty: key });
    for (const [key, deps] of dependent) {
      if (o[key] === undefined) continue;
      for (const dep of deps) if (o[dep] === undefined) ok = fail(e, 'dependentRequired', p, s, { property: key, missingProperty: dep, deps: deps.join(', ') });
    }
    if (names !== undefined) for (const key of keys) if (!names(key, p, null, '')) ok = fail(e, 'propertyNames', p, s, { propertyName: key });
    for (const key of keys) {
      if (props.has(key) || patterns.some(([re]) => re.test(key))) continue;
      if (noAdditional) ok = fail(e, 'additionalProperties', p, s, { additionalProperty: key });
      else if (additionalCheck !== undefined && !additionalCheck(o[key], p + '/' + esc(key), e, s + '/additionalProperties')) ok = false;
    }
    for (const [key, check] of props) {
      // A value that passes the stop-at-first check reports nothing: only a failing one gets its paths built
      // (building two strings for every cell of every row was most of the cost of explaining two errors).
      const value = o[key];
      if (value === undefined || check(value, '', null, '')) continue;
      check(value, p + '/' + esc(key), e, s + '/properties/' + esc(key));
      ok = false;
    }
    for (const [re, check, where] of patterns) {
      for (const key of keys) if (re.test(key) && !check(o[key], p + '/' + esc(key), e, s + where)) ok = false;
    }
    return ok;
  };

  // "simple": each key is checked by its `properties` entry or else by additionalProperties; the key
  // order cache below is only used then (patternProperties / propertyNames need every key looked at).
  const simple = patterns.length === 0 && names === undefined;
  let lastKeys: string[] = [];
  let lastChecks: Array<SchemaCheck | undefined> = [];
  let lastQuick: Array<QuickCheck | undefined> = [];
  const remember = (o: Record<string, unknown>): void => {
    const keys: string[] = [];
    const checks: Array<SchemaCheck | undefined> = [];
    const quick: Array<QuickCheck | undefined> = [];
    for (const key in o) {
      keys.push(key);
      checks.push(props.get(key));
      quick.push(quickOf(props.get(key)));
    }
    lastKeys = keys;
    lastChecks = checks;
    lastQuick = quick;
  };

  return (v, p, e, s) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return typed ? fail(e, 'type', p, s, typeParams) : true;
    const o = v as Record<string, unknown>;
    if (e) return explain(o, p, e, s);
    // Stop at the first failure: one pass over the value's keys. Values of one schema (rows of a table,
    // submissions of a form) mostly share their key order; the last order seen maps each key position
    // straight to its check (a hand-made inline cache: `===` on interned keys), and only a key out of
    // that order is looked up in the Map.
    for (let i = 0; i < required.length; i++) if (o[required[i] as string] === undefined) return false;
    const seenKeys = lastKeys;
    const seenChecks = lastChecks;
    const seenQuick = lastQuick;
    let same = true;
    let n = 0;
    for (const key in o) {
      const value = o[key];
      let check: SchemaCheck | undefined;
      if (same && seenKeys[n] === key) {
        check = seenChecks[n];
        const quick = seenQuick[n];
        if (quick !== undefined) {
          n++;
          if (value !== undefined && !passes(quick, value, check as SchemaCheck)) return false;
          continue;
        }
      } else {
        same = false;
        check = simple ? props.get(key) : undefined;
      }
      n++;
      if (check !== undefined) {
        if (value !== undefined && !check(value, '', null, '')) return false;
        continue;
      }
      if (!simple) {
        const own = props.get(key);
        if (own !== undefined && value !== undefined && !own(value, '', null, '')) return false;
        let matched = own !== undefined;
        for (let i = 0; i < patterns.length; i++) {
          const [re, patternCheck] = patterns[i] as [RegExp, SchemaCheck, string];
          if (!re.test(key)) continue;
          matched = true;
          if (!patternCheck(value, '', null, '')) return false;
        }
        if (names !== undefined && !names(key, '', null, '')) return false;
        if (matched) continue;
      }
      if (noAdditional) return false;
      if (additionalCheck !== undefined && !additionalCheck(value, '', null, '')) return false;
    }
    if (simple && (!same || n !== seenKeys.length)) remember(o);
    if (needCount && ((minProps !== undefined && n < minProps) || (maxProps !== undefined && n > maxProps))) return false;
    for (const [key, deps] of dependent) {
      if (o[key] === undefined) continue;
      for (const dep of deps) if (o[dep] === undefined) return false;
    }
    return true;
  };
}

