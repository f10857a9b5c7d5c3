import type { ReportQuery, TenureBandModel } from '@baton/engine';
import { sql } from 'kysely';
import { conditionSql } from './condition-sql.js';
import { fieldDimension, monthsBetween } from './dimension-sql.js';
import { ReportSqlContext, type RowScope } from './report-sql-context.js';
import { param, type Sql } from './sql-values.js';

export interface Period {
  /** First day, as the report's date dimension shows it (YYYY-MM-DD). */
  start: string;
  /** Last day. */
  end: string;
}

/**
 * Headcount per group on the first and last day of each period, in time linear in the number of people
 * (not people × periods): each person is employed over a contiguous run of periods, found with
 * width_bucket (a binary search over the sorted period days); the query counts people per group and run,
 * and the runtime adds +n / −n at each run's ends and sums period by period.
 *
 * Employed on day D: hired on or before D (or no hire date) and no leave date or one on or after D (the
 * leave date is the last working day). A tenure band splits a person into one slice per band
 * (hire + lower bound … hire + upper bound), so the band is the one they are in on that day.
 *
 * Rows: (d<i> per non-period dimension, fs/ls and fe/le = the first and last period (numbered from 1)
 * the people are counted in on its first / last day, fd…ls = the periods they are counted in "during"
 * (on the first day or hired in it), n = how many people share them).
 */
