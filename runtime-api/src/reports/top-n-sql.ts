import { topNDimensions, type ReportQuery } from '@baton/engine';
import { sql } from 'kysely';
import { measureAggregate, type MeasureInput } from './measure-sql.js';
import type { Sql } from './sql-values.js';

/** The inner rows' measure inputs, as innerRows returns them. */
interface InnerInputs {
  measureInputs: MeasureInput[];
  valueColumns: string[];
}

/** How the grouped query reads top-N dimensions: the inner rows as a CTE, one ranked CTE per such dimension. */
export interface TopNSql {
  /** `with q0 as (inner rows), t<i> as (the top n values of d<i>) ` */
  prefix: Sql;
  /** `q0 q left join t<i> …`: every inner row, marked when its value is among the top n. */
  from: Sql;
  /** Per dimension index: the output and group expressions (the value, or null for Other, plus the Other flag). */
  columns: Map<number, { value: Sql; other: Sql }>;
}

/**
 * Top n values per top-N dimension, ranked by their measure over every inner row (all other dimensions
 * together, so a series keeps its place across months); ties by value. Rows outside the top n group
 * together with the flag o<i>, which the runtime turns into OTHER_VALUE. Every measure is aggregated
 * again from the rows (never summed from groups), so averages and distinct counts of Other are right too.
 */
export function topNSql(query: ReportQuery, innerSql: Sql, inner: InnerInputs): TopNSql | undefined {
  const dims = topNDimensions(query.dimensions);
  if (dims.length === 0) return undefined;
  const ctes: Sql[] = [sql`q0 as (${innerSql})`];
  const joins: Sql[] = [];
  const columns = new Map<number, { value: Sql; other: Sql }>();
  for (const d of dims) {
    const i = query.dimensions.indexOf(d);
    const m = query.measures.findIndex((x) => x.key === d.topN.by);
    const measure = query.measures[m];
    const rank = measure ? measureAggregate(measure, m, inner.measureInputs[m] ?? {}, inner.valueColumns[m]) : undefined;
    const col = sql.raw(`q.d${i}`);
    const t = sql.raw(`t${i}`);
    ctes.push(sql`${t} as (select ${col} as v, true as hit from q0 q group by ${col} order by ${rank ?? sql`count(*)`} desc nulls last, ${col} asc nulls last limit ${sql.lit(d.topN.n)})`);
    joins.push(sql` left join ${t} on ${t}.v is not distinct from ${col}`);
    columns.set(i, { value: sql`(case when ${t}.hit then ${col} end)`, other: sql`(${t}.hit is null)` });
  }
  return { prefix: sql`with ${sql.join(ctes)} `, from: sql`q0 q${sql.join(joins, sql``)}`, columns };
}
