/**
 * Field paths of form data as the engine names them: "bankAccount" for a top-level field,
 * "accounts.password" for a column of a sub-table (every row). Secret and attachment fields live there.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 escaping of one pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** What a visit sees: the value, its field path ("accounts.password") and its JSON Pointer in the data. */
export interface PathValue {
  value: unknown;
  path: string;
  pointer: string;
}

/**
 * Returns a copy of `data` where every value present at one of `paths` is replaced by `fn`'s answer;
 * containers on the way are copied only when something under them changed.
 */
export function mapAtPaths(data: Record<string, unknown>, paths: readonly string[], fn: (at: PathValue) => unknown): Record<string, unknown> {
  let out = data;
  const write = (key: string, value: unknown) => {
    if (out[key] === value) return;
    if (out === data) out = { ...data };
    out[key] = value;
  };
  for (const path of paths) {
    const dot = path.indexOf('.');
    if (dot < 0) {
      if (Object.hasOwn(out, path)) write(path, fn({ value: out[path], path, pointer: `/${escapePointer(path)}` }));
      continue;
    }
    const table = path.slice(0, dot);
    const column = path.slice(dot + 1);
    const rows = out[table];
    if (!Array.isArray(rows)) continue;
    let changed: unknown[] | undefined;
    rows.forEach((row: unknown, i) => {
      if (!isRecord(row) || !Object.hasOwn(row, column)) return;
      const next = fn({ value: row[column], path, pointer: `/${escapePointer(table)}/${i}/${escapePointer(column)}` });
      if (next === row[column]) return;
      changed ??= [...rows];
      changed[i] = { ...row, [column]: next };
    });
    if (changed) write(table, changed);
  }
  return out;
}

/** Every value present at `paths`, in order. */
export function valuesAtPaths(data: Record<string, unknown>, paths: readonly string[]): PathValue[] {
  const found: PathValue[] = [];
  mapAtPaths(data, paths, (at) => {
    found.push(at);
    return at.value;
  });
  return found;
}

/**
 * A JSON Pointer into the data ("/bankAccount", "/accounts/2/password") → the field path and where the
 * value sits; undefined when it is not of that shape.
 */
export function parseDataPointer(pointer: string): { path: string; key: string; row?: number; column?: string } | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const parts = pointer.slice(1).split('/').map(unescapePointer);
  if (parts.length === 1 && parts[0]) return { path: parts[0], key: parts[0] };
  if (parts.length === 3 && parts[0] && parts[2] && /^(0|[1-9]\d{0,5})$/.test(parts[1] ?? '')) {
    return { path: `${parts[0]}.${parts[2]}`, key: parts[0], row: Number(parts[1]), column: parts[2] };
  }
  return undefined;
}

/** The value a parsed pointer names, or undefined. */
export function valueAtPointer(data: Record<string, unknown>, at: NonNullable<ReturnType<typeof parseDataPointer>>): unknown {
  const top = data[at.key];
  if (at.row === undefined || at.column === undefined) return top;
  const row: unknown = Array.isArray(top) ? top[at.row] : undefined;
  return isRecord(row) ? row[at.column] : undefined;
}
