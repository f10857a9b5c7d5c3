import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** The versions a command's caches are checked against, read once per command in its transaction. */
export interface CommandVersions {
  /** directory_version: moves with every directory import. */
  directory: number;
  /**
   * catalog_version (migration 0013): moves with every write to definitions, packs, parameters, connectors.
   * Undefined when this transaction wrote the catalog itself: its caches are then not used nor filled.
   */
  catalog: number | undefined;
}

/** The one-row counter table of migration 0013. */
export interface CatalogVersionTable {
  id: number;
  version: number;
}

declare module '../db/database.js' {
  interface Database {
    catalog_version: CatalogVersionTable;
  }
}

/**
 * Versions runCommand read at the start of a transaction, in the same statement as its Idempotency-Key or
 * (without a key) its first read, so
 * a command that writes no catalog table before it needs them (task actions, instance commands) need not
 * ask again: `readVersions(trx, { atStart: true })`. Keyed by the transaction object: gone with it.
 */
const atStart = new WeakMap<object, CommandVersions>();

export function rememberVersions(trx: Kysely<Database>, versions: CommandVersions): void {
  atStart.set(trx, versions);
}

/** SQL selecting both versions as `directory_version` and `catalog_version` columns (for a larger statement). */
export const VERSIONS_SELECT_TEXT = `(select version from directory_version where id = 1) as directory_version,
  (select version from catalog_version where id = 1) as catalog_version,
  coalesce(current_setting('baton.catalog_written', true), '') = 'on' as catalog_written`;
export const VERSIONS_SELECT = sql<number>`${sql.raw(VERSIONS_SELECT_TEXT)}`;

export interface VersionsRow {
  directory_version: unknown;
  catalog_version: unknown;
  catalog_written: unknown;
}

export function versionsOf(row: VersionsRow): CommandVersions {
  return { directory: Number(row.directory_version ?? 0), catalog: row.catalog_written === true ? undefined : Number(row.catalog_version ?? 0) };
}

/**
 * The versions this transaction sees now (one round trip), or — with `atStart`, for a command that wrote no
 * catalog table so far — the ones runCommand read when the transaction began, when it did.
 */
export async function readVersions(trx: Kysely<Database>, options: { atStart?: boolean } = {}): Promise<CommandVersions> {
  const seen = options.atStart ? atStart.get(trx) : undefined;
  if (seen) return seen;
  const row = (await sql<VersionsRow>`select ${VERSIONS_SELECT}`.execute(trx)).rows[0];
  return versionsOf(row ?? { directory_version: 0, catalog_version: 0, catalog_written: false });
}

/**
 * Transactions whose command opted in to the start-of-transaction versions (it writes no catalog table): any
 * definition lookup through such a transaction — in the pipeline or in helpers it calls — may use the
 * process's cache for that catalog version (DefinitionCache reads this when no version is passed).
 */
const trusted = new WeakMap<object, number>();

export function trustCatalog(trx: Kysely<Database>, catalog: number): void {
  trusted.set(trx, catalog);
}

export function trustedCatalog(db: Kysely<Database>): number | undefined {
  return trusted.get(db);
}
