import type { ReportQuery } from '@baton/engine';
import { sql } from 'kysely';
import { conditionSql } from './condition-sql.js';
import { dimensionFilters, dimensionSql } from './dimension-sql.js';
import { measureAggregate, measureInput, type WorkHours } from './measure-sql.js';
import { ReportSqlContext, type RowScope } from './report-sql-context.js';
import { asText, type Sql } from './sql-values.js';
import { topNSql } from './top-n-sql.js';

/** Groups a report may return before the runtime stops reading (its own limit applies after). */
export const MAX_GROUPS = 50_000;

export interface AggregateSql {
  /** The grouped query: columns d<i> per dimension (the words dimension as `dw`), m<i> per SQL measure. */
  aggregate: Sql;
  /** Words mode: the distinct texts not segmented yet. */
  missingTexts?: Sql;
  /** Whether `aggregate` already orders and limits as the report asks. */
  sortedInSql: boolean;
}

/** The inner rows of a report: the dataset, filtered and scoped, with each dimension and measure input as a column. */
export interface InnerSql {
  ctx: ReportSqlContext;
  select: Sql;
  /** `from … where …` with the WITH clause prefix, built after every join is known. */
  render(columns: Sql): Sql;
}

export function innerRows(
  query: ReportQuery,
  collection: boolean,
  scope: RowScope,
  hours: WorkHours,
  extraWhere: (ctx: ReportSqlContext) => Sql[] = () => [],
): InnerSql & { measureInputs: ReturnType<typeof measureInput>[]; valueColumns: string[]; wordsText?: Sql } {
  const ctx = new ReportSqlContext(query.dataset, collection, query);
  const dims = dimensionSql(ctx, query.dimensions);
  const inputs = query.measures.map((m) => measureInput(ctx, m, hours));
  const words = query.dimensions.find((d) => d.kind === 'words');
  const wordsText = words && 'field' in words ? asText(ctx.field(words.field)) : undefined;
  const where: Sql[] = [...ctx.where];
  if (query.where) where.push(conditionSql(ctx, query.where));
  where.push(...dimensionFilters(ctx, query.dimensions));
  const scoped = ctx.scopeCondition(scope);
  if (scoped) where.push(scoped);
  where.push(...extraWhere(ctx));
  const columns: Sql[] = [];
  dims.forEach((d, i) => d && columns.push(sql`${d} as ${sql.raw(`d${i}`)}`));
  if (wordsText) columns.push(sql`${wordsText} as wt`);
  const valueColumns: string[] = [];
  const shared = new Map<string, string>();
  inputs.forEach((input, i) => {
    const reuse = input.valueKey === undefined ? undefined : shared.get(input.valueKey);
    valueColumns.push(reuse ?? `v${i}`);
    if (input.value && !reuse) {
      columns.push(sql`${input.value} as ${sql.raw(`v${i}`)}`);
      if (input.valueKey !== undefined) shared.set(input.valueKey, `v${i}`);
    }
    if (input.filter) columns.push(sql`${input.filter} as ${sql.raw(`f${i}`)}`);
  });
  if (columns.length === 0) columns.push(sql`1 as one`);
  const render = (cols: Sql) => {
    const whereSql = where.length > 0 ? sql` where ${sql.join(where, sql` and `)}` : sql``;
    return sql`${ctx.withClause()}select ${cols} from ${ctx.fromClause()}${whereSql}`;
  };
  return { ctx, select: sql.join(columns), render, measureInputs: inputs, valueColumns, ...(wordsText ? { wordsText } : {}) };
}

/**
 * The report's grouped query. Everything the database can aggregate is aggregated there; headcount,
 * ratios and word segmentation are finished by the runtime (see runReport).
 */
