import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as coreTables from './migrations/0001-core-tables.js';
import * as runtimeTables from './migrations/0002-runtime-tables.js';
import * as auditLog from './migrations/0003-audit-log.js';
import * as execution from './migrations/0004-execution.js';
import * as workers from './migrations/0005-workers.js';
import * as files from './migrations/0006-files.js';
import * as connectors from './migrations/0008-connectors.js';
import * as auditChaining from './migrations/0007-audit-chaining.js';
import * as documents from './migrations/0009-documents.js';
import * as reports from './migrations/0010-reports.js';
import * as accounts from './migrations/0011-accounts.js';
import * as packParameters from './migrations/0012-pack-parameters.js';
import * as catalogVersion from './migrations/0013-catalog-version.js';
import * as oidcSignIn from './migrations/0014-oidc-sign-in.js';
import * as timerReplan from './migrations/0015-timer-replan.js';
import * as reportFlowUpdated from './migrations/0016-report-flow-updated.js';
import * as directorySearch from './migrations/0017-directory-search.js';
import * as demoInstances from './migrations/0018-demo-instances.js';
import * as reportUpkeep from './migrations/0019-report-upkeep.js';
import * as hotUpdates from './migrations/0020-hot-updates.js';
import * as fewerIndexEntries from './migrations/0021-fewer-index-entries.js';
import * as slimHistory from './migrations/0022-slim-history.js';
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
  '0005-workers': workers,
  '0006-files': files,
  '0008-connectors': connectors,
  '0007-audit-chaining': auditChaining,
  '0009-documents': documents,
  '0010-reports': reports,
  '0011-accounts': accounts,
  '0012-pack-parameters': packParameters,
  '0013-catalog-version': catalogVersion,
  '0014-oidc-sign-in': oidcSignIn,
  '0015-timer-replan': timerReplan,
  '0016-report-flow-updated': reportFlowUpdated,
  '0017-directory-search': directorySearch,
  '0018-demo-instances': demoInstances,
  '0019-report-upkeep': reportUpkeep,
  '0020-hot-updates': hotUpdates,
  '0021-fewer-index-entries': fewerIndexEntries,
  '0022-slim-history': slimHistory,
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
