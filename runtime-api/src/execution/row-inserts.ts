import { CompiledQuery, type Kysely } from 'kysely';
import { hot } from './prepared-statements.js';

/**
 * Hot multi-row INSERTs of every command (history, task rows) as SQL text built once per row count:
 * building and compiling them through Kysely's query builder was a measurable share of a command's CPU
 * (profile in the runtime-api README, "Performance"). The text is plain PostgreSQL, the same for pg and
 * PGlite; values are bound parameters as before.
 *
 * Keyed first by the column list itself: call sites pass module-level constant arrays, so identity is a free
 * key, and two column lists for one table (two callers) never share a text. A list built per call only
 * misses the cache (and is collected with its texts); it never gets another list's text.
 */
const textsByColumns = new WeakMap<readonly string[], Map<string, string>>();
/** Per column list: row counts × tails × offsets of its call sites. */
const MAX_TEXTS = 512;

/** `offset`: the first placeholder is `$(offset + 1)`, for an INSERT inside a larger statement (step-writes.ts). */
export function insertText(table: string, columns: readonly string[], rowCount: number, tail: string, offset = 0): string {
  let texts = textsByColumns.get(columns);
  if (texts === undefined) {
    texts = new Map();
    textsByColumns.set(columns, texts);
  }
  const key = `${table}\u0000${rowCount}\u0000${tail}\u0000${offset}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = offset;
    const rows: string[] = [];
    for (let r = 0; r < rowCount; r += 1) rows.push(`(${columns.map(() => `$${++n}`).join(', ')})`);
    // A named prepared statement on PostgreSQL (prepared-statements.ts): parsed and planned once per connection.
    text = hot(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${rows.join(', ')}${tail ? ' ' + tail : ''}`);
    if (texts.size < MAX_TEXTS) texts.set(key, text);
  }
  return text;
}

/**
 * Inserts rows whose keys are exactly `columns` (undefined is written as null) and returns what the tail's
 * RETURNING gives, parsed by the driver as Kysely would. `tail` must be a constant per call site: it keys
 * the text cache together with the columns array, the table and the row count.
 */
export async function insertRows<Row>(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  tail = '',
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const params = rowParams(columns, rows);
  const result = await db.executeQuery<Row>(CompiledQuery.raw(insertText(table, columns, rows.length, tail), params));
  return result.rows;
}

/** The bound values of `rows` in column order, as insertText numbers them (undefined → null). */
export function rowParams(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, into: unknown[] = []): unknown[] {
  for (const row of rows) for (const column of columns) into.push(row[column] ?? null);
  return into;
}
