import type { PackSchemaTypes } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import './pack-parameter-tables.js';

type Parameter = PackSchemaTypes.Parameter;

/** A parameter as the latest imported version of its pack declares it, with this installation's value. */
export interface PackParameterState {
  pack: string;
  declaration: Parameter;
  /** The operator's value (PUT /api/packs/:key/parameters) when it still fits the declaration, else the default. */
  value: unknown;
  overridden: boolean;
  /** An operator's value that the current declaration no longer accepts (e.g. a re-import narrowed the range): ignored. */
  ignored?: unknown;
}

/**
 * A cheap fit check of a stored value against the current declaration (type and bounds), run on every command:
 * a re-import that changes a parameter's type or narrows its range falls back to the default rather than
 * feeding rules a value the pack no longer expects. Full validation happens when the value is set.
 */
function fits(p: Parameter, value: unknown): boolean {
  const inRange = (n: number) => (p.minimum === undefined || n >= p.minimum) && (p.maximum === undefined || n <= p.maximum);
  switch (p.type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && inRange(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && inRange(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'select':
      return (p.options ?? []).some((o) => o.value === value);
    case 'duration':
      return value !== null && value !== undefined;
    default:
      return typeof value === 'string';
  }
}

/**
 * Every imported pack's parameters: each pack's latest version's declarations, with the operator's value
 * where one is set for this installation. Operator values live in their own table, so importing the pack
 * again (a new version) keeps them. Ordered by import time, so the pack imported last comes last.
 */
export async function loadPackParameterStates(db: Kysely<Database>, packKey?: string): Promise<PackParameterState[]> {
  let query = db
    .selectFrom('packs')
    .select(['key', 'version', 'imported_at', sql<unknown>`manifest -> 'parameters'`.as('parameters')])
    .orderBy('imported_at');
  if (packKey !== undefined) query = query.where('key', '=', packKey);
  const rows = await query.execute();
  const latest = new Map<string, { version: number; parameters: unknown }>();
  for (const row of rows) {
    const version = Number(row.version);
    const seen = latest.get(row.key);
    if (!seen || version >= seen.version) {
      latest.delete(row.key);
      latest.set(row.key, { version, parameters: row.parameters });
    }
  }
  if (latest.size === 0) return [];
  const stored = await db.selectFrom('pack_parameter_values').select(['pack_key', 'key', 'value']).where('pack_key', 'in', [...latest.keys()]).execute();
  const chosen = new Map(stored.map((r) => [`${r.pack_key}\u0000${r.key}`, r.value]));
  const states: PackParameterState[] = [];
  for (const [pack, { parameters }] of latest) {
    if (!Array.isArray(parameters)) continue;
    for (const declaration of parameters as Parameter[]) {
      if (typeof declaration?.key !== 'string') continue;
      const mark = `${pack}\u0000${declaration.key}`;
      const value = chosen.get(mark);
      if (chosen.has(mark) && fits(declaration, value)) {
        states.push({ pack, declaration, value, overridden: true });
      } else {
        states.push({ pack, declaration, value: declaration.default, overridden: false, ...(chosen.has(mark) ? { ignored: value } : {}) });
      }
    }
  }
  return states;
}

/**
 * The values of the pack parameters rules read (`{"param": "settlementReminderDays"}`): the operator's value
 * for this installation when set, else the default of the pack's latest version. When two packs name the
 * same parameter, the pack imported last wins.
 */
export async function loadPackParameters(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const state of await loadPackParameterStates(db)) {
    if (state.value !== undefined) values[state.declaration.key] = state.value;
  }
  return values;
}
