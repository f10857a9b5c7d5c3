import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { MIGRATIONS } from './migrate.js';

/**
 * True when the database has run exactly the migrations this build knows, no more and no fewer: start-up
 * then skips the migrator (its lock table and bookkeeping cost ~0.3 s of CPU on PGlite at every start).
 * Anything else, including a database that has not been migrated at all, goes through migrateToLatest,
 * which migrates or reports what is wrong.
 */
export async function migrationsCurrent(db: Kysely<Database>): Promise<boolean> {
  let applied: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`select name from baton_migrations`.execute(db);
    applied = new Set(rows.map((r) => r.name));
  } catch {
    // No migrations table yet.
    return false;
  }
  const known = Object.keys(MIGRATIONS);
  return applied.size === known.length && known.every((name) => applied.has(name));
}
