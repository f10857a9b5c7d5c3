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
 * Makes sure every text the words dimension will read is segmented, incrementally. For a form's records or
 * instances, or the instances of one flow (they carry updated_at), only rows changed since the last check
 * are read, whatever the report's filters: a watermark per form (or flow) and field in report_meta, so the
 * steady-state cost is one lookup. Other datasets check the report's own rows.
 */
export async function ensureWordsSegmented(db: Kysely<Database>, query: ReportQuery, collection: boolean, scopedMissing: Sql): Promise<void> {
  const dim = query.dimensions.find((d): d is WordsDimension => d.kind === 'words');
  if (!dim) return;
  const form = query.dataset.source === 'form' ? query.dataset.form : undefined;
  // Instances of one flow carry updated_at too: the same watermark, per flow.
  const flow = query.dataset.source === 'flow-instances' ? query.dataset.flow : undefined;
  if (!form && !flow) {
    await segment(db, scopedMissing);
    return;
  }
  const table = form && collection ? 'records' : 'instances';
  const key = form ? `words:${table}:${form}:${query.dataset.rows ?? ''}:${dim.field.ref}` : `words:flow:${flow}:${dim.field.ref}`;
  const rdb = reportDb(db);
  const latest = form
    ? await sql<{ at: Date | null }>`select max(updated_at) as at from ${sql.id(table)} where form_key = ${form}`.execute(db)
    : await sql<{ at: Date | null }>`select max(updated_at) as at from instances where flow_key = ${flow}`.execute(db);
  const at = latest.rows[0]?.at;
  if (!at) return;
  const stored = await rdb.selectFrom('report_meta').select('value').where('key', '=', key).executeTakeFirst();
  const since = stored ? new Date(stored.value) : undefined;
  // Nothing written since the last check (the watermark sits the slack before the newest row then seen).
  if (since && since.getTime() + WATERMARK_SLACK_MS >= at.getTime()) return;
  // Every row of the form changed since the watermark, not only the report's filtered rows.
  const all: ReportQuery = { ...query, dimensions: [dim], measures: [{ op: 'count', key: 'n', label: 'n' }], headcount: undefined, sort: [] };
  delete (all as { where?: unknown }).where;
  const column = table === 'records' ? 'rec.updated_at' : 'i.updated_at';
  const inner = innerRows(all, collection, { kind: 'all' }, { start: 0, end: 0 }, () => (since ? [sql`${sql.raw(column)} > ${since.toISOString()}::timestamptz`] : []));
  await segment(db, missing(inner.render(inner.select)));
  const mark = new Date(at.getTime() - WATERMARK_SLACK_MS).toISOString();
  await rdb
    .insertInto('report_meta')
    .values({ key, value: mark })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: mark }))
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
