import { segmentWords, wordFilter, type DimensionModel, type ReportQuery, type ReportRow } from '@baton/engine';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { innerRows } from './report-query-sql.js';
import type { Sql } from './sql-values.js';
import { reportDb } from './report-tables.js';

type WordsDimension = Extract<DimensionModel, { kind: 'words' }>;

/** Rows written in the last minutes are checked again: a slow transaction may commit an older updated_at. */
const WATERMARK_SLACK_MS = 5 * 60_000;

/** Segments texts (md5 → their words) that report_text_words does not hold yet. */
async function segment(db: Kysely<Database>, query: Sql): Promise<number> {
  const texts = (await query.execute(db)).rows as Array<{ wt: string }>;
  const rows = texts.map(({ wt }) => ({ text_hash: createHash('md5').update(wt, 'utf8').digest('hex'), words: JSON.stringify(segmentWords(wt)) }));
  const rdb = reportDb(db);
  for (let i = 0; i < rows.length; i += 1_000) {
    await rdb.insertInto('report_text_words').values(rows.slice(i, i + 1_000)).onConflict((oc) => oc.column('text_hash').doNothing()).execute();
  }
  return rows.length;
}

const missing = (inner: Sql) =>
  sql`select distinct q.wt from (${inner}) q where q.wt is not null and q.wt <> '' and not exists (select 1 from report_text_words w where w.text_hash = md5(q.wt))`;

/**
 * Makes sure every text the words dimension will read is segmented, incrementally: only rows changed since the
 * last check are read, whatever the report's filters, so the steady-state cost is one lookup. A form's records
 * carry a watermark on updated_at per form and field in report_meta; instances (of a form, or of one flow) one
 * on history instead (see instancesChangedSince). Other datasets check the report's own rows.
 */
export async function ensureWordsSegmented(db: Kysely<Database>, query: ReportQuery, collection: boolean, scopedMissing: Sql): Promise<void> {
  const dim = query.dimensions.find((d): d is WordsDimension => d.kind === 'words');
  if (!dim) return;
  const form = query.dataset.source === 'form' ? query.dataset.form : undefined;
  const flow = query.dataset.source === 'flow-instances' ? query.dataset.flow : undefined;
  if (!form && !flow) {
    await segment(db, scopedMissing);
    return;
  }
  // Every row of the form (or flow) changed since the watermark, not only the report's filtered rows.
  const all: ReportQuery = { ...query, dimensions: [dim], measures: [{ op: 'count', key: 'n', label: 'n' }], headcount: undefined, sort: [] };
  delete (all as { where?: unknown }).where;
  const changed = (condition: Sql | undefined) => {
    const inner = innerRows(all, collection, { kind: 'all' }, { start: 0, end: 0 }, () => (condition ? [condition] : []));
    return missing(inner.render(inner.select));
  };
  if (form && collection) await recordsChangedSince(db, `words:records:${form}:${query.dataset.rows ?? ''}:${dim.field.ref}`, form, changed);
  else await instancesChangedSince(db, form ? `words-h:instances:${form}:${query.dataset.rows ?? ''}:${dim.field.ref}` : `words-h:flow:${flow}:${dim.field.ref}`, changed);
}

type Changed = (condition: Sql | undefined) => Sql;

/** A form's records: "newest updated_at of form X" is an index lookup (records_form_updated_idx). */
async function recordsChangedSince(db: Kysely<Database>, key: string, form: string, changed: Changed): Promise<void> {
  const latest = await sql<{ at: Date | null }>`select max(updated_at) as at from records where form_key = ${form}`.execute(db);
  const at = latest.rows[0]?.at;
  if (!at) return;
  const rdb = reportDb(db);
  const stored = await rdb.selectFrom('report_meta').select('value').where('key', '=', key).executeTakeFirst();
  const since = stored ? new Date(stored.value) : undefined;
  // Nothing written since the last check (the watermark sits the slack before the newest row then seen).
  if (since && since.getTime() + WATERMARK_SLACK_MS >= at.getTime()) return;
  await segment(db, changed(since ? sql`rec.updated_at > ${since.toISOString()}::timestamptz` : undefined));
  await storeMark(db, key, new Date(at.getTime() - WATERMARK_SLACK_MS).toISOString());
}

/**
 * Instances: not by updated_at, which every command changes: an index on it would make every instance update
 * write all the row's index entries (never HOT, migration 0020). Every change of an instance's data appends to
 * history, whose ids only grow, so "anything new?" is history's newest id (a primary-key lookup) and the rows
 * changed since are the instances of the events after the stored id. The next check starts again at the last
 * event older than the slack (a slow transaction may commit a lower id after this check), as records do.
 */
async function instancesChangedSince(db: Kysely<Database>, key: string, changed: Changed): Promise<void> {
  const latest = await sql<{ id: string | null }>`select max(id)::text as id from history`.execute(db);
  const top = latest.rows[0]?.id;
  if (!top) return;
  const rdb = reportDb(db);
  const stored = await rdb.selectFrom('report_meta').select('value').where('key', '=', key).executeTakeFirst();
  const mark = stored ? parseMark(stored.value) : undefined;
  if (mark && mark.top === top) return;
  await segment(db, changed(mark ? sql`i.id in (select h.instance_id from history h where h.id > ${mark.from}::bigint)` : undefined));
  const settled = await sql<{ id: string | null }>`
    select h.id::text as id from history h where h.id <= ${top}::bigint and h.at < now() - ${`${WATERMARK_SLACK_MS / 1000} seconds`}::interval
    order by h.id desc limit 1`.execute(db);
  const from = settled.rows[0]?.id ?? mark?.from ?? '0';
  await storeMark(db, key, JSON.stringify({ from, top }));
}

function parseMark(value: string): { from: string; top: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    const { from, top } = (parsed ?? {}) as { from?: unknown; top?: unknown };
    return typeof from === 'string' && /^\d+$/.test(from) && typeof top === 'string' && /^\d+$/.test(top) ? { from, top } : undefined;
  } catch {
    return undefined;
  }
}

async function storeMark(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await reportDb(db)
    .insertInto('report_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Keeps the `top` most frequent words (by the first measure over all groups), stop words removed. */
export function topWords(rows: ReportRow[], dim: WordsDimension, measureKey: string | undefined): ReportRow[] {
  const keep = wordFilter({ stopWords: dim.stopWords, minLength: dim.minLength });
  const kept = rows.filter((r) => typeof r[dim.key] === 'string' && keep(r[dim.key] as string));
  const totals = new Map<string, number>();
  for (const r of kept) totals.set(r[dim.key] as string, (totals.get(r[dim.key] as string) ?? 0) + (measureKey ? Number(r[measureKey] ?? 0) : 1));
  const top = new Set([...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, dim.top).map(([w]) => w));
  return kept.filter((r) => top.has(r[dim.key] as string));
}
