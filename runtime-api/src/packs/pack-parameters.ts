import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * The values of the pack parameters rules read (`{"param": "settlementReminderDays"}`): each imported
 * pack's latest version, its parameters' defaults. Changing a value today means changing the default in
 * pack.json and importing the pack again (a new pack version); there is no per-installation override yet.
 * When two packs name the same parameter, the pack imported last wins.
 */
export async function loadPackParameters(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('packs')
    .select(['key', 'version', 'imported_at', sql<unknown>`manifest -> 'parameters'`.as('parameters')])
    .orderBy('imported_at')
    .execute();
  const latest = new Map<string, { version: number; parameters: unknown }>();
  for (const row of rows) {
    const version = Number(row.version);
    const seen = latest.get(row.key);
    if (!seen || version >= seen.version) {
      latest.delete(row.key);
      latest.set(row.key, { version, parameters: row.parameters });
    }
  }
  const values: Record<string, unknown> = {};
  for (const { parameters } of latest.values()) {
    if (!Array.isArray(parameters)) continue;
    for (const p of parameters as Array<{ key?: unknown; default?: unknown }>) {
      if (typeof p?.key === 'string' && p.default !== undefined) values[p.key] = p.default;
    }
  }
  return values;
}