export function headcountSql(query: ReportQuery, periods: readonly Period[], scope: RowScope): Sql {
  const dims = query.headcount ?? [];
  const first = periods[0] as Period;
  const last = periods[periods.length - 1] as Period;
  const ctx = new ReportSqlContext({ source: 'directory' }, false, query);
  const columns: Sql[] = [];
  const names: string[] = [];
  const where: Sql[] = [];
  let tenure: { name: string; bands: TenureBandModel[] } | undefined;
  dims.forEach((d, i) => {
    const name = `d${i}`;
    switch (d.kind) {
      case 'period':
        return;
      case 'field':
        columns.push(sql`${fieldDimension(ctx, d.field)} as ${sql.raw(name)}`);
        break;
      case 'tenure':
        tenure = { name, bands: d.bands };
        break;
      case 'department': {
        const id = sql.raw('u.department_id');
        if (d.level === undefined && d.root === undefined) {
          columns.push(sql`${id} as ${sql.raw(name)}`);
          break;
        }
        const alias = sql.raw(ctx.departmentJoin(id, 'u.department_id'));
        columns.push(d.level === undefined ? sql`${id} as ${sql.raw(name)}` : sql`coalesce(${alias}.path[${param(d.level, 'integer')}], ${alias}.id, ${id}) as ${sql.raw(name)}`);
        if (d.root !== undefined) where.push(sql`(${param(d.root, 'text')} = any(${alias}.path))`);
        break;
      }
    }
    names.push(name);
  });
  for (const m of query.measures) if (m.op === 'headcount' && m.directoryWhere) where.push(conditionSql(ctx, m.directoryWhere));
  const scoped = ctx.scopeCondition(scope);
  if (scoped) where.push(scoped);
  // Only people employed at some point of the whole range.
  where.push(sql`(u.hire_date is null or u.hire_date <= ${param(last.end, 'date')})`);
  where.push(sql`(u.leave_date is null or u.leave_date >= ${param(first.start, 'date')})`);
  // Stage 1: people grouped by what they are counted by and their hire / leave dates (everyone hired
  // on one day into one team collapses into one row).
  const plain = names.filter((n) => n !== tenure?.name);
  const plainCols = plain.map((n) => sql.raw(`a.${n}`));
  const grouped = sql`select ${sql.join([...columns, sql`u.hire_date as h`, sql`u.leave_date as l`, sql`count(*) as n`])}
    from ${ctx.fromClause()} where ${sql.join(where, sql` and `)}
    group by ${sql.join([...columns.map((_, i) => sql.raw(String(i + 1))), sql.raw(String(columns.length + 1)), sql.raw(String(columns.length + 2))])}`;
  // Stage 2: with a tenure dimension, one slice per band passed through during the range,
  // [hire + lower, min(leave, hire + upper − 1 day)]; width_bucket on the tenure at the range's first and
  // last day picks those bands (usually one).
  let people: Sql;
  if (tenure) {
    const bandsOf = tenure.bands;
    const bounds = bandsOf.flatMap((band) => (band.below === undefined ? [] : [band.below]));
    const keys = [...bandsOf.map((band) => param(band.key, 'text')), ...(bandsOf[bandsOf.length - 1]?.below !== undefined ? [sql`null::text`] : [])];
    const lowers = [0, ...bounds].map((v) => param(v, 'numeric'));
    const uppers = [...bounds.map((v) => param(v, 'numeric')), sql`null::numeric`];
    const boundsSql = bounds.length > 0 ? sql`array[${sql.join(bounds.map((v) => param(v, 'numeric')))}]::numeric[]` : sql`array[]::numeric[]`;
    const bucket = (day: string) => sql`width_bucket((${monthsBetween(sql`a.h`, param(day, 'date'))})::numeric, ${boundsSql})`;
    people = sql`select ${sql.join([...plainCols, sql`case when a.h is null then null else bd.key end as ${sql.raw(tenure.name)}`,
      sql`case when a.h is null then null else (a.h + bd.lower * interval '1 month')::date end as hire`,
      sql`case when a.h is null or bd.upper is null then a.l else least(coalesce(a.l, 'infinity'::date), (a.h + bd.upper * interval '1 month')::date - 1) end as leave`,
      sql`a.h is not null and bd.lower = 0 as joins`, sql`a.n`])}
      from (${grouped}) a
      cross join lateral (select ${bucket(first.start)} as lo, ${bucket(last.end)} as hi) as bb
      cross join lateral generate_series(coalesce(bb.lo, 0), coalesce(bb.hi, 0)) as band(i)
      cross join lateral (select (array[${sql.join(keys)}]::text[])[band.i + 1] as key, (array[${sql.join(lowers)}]::numeric[])[band.i + 1] as lower,
        (array[${sql.join(uppers)}]::numeric[])[band.i + 1] as upper) as bd
      offset 0`;
  } else {
    people = sql`select ${sql.join([...plainCols, sql`a.h as hire`, sql`a.l as leave`, sql`a.h is not null as joins`, sql`a.n`])} from (${grouped}) a`;
  }
  const keys = names.length > 0 ? sql`${sql.join(names.map((n) => sql.raw(`p.${n}`)))}, ` : sql``;
  // Constant arrays (bound values folded at planning), searched with width_bucket per row.
  const starts = sql`array[${sql.join(periods.map((p) => param(p.start, 'date')))}]::date[]`;
  const ends = sql`array[${sql.join(periods.map((p) => param(p.end, 'date')))}]::date[]`;
  const n = param(periods.length, 'integer');
  const runs = (days: Sql) => sql`
    case when p.hire is null then 1 else width_bucket(p.hire - 1, ${days}) + 1 end,
    case when p.leave is null then ${n} else width_bucket(p.leave, ${days}) end`;
  // "During" a period (employed on its first day or hired during it) adds, for a row that starts at the
  // person's hire, the period the hire falls in (the first one ending on or after it, if it starts before).
  const hirePeriod = sql`width_bucket(p.hire - 1, ${ends}) + 1`;
  const during = sql`case when p.joins and (${starts})[${hirePeriod}] <= p.hire then ${hirePeriod} else b.fs end`;
  // Stage 3: the runs of periods each row is counted in, summed per group and run (fd…ls: during).
  const body = sql`
    select ${keys}b.fs, b.ls, b.fe, b.le, j.fd, sum(p.n) as n
    from (${people}) p
    cross join lateral (select ${runs(starts)}, ${runs(ends)}) as b(fs, ls, fe, le)
    cross join lateral (select ${during}) as j(fd)
    where (p.hire is null or p.hire <= ${param(last.end, 'date')}) and (p.leave is null or p.leave >= ${param(first.start, 'date')})
    group by ${keys}b.fs, b.ls, b.fe, b.le, j.fd`;
  const head = ctx.withClause();
  return sql`${head}${body}`;
}
