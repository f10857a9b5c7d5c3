import {
  checkDimensionValues,
  finalizeReportRows,
  localize,
  OTHER_VALUE,
  type DateBucket,
  type DimensionModel,
  type HeadcountRow,
  type Locale,
  type ReportCell,
  type ReportQuery,
  type ReportRow,
} from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { reportColumns, type ReportColumn } from './report-columns.js';
import { drillSql } from './drill-sql.js';
import { projectDrillRows } from './drill-projection.js';
import { headcountSql, type Period } from './headcount-sql.js';
import { needsCalendar } from './measure-sql.js';
import { reportScope } from './report-access.js';
import { viewerFlowsOf, type LoadedReport, type ReportCatalog } from './report-catalog.js';
import { ensureReportCalendar, workHoursOf } from './report-calendar.js';
import { aggregateSql } from './report-query-sql.js';
import { periodEnd, periodsFromFilters } from './report-periods.js';
import { ensureReportIndexes } from './report-indexes.js';
import { ensureWordsSegmented, topWords } from './report-words.js';
import type { RowScope } from './report-sql-context.js';
import type { ExecutionServices } from '../execution/execution-services.js';

export interface RunReportInput {
  key: string;
  params?: unknown;
  filters?: unknown;
  principal: Principal;
  locale: Locale;
  now: Date;
  /** A draft compiled by the caller (POST /reports/preview): run instead of the published version, no DDL. */
  loaded?: LoadedReport;
}

export interface ReportResult {
  report: { key: string; version: number; title: string };
  columns: ReportColumn[];
  rows: ReportRow[];
  /** `matched`: groups with dataset rows, before headcount added its groups of zero counts (0 = no data, e.g. no leavers). */
  meta: { scope: 'all' | 'visible'; truncated: boolean; timeZone: string; now: string; rowCount: number; matched: number };
}

