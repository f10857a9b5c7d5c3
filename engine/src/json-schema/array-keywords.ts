import { fail, jsonEqual, SchemaCompileError, type SchemaCheck } from './schema-error.js';

type Schema = Record<string, unknown>;
type Sub = (schema: unknown, at: string) => SchemaCheck;

export const ARRAY_KEYWORDS = ['items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains'] as const;

function count(schema: Schema, key: string, at: string): number | undefined {
  const n = schema[key];
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new SchemaCompileError(`"${key}" must be a non-negative integer`, `${at}/${key}`, key);
  return n;
}

function duplicateOf(items: readonly unknown[]): [number, number] | undefined {
  for (let i = 1; i < items.length; i++) {
    const a = items[i];
    for (let j = 0; j < i; j++) if (a === items[j] || ((typeof a === 'object' && a !== null) && jsonEqual(a, items[j]))) return [i, j];
  }
  return undefined;
}

/**
 * Every array keyword in one closure. `items` as an array (draft-07 tuples) is read as `prefixItems`
 * with `additionalItems` for the rest, so older config schemas keep working.
 */
export function arrayCheck(schema: Schema, at: string, sub: Sub, typed: boolean, draft07: boolean): SchemaCheck {
  let prefixSource = schema.prefixItems;
  let restSource = schema.items;
  let restKeyword = 'items';
  if (Array.isArray(schema.items) && (draft07 || schema.prefixItems === undefined)) {
    prefixSource = schema.items;
    restSource = schema.additionalItems;
    restKeyword = 'additionalItems';
  } else if (schema.additionalItems !== undefined && !draft07) {
    throw new SchemaCompileError('"additionalItems" needs "items" as an array (use "prefixItems" and "items")', at + '/additionalItems', 'additionalItems');
  }
  if (prefixSource !== undefined && !Array.isArray(prefixSource)) throw new SchemaCompileError('"prefixItems" must be an array', at + '/prefixItems', 'prefixItems');
  const prefixAt = prefixSource === schema.items ? '/items' : '/prefixItems';
  const prefix = ((prefixSource ?? []) as unknown[]).map((x, i) => sub(x, `${at}${prefixAt}/${i}`));
  const restFalse = restSource === false;
  const rest = restSource === undefined || restSource === true || restFalse ? undefined : sub(restSource, `${at}/${restKeyword}`);
  const minItems = count(schema, 'minItems', at);
  const maxItems = count(schema, 'maxItems', at);
  const unique = schema.uniqueItems === true;
  const contains = schema.contains === undefined ? undefined : sub(schema.contains, at + '/contains');
  const minContains = contains ? (count(schema, 'minContains', at) ?? 1) : undefined;
  const maxContains = contains ? count(schema, 'maxContains', at) : undefined;
  const typeParams = { type: 'array' };
  const restWhere = '/' + restKeyword;

  return (v, p, e, s) => {
    if (!Array.isArray(v)) return typed ? fail(e, 'type', p, s, typeParams) : true;
    let ok = true;
    const n = v.length;
    if (minItems !== undefined && n < minItems) ok = fail(e, 'minItems', p, s, { limit: minItems });
    if (maxItems !== undefined && n > maxItems) ok = fail(e, 'maxItems', p, s, { limit: maxItems });
    if (unique && n > 1) {
      const dup = duplicateOf(v);
      if (dup) ok = fail(e, 'uniqueItems', p, s, { i: dup[0], j: dup[1] });
    }
    if (!ok && !e) return false;
    for (let i = 0; i < prefix.length && i < n; i++) {
      if (!(prefix[i] as SchemaCheck)(v[i], e ? p + '/' + i : '', e, e ? s + prefixAt + '/' + i : '')) {
        if (!e) return false;
        ok = false;
      }
    }
    if (n > prefix.length) {
      if (restFalse) ok = fail(e, restKeyword, p, s, { limit: prefix.length });
      else if (rest !== undefined) {
        for (let i = prefix.length; i < n; i++) {
          // Explaining: only an item that fails the stop-at-first check gets its paths built.
          if (!rest(v[i], '', null, '')) {
            if (!e) return false;
            rest(v[i], p + '/' + i, e, s + restWhere);
            ok = false;
          }
        }
      }
    }
    if (contains !== undefined) {
      let found = 0;
      for (let i = 0; i < n; i++) if (contains(v[i], '', null, '')) found++;
      if (found < (minContains as number) || (maxContains !== undefined && found > maxContains)) {
        ok = fail(e, 'contains', p, s, { minContains, ...(maxContains !== undefined ? { maxContains } : {}) });
      }
    }
    return ok;
  };
}
