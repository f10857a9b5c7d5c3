import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as coreTables from './migrations/0001-core-tables.js';
import * as runtimeTables from './migrations/0002-runtime-tables.js';
import * as auditLog from './migrations/0003-audit-log.js';
import * as execution from './migrations/0004-execution.js';
import type { Database } from './database.js';

/**
 * Migrations are imported, not read from a folder at run time: the list is checked by the compiler and works
 * the same under tsx, vitest and a bundle. Append new ones; never edit one that has shipped.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-core-tables': coreTables,
  '0002-runtime-tables': runtimeTables,
  '0003-audit-log': auditLog,
  '0004-execution': execution,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'baton_migrations', migrationLockTableName: 'baton_migrations_lock' });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
