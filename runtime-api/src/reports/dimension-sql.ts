import type { DateBucket, DimensionModel, ReportField, TenureBandModel } from '@baton/engine';
import { sql } from 'kysely';
import { departmentOf } from './condition-sql.js';
import type { ReportSqlContext } from './report-sql-context.js';
import { asBoolean, asNumber, asText, param, type Sql } from './sql-values.js';

const TRUNC_UNITS = { month: "'month'", quarter: "'quarter'", year: "'year'" } as const;
const SPANS: Record<DateBucket, string> = { day: "'1 day'", week: "'7 days'", month: "'1 month'", quarter: "'3 months'", year: "'1 year'" };

/** The first day of the bucket a local date falls in. Units come from a fixed table, not from input. */
export function bucketStart(localDate: Sql, bucket: DateBucket, weekStart: 'monday' | 'sunday'): Sql {
  switch (bucket) {
    case 'day':
      return localDate;
    case 'week':
      return weekStart === 'monday'
        ? sql`(date_trunc('week', (${localDate})::timestamp)::date)`
        : sql`((date_trunc('week', ((${localDate}) + 1)::timestamp))::date - 1)`;
    default:
      return sql`(date_trunc(${sql.raw(TRUNC_UNITS[bucket])}, (${localDate})::timestamp)::date)`;
  }
}

/** The last day of a bucket starting at `start`. */
export function bucketEnd(start: Sql, bucket: DateBucket): Sql {
  return sql`((${start} + interval ${sql.raw(SPANS[bucket])})::date - 1)`;
}

/**
 * Whole months from one date to another (a tenure), or null when either is missing: the month difference,
 * minus one when the day of the month is not reached yet (as age() counts, without computing it twice).
 */
export function monthsBetween(from: Sql, to: Sql): Sql {
  return sql`((extract(year from ${to}) - extract(year from ${from})) * 12 + extract(month from ${to}) - extract(month from ${from})
    - case when extract(day from ${to}) < extract(day from ${from}) then 1 else 0 end)`;
}

/**
 * The key of the tenure band a number of months falls in: width_bucket counts the bounds at or below it,
 * so the months are computed once per row. Band keys and bounds are bound values.
 */
export function tenureBand(months: Sql, bands: readonly TenureBandModel[]): Sql {
  const bounds = bands.flatMap((b) => (b.below === undefined ? [] : [param(b.below, 'numeric')]));
  const keys = bands.map((b) => param(b.key, 'text'));
  // A last band with an upper bound leaves longer tenures in no band.
  if (bands[bands.length - 1]?.below !== undefined) keys.push(sql`null::text`);
  if (bounds.length === 0) return sql`(case when ${months} is null then null else ${keys[0] ?? sql`null::text`} end)`;
  return sql`((array[${sql.join(keys)}]::text[])[width_bucket((${months})::numeric, array[${sql.join(bounds)}]::numeric[]) + 1])`;
}

/** A dimension's value as the chart sees it: text (dates as YYYY-MM-DD), a number or true/false. */
export function fieldDimension(ctx: ReportSqlContext, field: ReportField): Sql {
  const value = ctx.field(field);
  switch (field.type) {
    case 'number': return field.type === 'number' && value.kind === 'json' ? ctx.numberOf(field) : asNumber(value);
    case 'boolean': return asBoolean(value);
    case 'date': return value.kind === 'json' ? asText(value) : sql`(${ctx.localDate(value)})::text`;
    default: return asText(value);
  }
}

/**
 * The SQL of each dimension (words excepted: the runtime segments text itself). The date dimension's
 * period end is shared with tenure bands that measure "to the end of the period".
 */
export function dimensionSql(ctx: ReportSqlContext, dimensions: readonly DimensionModel[]): Array<Sql | undefined> {
  const date = dimensions.find((d): d is Extract<DimensionModel, { kind: 'date' }> => d.kind === 'date');
  const periodStart = date ? bucketStart(date.timeZone === ctx.timeZone ? ctx.dateOf(date.field) : zoned(ctx, date.field, date.timeZone), date.bucket, date.weekStart) : undefined;
  const periodEnd = periodStart && date ? bucketEnd(periodStart, date.bucket) : param(ctx.today, 'date');
  return dimensions.map((d) => {
    switch (d.kind) {
      case 'field':
        return fieldDimension(ctx, d.field);
      case 'date': {
        const local = d.timeZone === ctx.timeZone ? ctx.dateOf(d.field) : zoned(ctx, d.field, d.timeZone);
        return sql`(${bucketStart(local, d.bucket, d.weekStart)})::text`;
      }
      case 'tenure': {
        const from = ctx.dateOf(d.from);
        // Beside a headcount, on the day headcount bands people (hired during the period: their first day).
        const to = d.at === 'period-start' && periodStart ? sql`greatest(${periodStart}, ${from})` : d.at === 'period-end' || !d.to ? periodEnd : ctx.dateOf(d.to);
        return tenureBand(monthsBetween(from, to), d.bands);
      }
      case 'department': {
        const id = departmentOf(ctx, d.field);
        if (d.level === undefined) return id;
        const alias = ctx.departmentJoin(id, d.field.ref);
        return sql`coalesce(${sql.raw(alias)}.path[${param(d.level, 'integer')}], ${sql.raw(alias)}.id, ${id})`;
      }
      case 'words':
        return undefined;
    }
  });
}

/** Rows whose department is outside a department dimension's root are left out. */
export function dimensionFilters(ctx: ReportSqlContext, dimensions: readonly DimensionModel[]): Sql[] {
  return dimensions.flatMap((d) => {
    if (d.kind !== 'department' || d.root === undefined) return [];
    const alias = ctx.departmentJoin(departmentOf(ctx, d.field), d.field.ref);
    return [sql`(${param(d.root, 'text')} = any(${sql.raw(alias)}.path))`];
  });
}

function zoned(ctx: ReportSqlContext, field: ReportField, timeZone: string): Sql {
  const value = ctx.field(field);
  if (value.kind === 'timestamptz') return sql`((${value.sql} at time zone ${param(timeZone, 'text')})::date)`;
  return ctx.localDate(value);
}
