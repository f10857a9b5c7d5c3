import type { CompareAs, Condition, ReportField, Scalar } from '@baton/engine';
import { sql } from 'kysely';
import type { ReportSqlContext } from './report-sql-context.js';
import { asBoolean, asNumber, asText, param, type CastType, type Sql } from './sql-values.js';

const CAST: Record<CompareAs, CastType> = { string: 'text', number: 'numeric', boolean: 'boolean', date: 'date', datetime: 'timestamptz' };

/** The field read the way a comparison needs it. */
export function typedField(ctx: ReportSqlContext, field: ReportField, as: CompareAs): Sql {
  switch (as) {
    case 'number': return field.type === 'number' ? ctx.numberOf(field) : asNumber(ctx.field(field));
    case 'boolean': return asBoolean(ctx.field(field));
    case 'date': return isIsoDateText(ctx, field) ? asText(ctx.field(field)) : ctx.dateOf(field);
    case 'datetime': return ctx.instantOf(field);
    default: return asText(ctx.field(field));
  }
}

/**
 * A form field typed `date` is stored as "YYYY-MM-DD" text, which orders like the dates themselves: it is
 * compared as text, so an expression index on the field (see report-indexes.ts) can serve the filter.
 */
function isIsoDateText(ctx: ReportSqlContext, field: ReportField): boolean {
  return field.type === 'date' && !field.via && (field.column === 'data' || field.column === 'row') && ctx.field(field).kind === 'json';
}

function literal(ctx: ReportSqlContext, field: ReportField, value: Scalar, as: CompareAs): Sql {
  if (as === 'date' && isIsoDateText(ctx, field)) return param(String(value), 'text');
  return param(as === 'string' ? String(value) : value, CAST[as]);
}

/** The department id a field denotes: the field itself, or a person's department. */
export function departmentOf(ctx: ReportSqlContext, field: ReportField): Sql {
  if (field.role === 'user' && !field.via) return asText(ctx.field({ ...field, via: { attribute: 'department', path: [] } }));
  return asText(ctx.field(field));
}

/**
 * A report condition as SQL. Operators come from a fixed table; every value is a bound parameter.
 * "Not equal" keeps rows without a value (as JsonLogic's != would), and a negation of an unknown is false.
 */
export function conditionSql(ctx: ReportSqlContext, c: Condition): Sql {
  switch (c.kind) {
    case 'const':
      return c.value ? sql`true` : sql`false`;
    case 'and':
    case 'or':
      if (c.items.length === 0) return c.kind === 'and' ? sql`true` : sql`false`;
      return sql`(${sql.join(c.items.map((i) => conditionSql(ctx, i)), c.kind === 'and' ? sql` and ` : sql` or `)})`;
    case 'not':
      return sql`(not coalesce(${conditionSql(ctx, c.item)}, false))`;
    case 'compare': {
      const left = typedField(ctx, c.field, c.as);
      const right = literal(ctx, c.field, c.value, c.as);
      if (c.op === '<>') return sql`(${left} is null or ${left} <> ${right})`;
      return sql`(${left} ${sql.raw(c.op)} ${right})`;
    }
    case 'in': {
      const left = typedField(ctx, c.field, c.as);
      return sql`(${left} in (${sql.join(c.values.map((v) => literal(ctx, c.field, v, c.as)))}))`;
    }
    case 'null': {
      const value = asText(ctx.field(c.field));
      return c.negate ? sql`(${value} is not null)` : sql`(${value} is null)`;
    }
    case 'empty': {
      const value = asText(ctx.field(c.field));
      return c.negate ? sql`(coalesce(${value}, '') <> '')` : sql`(coalesce(${value}, '') = '')`;
    }
    case 'contains':
      // strpos, not LIKE: % and _ in the search text are just characters.
      return sql`(strpos(${asText(ctx.field(c.field))}, ${param(c.value, 'text')}) > 0)`;
    case 'within-department': {
      const alias = ctx.departmentJoin(departmentOf(ctx, c.field), `${c.field.ref}`);
      return sql`(${param(c.department, 'text')} = any(${sql.raw(alias)}.path))`;
    }
  }
}