function toCell(value: unknown): ReportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** PostgreSQL numeric arrives as text: measures are numbers. */
function toNumber(value: unknown): ReportCell {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

async function prepare(db: Kysely<Database>, catalog: ReportCatalog, input: RunReportInput, purpose: 'aggregate' | 'rows') {
  const loaded = input.loaded ?? (await catalog.get(db, input.key));
  const scope = await reportScope(input.principal, loaded.definition, purpose, {
    collection: loaded.collection,
    ...(loaded.formBody ? { formBody: loaded.formBody } : {}),
    viewerFlows: () => viewerFlowsOf(db, input.principal.roles),
  });
  const query = loaded.compiled.bind({ params: input.params, filters: input.filters, now: input.now.toISOString(), locale: input.locale });
  if (needsCalendar(query.measures)) await ensureReportCalendar(db);
  return { loaded, scope, query };
}

/** The periods the rows show (when the filters do not bound the date dimension). */
function observedPeriods(query: ReportQuery, rows: ReportRow[]): Period[] {
  const date = query.dimensions.find((d): d is Extract<DimensionModel, { kind: 'date' }> => d.kind === 'date');
  if (!date) return [];
  const starts = [...new Set(rows.map((r) => r[date.key]).filter((v): v is string => typeof v === 'string'))].sort();
  return starts.map((start) => ({ start, end: periodEnd(start, date.bucket) }));
}

/**
 * Headcount per group and period. It reads only the directory, so it is cached per process by its exact
 * query and the directory version (bumped in the same transaction as every directory write): a dashboard
 * opened again recounts nothing until someone joins or leaves.
 */
async function headcountRows(db: Kysely<Database>, catalog: ReportCatalog, query: ReportQuery, periods: Period[], scope: RowScope): Promise<HeadcountRow[]> {
  const dateIndex = query.dimensions.findIndex((d) => d.kind === 'date');
  const date = query.dimensions[dateIndex] as Extract<DimensionModel, { kind: 'date' }> | undefined;
  if (!date || periods.length === 0) return [];
  const statement = headcountSql(query, periods, scope);
  const compiled = statement.compile(db);
  const version = await db.selectFrom('directory_version').select('version').where('id', '=', 1).executeTakeFirst();
  const cacheKey = JSON.stringify([compiled.sql, compiled.parameters, version?.version ?? null]);
  const hit = catalog.headcount.get(cacheKey);
  if (hit) return hit;
  const rows = await computeHeadcount(db, query, periods, statement, dateIndex, date);
  catalog.headcount.set(cacheKey, rows);
  return rows;
}

async function computeHeadcount(
  db: Kysely<Database>,
  query: ReportQuery,
  periods: Period[],
  statement: ReturnType<typeof headcountSql>,
  dateIndex: number,
  date: Extract<DimensionModel, { kind: 'date' }>,
): Promise<HeadcountRow[]> {
  const result = await statement.execute(db);
  // Per group: +n / −n at the ends of each run of periods; a running sum gives each period's headcount.
  const groups = new Map<string, { dimensions: ReportRow; start: number[]; end: number[]; during: number[] }>();
  const others = query.dimensions.map((d, i) => ({ d, i })).filter(({ i }) => i !== dateIndex);
  const mark = (deltas: number[], from: number, to: number, n: number) => {
    if (from > to) return;
    deltas[from] = (deltas[from] ?? 0) + n;
    deltas[to + 1] = (deltas[to + 1] ?? 0) - n;
  };
  for (const raw of result.rows as Array<Record<string, unknown>>) {
    const dimensions: ReportRow = {};
    for (const { d, i } of others) dimensions[d.key] = toCell(raw[`d${i}`]);
    const key = JSON.stringify(others.map(({ d }) => dimensions[d.key]));
    let group = groups.get(key);
    const zeros = () => new Array<number>(periods.length + 2).fill(0);
    if (!group) groups.set(key, (group = { dimensions, start: zeros(), end: zeros(), during: zeros() }));
    const n = Number(raw.n);
    mark(group.start, Number(raw.fs), Number(raw.ls), n);
    mark(group.end, Number(raw.fe), Number(raw.le), n);
    mark(group.during, Number(raw.fd), Number(raw.ls), n);
  }
  const out: HeadcountRow[] = [];
  for (const group of groups.values()) {
    let start = 0;
    let end = 0;
    let during = 0;
    periods.forEach((period, p) => {
      start += group.start[p + 1] ?? 0;
      end += group.end[p + 1] ?? 0;
      during += group.during[p + 1] ?? 0;
      if (start === 0 && end === 0 && during === 0) return;
      out.push({ dimensions: { ...group.dimensions, [date.key]: period.start }, start, end, during });
    });
  }
  return out;
}

/**
 * The report's queries run in one short transaction on one connection. On PostgreSQL it turns JIT off
 * (compiling a plan costs more than these queries save on it) and gives sorts (percentiles) room in memory.
 */
async function inSession<T>(db: Kysely<Database>, catalog: ReportCatalog, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (catalog.dialect === 'postgres') {
      await sql`set local jit = off`.execute(trx);
      await sql`set local work_mem = '64MB'`.execute(trx);
    }
    return work(trx);
  });
}

