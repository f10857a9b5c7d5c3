import type { ReportQuery, Scalar } from '@baton/engine';
import { sql } from 'kysely';
import { conditionSql } from './condition-sql.js';
import { dimensionFilters, dimensionSql, fieldDimension } from './dimension-sql.js';
import { ReportSqlContext, type RowScope } from './report-sql-context.js';
import { asText, param, type Sql } from './sql-values.js';

export interface DrillPage {
  limit: number;
  offset: number;
}

function equals(expr: Sql, value: Scalar | null): Sql {
  if (value === null) return sql`((${expr}) is null)`;
  if (typeof value === 'number') return sql`((${expr})::numeric = ${param(value, 'numeric')})`;
  return sql`((${expr})::text = ${param(String(value), 'text')})`;
}

/**
 * The rows behind one cell: the report's dataset, filters and scope, plus "this dimension has this
 * value" for each given dimension (the same SQL that grouped them, so a drill always finds the cell's
 * rows). Columns: id, instance_id, c<i> per drill column; newest first.
 */
export function drillSql(query: ReportQuery, collection: boolean, scope: RowScope, values: Map<string, Scalar | null>, page: DrillPage): Sql {
  const ctx = new ReportSqlContext(query.dataset, collection, query);
  const dims = dimensionSql(ctx, query.dimensions);
  const where: Sql[] = [...ctx.where];
  if (query.where) where.push(conditionSql(ctx, query.where));
  where.push(...dimensionFilters(ctx, query.dimensions));
  query.dimensions.forEach((d, i) => {
    if (!values.has(d.key)) return;
    const value = values.get(d.key) ?? null;
    if (d.kind === 'words') {
      const text = asText(ctx.field(d.field));
      where.push(value === null
        ? sql`false`
        : sql`exists (select 1 from report_text_words w where w.text_hash = md5(${text}) and w.words @> jsonb_build_array(${param(String(value), 'text')}))`);
      return;
    }
    where.push(equals(dims[i] as Sql, value));
  });
  const scoped = ctx.scopeCondition(scope);
  if (scoped) where.push(scoped);
  const instanceId = ctx.instanceId() ?? sql`null::text`;
  const columns: Sql[] = [sql`${ctx.rowId()} as id`, sql`${instanceId} as instance_id`];
  query.drillColumns.forEach((f, i) => {
    const value = f.type === 'datetime' ? asText({ kind: 'timestamptz', sql: ctx.instant(ctx.field(f)) }) : fieldDimension(ctx, f);
    columns.push(sql`${value} as ${sql.raw(`c${i}`)}`);
  });
  const rowTime = ctx.rowTime();
  const rowId = ctx.rowId();
  const whereSql = where.length > 0 ? sql` where ${sql.join(where, sql` and `)}` : sql``;
  return sql`${ctx.withClause()}select ${sql.join(columns)} from ${ctx.fromClause()}${whereSql} order by ${rowTime} desc nulls last, ${rowId} limit ${sql.lit(page.limit)} offset ${sql.lit(page.offset)}`;
}
