import type { DurationUnit, MeasureModel, ReportInstant } from '@baton/engine';
import { sql } from 'kysely';
import { conditionSql } from './condition-sql.js';
import type { ReportSqlContext } from './report-sql-context.js';
import { asInstant, asNumber, asText, param, type Sql } from './sql-values.js';

/** Working hours of the calendar the business units use, in minutes after midnight. */
export interface WorkHours {
  start: number;
  end: number;
}

const INSTANCE_END_EVENTS: Record<string, string> = { 'flow.completed': 'completed', 'flow.rejected': 'rejected', 'flow.cancelled': 'cancelled' };

/** When an instant happened for the row's instance: a field, the instance row itself, or its history. */
export function instantSql(ctx: ReportSqlContext, instant: ReportInstant): Sql {
  if (instant.kind === 'field') return instant.field.type === 'date' ? ctx.instant(ctx.field(instant.field)) : ctx.instantOf(instant.field);
  if (ctx.baseIsInstance() && instant.node === undefined) {
    // The instance row already knows when it started and how it ended: no history lookup needed.
    if (instant.event === 'flow.started') return sql`i.created_at`;
    const status = INSTANCE_END_EVENTS[instant.event];
    if (status) return sql`(case when i.status = ${param(status, 'text')} then i.completed_at end)`;
  }
  const alias = ctx.eventJoin(instant.event, instant.node, instant.occurrence);
  return sql.raw(`${alias}.at`);
}

function minutesOfDay(local: Sql): Sql {
  return sql`(extract(hour from ${local}) * 60 + extract(minute from ${local}) + extract(second from ${local}) / 60)`;
}

/**
 * Working minutes between two instants: the partial first and last days clamped to working hours, plus
 * whole working days between them from the calendar's running workday count. Null outside the calendar.
 */
function businessMinutes(ctx: ReportSqlContext, from: Sql, to: Sql, key: string, hours: WorkHours): Sql {
  const a = ctx.calendarJoin(from, `${key}:from`);
  const b = ctx.calendarJoin(to, `${key}:to`);
  const tz = () => param(ctx.timeZone, 'text');
  const ws = () => param(hours.start, 'numeric');
  const we = () => param(hours.end, 'numeric');
  const la = sql`(${from} at time zone ${tz()})`;
  const lb = sql`(${to} at time zone ${tz()})`;
  const ca = sql`least(greatest(${minutesOfDay(la)}, ${ws()}), ${we()})`;
  const cb = sql`least(greatest(${minutesOfDay(lb)}, ${ws()}), ${we()})`;
  const A = sql.raw(a);
  const B = sql.raw(b);
  return sql`(case
    when ${from} is null or ${to} is null or ${to} < ${from} or ${A}.day is null or ${B}.day is null then null
    when ${A}.day = ${B}.day then case when ${A}.workday then greatest(${cb} - ${ca}, 0) else 0 end
    else (case when ${A}.workday then ${we()} - ${ca} else 0 end) + (case when ${B}.workday then ${cb} - ${ws()} else 0 end)
      + (${we()} - ${ws()}) * (${B}.workday_ordinal - ${A}.workday_ordinal - case when ${B}.workday then 1 else 0 end)
  end)`;
}

export function durationSql(ctx: ReportSqlContext, m: Extract<MeasureModel, { op: 'duration' }>, hours: WorkHours): Sql {
  const from = instantSql(ctx, m.from);
  const to = instantSql(ctx, m.to);
  const seconds: Partial<Record<DurationUnit, number>> = { minutes: 60, hours: 3600, days: 86_400 };
  const per = seconds[m.unit];
  if (per !== undefined) return sql`(extract(epoch from (${to} - ${from})) / ${param(per, 'numeric')})`;
  // Measures over the same two instants share the calendar lookups.
  const minutes = businessMinutes(ctx, from, to, JSON.stringify([m.from, m.to]), hours);
  const divisor = m.unit === 'business-hours' ? 60 : hours.end - hours.start;
  return sql`(${minutes} / ${param(divisor, 'numeric')})`;
}

/** True when any measure needs the work calendar table filled. */
export function needsCalendar(measures: readonly MeasureModel[]): boolean {
  return measures.some((m) => m.op === 'duration' && (m.unit === 'business-days' || m.unit === 'business-hours'));
}

/** The per-row inputs of a measure: its value (if any) and whether the row counts for it. */
export interface MeasureInput {
  value?: Sql;
  filter?: Sql;
  /** Measures with the same key read the same value column (p50 and p90 of one duration). */
  valueKey?: string;
}

export function measureInput(ctx: ReportSqlContext, m: MeasureModel, hours: WorkHours): MeasureInput {
  const filter = 'where' in m && m.where ? sql`coalesce(${conditionSql(ctx, m.where)}, false)` : undefined;
  const out: MeasureInput = filter ? { filter } : {};
  switch (m.op) {
    case 'distinct-count':
      return { ...out, value: asText(ctx.field(m.field)) };
    case 'sum':
    case 'avg':
      return { ...out, value: ctx.numberOf(m.field) };
    case 'min':
    case 'max': {
      const v = ctx.field(m.field);
      const value = m.as === 'number' ? ctx.numberOf(m.field) : m.as === 'date' ? ctx.dateOf(m.field) : m.as === 'datetime' ? asInstant(v, ctx.timeZone) : asText(v);
      return { ...out, value };
    }
    case 'duration':
      return { ...out, value: durationSql(ctx, m, hours), valueKey: JSON.stringify([m.from, m.to, m.unit]) };
    default:
      return out;
  }
}

/**
 * The aggregate over the inner query's value column `valueColumn` and filter column `f<index>`; undefined
 * for measures computed later (ratio, headcount).
 */
export function measureAggregate(m: MeasureModel, index: number, input: MeasureInput, valueColumn = `v${index}`): Sql | undefined {
  const v = sql.raw(`q.${valueColumn}`);
  const filter = input.filter ? sql` filter (where q.f${sql.raw(String(index))})` : sql``;
  switch (m.op) {
    case 'count': return sql`count(*)${filter}`;
    case 'distinct-count': return sql`count(distinct ${v})${filter}`;
    case 'sum': return sql`sum(${v})${filter}`;
    case 'avg': return sql`avg(${v})${filter}`;
    case 'min':
    case 'max': {
      const agg = sql`${sql.raw(m.op)}(${v})${filter}`;
      if (m.as === 'date') return sql`(${agg})::text`;
      if (m.as === 'datetime') return sql`to_char(${agg} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      return agg;
    }
    case 'duration':
      switch (m.stat) {
        case 'p50': return sql`percentile_cont(0.5) within group (order by ${v})${filter}`;
        case 'p90': return sql`percentile_cont(0.9) within group (order by ${v})${filter}`;
        default: return sql`${sql.raw(m.stat)}(${v})${filter}`;
      }
    default:
      return undefined;
  }
}