/** Runs a report for a viewer: the grouped query, then headcount, words, ratios, sort and limit. */
export async function runReport(db: Kysely<Database>, catalog: ReportCatalog, input: RunReportInput): Promise<ReportResult> {
  const { loaded, scope, query } = await prepare(db, catalog, input, 'aggregate');
  const hours = workHoursOf();
  const built = aggregateSql(query, loaded.collection, scope, hours);
  // A draft being previewed creates no indexes: DDL follows publishing, not typing.
  if (!input.loaded) await ensureReportIndexes(db, catalog, loaded, query);
  // When the filters bound the periods, headcount is counted on another connection while the rows are
  // (PostgreSQL); PGlite has one connection, so it waits its turn.
  const planned = query.headcount ? periodsFromFilters(query) : undefined;
  const early = planned && catalog.dialect === 'postgres' ? inSession(db, catalog, (trx) => headcountRows(trx, catalog, query, planned, scope)) : undefined;
  early?.catch(() => undefined);
  return inSession(db, catalog, async (trx) => {
    if (built.missingTexts) await ensureWordsSegmented(trx, query, loaded.collection, built.missingTexts);
    const result = await built.aggregate.execute(trx);
    let rows: ReportRow[] = (result.rows as Array<Record<string, unknown>>).map((raw) => {
      const row: ReportRow = {};
      query.dimensions.forEach((d, i) => {
        const value = d.kind === 'words' ? raw.dw : raw[`d${i}`];
        if (raw[`o${i}`] === true) row[d.key] = OTHER_VALUE;
        else row[d.key] = d.kind === 'field' && d.field.type === 'number' ? toNumber(value) : toCell(value);
      });
      query.measures.forEach((m, i) => {
        if (m.op === 'ratio' || m.op === 'headcount') return;
        const value = raw[`m${i}`];
        row[m.key] = (m.op === 'min' || m.op === 'max') && m.as !== 'number' ? toCell(value) : toNumber(value);
      });
      return row;
    });
    const words = query.dimensions.find((d): d is Extract<DimensionModel, { kind: 'words' }> => d.kind === 'words');
    if (words) rows = topWords(rows, words, query.measures[0]?.key);
    const headcount = !query.headcount ? undefined : early ? await early : await headcountRows(trx, catalog, query, planned ?? observedPeriods(query, rows), scope);
    const matched = rows.length;
    const finished = finalizeReportRows(query, rows, headcount);
    const columns = await reportColumns(trx, loaded, query, finished.rows, input.locale);
    return {
      report: { key: loaded.definition.key, version: loaded.definition.version, title: localize(loaded.definition.title as Parameters<typeof localize>[0], input.locale) },
      columns,
      rows: finished.rows,
      meta: { scope: scope.kind, truncated: finished.truncated, timeZone: query.timeZone, now: query.now, rowCount: finished.rows.length, matched },
    };
  });
}

export interface DrillInput extends RunReportInput {
  dimensionValues?: unknown;
  limit: number;
  offset: number;
}

export interface DrillResult {
  columns: Array<{ key: string; field: string; label: string }>;
  rows: Array<Record<string, ReportCell>>;
  meta: { scope: 'all' | 'visible'; limit: number; offset: number; hasMore: boolean };
}

/** The rows behind one cell, as the viewer may see them one by one (totals-only roles do not apply). */
export async function drillReport(db: Kysely<Database>, catalog: ReportCatalog, services: ExecutionServices, input: DrillInput): Promise<DrillResult> {
  const { loaded, scope, query } = await prepare(db, catalog, input, 'rows');
  const values = checkDimensionValues(query, input.dimensionValues, input.locale);
  // A drill into a word needs the texts segmented, even if no one has run the report yet.
  const words = query.dimensions.find((d) => d.kind === 'words');
  if (words && values.has(words.key)) {
    const missing = aggregateSql(query, loaded.collection, scope, workHoursOf()).missingTexts;
    if (missing) await ensureWordsSegmented(db, query, loaded.collection, missing);
  }
  const statement = drillSql(query, loaded.collection, scope, values, { limit: input.limit + 1, offset: input.offset });
  const result = await inSession(db, catalog, (trx) => statement.execute(trx));
  const raw = result.rows as Array<Record<string, unknown>>;
  const hasMore = raw.length > input.limit;
  let rows = raw.slice(0, input.limit).map((r) => {
    const row: Record<string, ReportCell> = { id: toCell(r.id), instanceId: toCell(r.instance_id) };
    query.drillColumns.forEach((f, i) => (row[f.ref] = f.type === 'number' ? toNumber(r[`c${i}`]) : toCell(r[`c${i}`])));
    return row;
  });
  if (scope.kind === 'visible') rows = await projectDrillRows(db, services, input.principal, query, rows);
  const columns = query.drillColumns.map((f) => ({ key: f.ref, field: f.ref, label: labelOfField(loaded, f.ref, input.locale) }));
  return { columns, rows, meta: { scope: scope.kind, limit: input.limit, offset: input.offset, hasMore } };
}

function labelOfField(loaded: LoadedReport, ref: string, locale: Locale): string {
  const [first] = ref.split('.');
  const fields = Array.isArray(loaded.formBody?.fields) ? (loaded.formBody.fields as Array<{ key?: unknown; label?: unknown }>) : [];
  const field = fields.find((f) => f.key === first);
  if (!field || field.label === undefined) return ref;
  const label = localize(field.label as never, locale);
  return ref === first ? label : `${label} · ${ref.slice(first!.length + 1)}`;
}
