import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, PacksTable } from '../db/database.js';
import type { PackViewValue } from './pack-schemas.js';

export type PackRow = Selectable<PacksTable>;

interface StoredEntry {
  kind: string;
  key: string;
  definition: Record<string, unknown>;
}

/**
 * The stored manifest is self-contained: every definition inline at the version this import left
 * published, and the seed inline as data. It is a valid pack manifest; exports are built from it.
 */
export function storedEntries(row: PackRow): StoredEntry[] {
  const defs = row.manifest.definitions;
  return Array.isArray(defs) ? (defs as StoredEntry[]) : [];
}

export function toPackView(row: PackRow): PackViewValue {
  const m = row.manifest;
  return {
    key: row.key,
    version: Number(row.version),
    release: typeof m.release === 'string' ? m.release : null,
    title: m.title ?? null,
    hash: row.hash,
    importedBy: row.imported_by,
    importedAt: row.imported_at.toISOString(),
    definitions: storedEntries(row).map((e) => ({ kind: e.kind, key: e.key, version: Number(e.definition.version) })),
  };
}

// Versions are stored as text (the column predates integer pack versions); the server only writes integers.
const versionNumber = sql<number>`(version)::integer`;

export async function findPack(db: Kysely<Database>, key: string, version?: number): Promise<PackRow | undefined> {
  let query = db.selectFrom('packs').selectAll().where('key', '=', key);
  if (version !== undefined) query = query.where('version', '=', String(version));
  return query.orderBy(versionNumber, 'desc').limit(1).executeTakeFirst();
}

export async function listPacks(db: Kysely<Database>, filter: { key?: string | undefined; limit: number; offset: number }): Promise<PackRow[]> {
  let query = db.selectFrom('packs').selectAll();
  if (filter.key) query = query.where('key', '=', filter.key);
  return query.orderBy('key').orderBy(versionNumber, 'desc').limit(filter.limit).offset(filter.offset).execute();
}
