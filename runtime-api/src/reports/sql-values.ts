import { sql, type RawBuilder } from 'kysely';

export type Sql = RawBuilder<unknown>;

/** A SQL expression and how PostgreSQL types it; JSON values carry their (bound) path. */
export type SqlValue =
  | { kind: 'text' | 'numeric' | 'date' | 'timestamptz' | 'boolean'; sql: Sql }
  | { kind: 'json'; base: Sql; path: string[] };

export type CastType = 'text' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'integer' | 'jsonb';

/** A bound parameter with an explicit type, so both drivers agree on what it is. */
export function param(value: string | number | boolean | null, type: CastType): Sql {
  return sql`${value}::${sql.raw(type)}`;
}

// Patterns are constant SQL text; values are never spliced into them.
const NUMBER_RE = `'^[[:space:]]*-?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'`;
const DATE_RE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const OFFSET_RE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|z|[-+][0-9]{2}(:?[0-9]{2})?)$'`;
const LOCAL_RE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?$'`;

/** `base -> k1 -> … ->> kn` with every key bound; `#>> '{}'` for the value itself. */
export function jsonText(base: Sql, path: readonly string[]): Sql {
  if (path.length === 0) return sql`(${base} #>> '{}')`;
  let expr = base;
  path.forEach((key, i) => {
    expr = i === path.length - 1 ? sql`(${expr} ->> ${param(key, 'text')})` : sql`(${expr} -> ${param(key, 'text')})`;
  });
  return expr;
}

export function asText(v: SqlValue): Sql {
  switch (v.kind) {
    case 'text':
      return v.sql;
    case 'json':
      return jsonText(v.base, v.path);
    case 'timestamptz':
      return sql`to_char(${v.sql} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    default:
      return sql`(${v.sql})::text`;
  }
}

/** A number, or null when the text is not one: bad data must not fail the whole report. */
export function asNumber(v: SqlValue): Sql {
  if (v.kind === 'numeric') return v.sql;
  if (v.kind === 'text' || v.kind === 'json') {
    const t = asText(v);
    return sql`(case when ${t} ~ ${sql.raw(NUMBER_RE)} then (${t})::numeric end)`;
  }
  return sql`null::numeric`;
}

export function asBoolean(v: SqlValue): Sql {
  if (v.kind === 'boolean') return v.sql;
  const t = asText(v);
  return sql`(case ${t} when 'true' then true when 'false' then false end)`;
}

/** The calendar date in the org's time zone (a date-time is moved into the zone first). */
export function asLocalDate(v: SqlValue, timeZone: string): Sql {
  switch (v.kind) {
    case 'date':
      return v.sql;
    case 'timestamptz':
      return sql`((${v.sql} at time zone ${param(timeZone, 'text')})::date)`;
    case 'text':
    case 'json': {
      const t = asText(v);
      return sql`(case when ${t} ~ ${sql.raw(DATE_RE)} then (${t})::date
        when ${t} ~ ${sql.raw(OFFSET_RE)} then ((${t})::timestamptz at time zone ${param(timeZone, 'text')})::date
        when ${t} ~ ${sql.raw(LOCAL_RE)} then (${t})::timestamp::date end)`;
    }
    default:
      return sql`null::date`;
  }
}

/** An instant; a bare date (or a time without offset) is read in the org's time zone. */
export function asInstant(v: SqlValue, timeZone: string): Sql {
  switch (v.kind) {
    case 'timestamptz':
      return v.sql;
    case 'date':
      return sql`((${v.sql})::timestamp at time zone ${param(timeZone, 'text')})`;
    case 'text':
    case 'json': {
      const t = asText(v);
      return sql`(case when ${t} ~ ${sql.raw(OFFSET_RE)} then (${t})::timestamptz
        when ${t} ~ ${sql.raw(LOCAL_RE)} then ((${t})::timestamp at time zone ${param(timeZone, 'text')})
        when ${t} ~ ${sql.raw(DATE_RE)} then ((${t})::date::timestamp at time zone ${param(timeZone, 'text')}) end)`;
    }
    default:
      return sql`null::timestamptz`;
  }
}
