import { CompiledQuery, type Kysely } from 'kysely';

/**
 * Hot multi-row INSERTs of every command (history, task rows) as SQL text built once per row count:
 * building and compiling them through Kysely's query builder was a measurable share of a command's CPU
 * (profile in the runtime-api README, "Performance"). The text is plain PostgreSQL, the same for pg and
 * PGlite; values are bound parameters as before.
 */
const texts = new Map<string, string>();
const MAX_TEXTS = 512;

export function insertText(table: string, columns: readonly string[], rowCount: number, tail: string): string {
  const key = `${table}\u0000${rowCount}\u0000${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
    const rows: string[] = [];
    for (let r = 0; r < rowCount; r += 1) rows.push(`(${columns.map(() => `$${++n}`).join(', ')})`);
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${rows.join(', ')}${tail ? ' ' + tail : ''}`;
    if (texts.size < MAX_TEXTS) texts.set(key, text);
  }
  return text;
}

/**
 * Inserts rows whose keys are exactly `columns` (undefined is written as null) and returns what the tail's
 * RETURNING gives, parsed by the driver as Kysely would. `tail` must be a constant per call site: it keys
 * the text cache together with the table and the row count.
 */
export async function insertRows<Row>(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  tail = '',
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const params: unknown[] = [];
  for (const row of rows) for (const column of columns) params.push(row[column] ?? null);
  const result = await db.executeQuery<Row>(CompiledQuery.raw(insertText(table, columns, rows.length, tail), params));
  return result.rows;
}
