import { toPointer } from '../shared/json-pointer.js';

export interface Change {
  kind: 'added' | 'removed' | 'changed';
  /** JSON Pointer in the newer definition (in the older one for removals). */
  path: string;
  /** "field reason", "node approve", … when the change is inside a keyed list item. */
  item?: string;
  before?: unknown;
  after?: unknown;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lists of objects that carry a `key` or an `id` (fields, nodes, edges, actions…) are matched by it, not by position. */
function identity(list: Json[]): 'key' | 'id' | null {
  if (list.length === 0) return null;
  for (const prop of ['key', 'id'] as const) {
    const ids = list.map((x) => (isObject(x) && typeof x[prop] === 'string' ? x[prop] : undefined));
    if (ids.every((x) => x !== undefined) && new Set(ids).size === ids.length) return prop;
  }
  return null;
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(before: Json, after: Json, path: Array<string | number>, item: string | undefined, out: Change[]): void {
  if (same(before, after)) return;
  const at = toPointer(path);
  const tag = item === undefined ? {} : { item };
  if (Array.isArray(before) && Array.isArray(after)) {
    const prop = identity(before) && identity(after) ? (identity(before) === identity(after) ? identity(before) : null) : null;
    if (prop) {
      const oldById = new Map(before.map((x) => [(x as Record<string, string>)[prop]!, x]));
      const newIds = new Set(after.map((x) => (x as Record<string, string>)[prop]!));
      after.forEach((x, i) => {
        const id = (x as Record<string, string>)[prop]!;
        const label = `${path[path.length - 1] ?? ''}:${id}`;
        const old = oldById.get(id);
        if (old === undefined) out.push({ kind: 'added', path: toPointer([...path, i]), item: label, after: x });
        else walk(old, x, [...path, i], label, out);
      });
      before.forEach((x, i) => {
        const id = (x as Record<string, string>)[prop]!;
        if (!newIds.has(id)) out.push({ kind: 'removed', path: toPointer([...path, i]), item: `${path[path.length - 1] ?? ''}:${id}`, before: x });
      });
      const order = (list: Json[]) => list.map((x) => (x as Record<string, string>)[prop]).filter((id) => oldById.has(id!) && newIds.has(id!));
      if (!same(order(before), order(after))) out.push({ kind: 'changed', path: at, ...tag, before: order(before), after: order(after) });
      return;
    }
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= before.length) out.push({ kind: 'added', path: toPointer([...path, i]), ...tag, after: after[i] });
      else if (i >= after.length) out.push({ kind: 'removed', path: toPointer([...path, i]), ...tag, before: before[i] });
      else walk(before[i], after[i], [...path, i], item, out);
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) {
      if (!(key in before)) out.push({ kind: 'added', path: toPointer([...path, key]), ...tag, after: after[key] });
      else walk(before[key], after[key], [...path, key], item, out);
    }
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ kind: 'removed', path: toPointer([...path, key]), ...tag, before: before[key] });
    }
    return;
  }
  out.push({ kind: 'changed', path: at, ...tag, before, after });
}

/**
 * What publishing would change: every added, removed and changed value between the published definition
 * and the draft, with JSON Pointers. Keyed lists (fields, nodes, edges) are compared item by item, so a
 * moved field is one reorder, not a change on every later row. `version` is ignored (it always differs).
 */
export function diffDefinitions(before: Json, after: Json): Change[] {
  const strip = (d: Json) => (isObject(d) ? Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'version')) : d);
  const out: Change[] = [];
  walk(strip(before), strip(after), [], undefined, out);
  return out;
}