export function aggregateSql(query: ReportQuery, collection: boolean, scope: RowScope, hours: WorkHours): AggregateSql {
  const inner = innerRows(query, collection, scope, hours);
  const innerSql = inner.render(inner.select);
  const groupCols: Sql[] = [];
  const outCols: Sql[] = [];
  const words = inner.wordsText !== undefined;
  // Words: count rows per group and distinct text first (many people write the same reason), then spread
  // each text's counts over its words.
  const q = words ? 'g' : 'q';
  // The analysis refuses top N in a words report: words keep their own top.
  const tops = words ? undefined : topNSql(query, innerSql, inner);
  query.dimensions.forEach((d, i) => {
    if (d.kind === 'words') {
      outCols.push(sql`wd.word as dw`);
      groupCols.push(sql`wd.word`);
      return;
    }
    const top = tops?.columns.get(i);
    if (top) {
      outCols.push(sql`${top.value} as ${sql.raw(`d${i}`)}`, sql`${top.other} as ${sql.raw(`o${i}`)}`);
      groupCols.push(top.value, top.other);
      return;
    }
    outCols.push(sql.raw(`${q}.d${i} as d${i}`));
    groupCols.push(sql.raw(`${q}.d${i}`));
  });
  query.measures.forEach((m, i) => {
    if (words) return void outCols.push(sql`sum(g.${sql.raw(`c${i}`)}) as ${sql.raw(`m${i}`)}`);
    const agg = measureAggregate(m, i, inner.measureInputs[i] ?? {}, inner.valueColumns[i]);
    if (agg) outCols.push(sql`${agg} as ${sql.raw(`m${i}`)}`);
  });
  if (outCols.length === 0) outCols.push(sql`count(*) as n`);
  const group = groupCols.length > 0 ? sql` group by ${sql.join(groupCols)}` : sql``;
  let from = tops ? tops.from : sql`(${innerSql}) q`;
  if (words) {
    const dimCols = query.dimensions.flatMap((d, i) => (d.kind === 'words' ? [] : [sql.raw(`q.d${i}`)]));
    const counts = query.measures.map((m, i) => sql`${measureAggregate(m, i, inner.measureInputs[i] ?? {}) ?? sql`count(*)`} as ${sql.raw(`c${i}`)}`);
    const keys = [...dimCols, sql`md5(q.wt)`];
    from = sql`(select ${sql.join([...dimCols, sql`md5(q.wt) as h`, ...counts])} from (${innerSql}) q where q.wt is not null and q.wt <> '' group by ${sql.join(keys)}) g
      join report_text_words w on w.text_hash = g.h cross join lateral jsonb_array_elements_text(w.words) as wd(word)`;
  }

  // Order and limit in SQL when every sort key is computed there; otherwise the runtime sorts.
  const sqlKeys = new Map<string, string>();
  query.dimensions.forEach((d, i) => sqlKeys.set(d.key, d.kind === 'words' ? 'dw' : `d${i}`));
  query.measures.forEach((m, i) => m.op !== 'ratio' && m.op !== 'headcount' && sqlKeys.set(m.key, `m${i}`));
  const sortedInSql = !words && !query.headcount && query.sort.every((s) => sqlKeys.has(s.key));
  const order = sortedInSql && query.sort.length > 0
    ? sql` order by ${sql.join(query.sort.map((s) => sql.raw(`${sqlKeys.get(s.key)} ${s.direction === 'desc' ? 'desc' : 'asc'} nulls last`)))}`
    : sql``;
  const limit = sql` limit ${sql.lit(sortedInSql ? Math.min(query.limit, MAX_GROUPS) + 1 : MAX_GROUPS + 1)}`;
  const aggregate = sql`${tops?.prefix ?? sql``}select ${sql.join(outCols)} from ${from}${group}${order}${words ? sql`` : limit}`;
  if (!words) return { aggregate, sortedInSql };
  const missingTexts = sql`select distinct q.wt from (${innerSql}) q where q.wt is not null and q.wt <> '' and not exists (select 1 from report_text_words w where w.text_hash = md5(q.wt)) limit 200000`;
  return { aggregate, missingTexts, sortedInSql };
}
