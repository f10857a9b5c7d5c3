import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, DefinitionsTable } from '../db/database.js';
import { canonicalJson } from '@baton/engine';

export type DefinitionRow = Selectable<DefinitionsTable>;

export interface DefinitionView {
  kind: string;
  key: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  hash: string;
  title: unknown;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export function definitionHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export function toView(row: Omit<DefinitionRow, 'body' | 'id'> & { title?: unknown }): DefinitionView {
  return {
    kind: row.kind,
    key: row.key,
    version: row.version,
    status: row.status,
    hash: row.hash,
    title: row.title ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    publishedBy: row.published_by,
  };
}

/** The highest version of a key, any status, locked against a concurrent draft or publish. */
export async function latestVersionForUpdate(trx: Kysely<Database>, kind: string, key: string): Promise<DefinitionRow | undefined> {
  return trx
    .selectFrom('definitions')
    .selectAll()
    .where('kind', '=', kind)
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The latest published body of every definition, for the validator's cross-references (a flow's form).
 * Loads all of them: fine for hundreds of definitions; a later slice should resolve lazily by key.
 */
export async function publishedBodies(db: Kysely<Database>): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db
    .selectFrom('definitions')
    .select(['kind', 'key', 'body'])
    .distinctOn(['kind', 'key'])
    .where('status', '=', 'published')
    .orderBy('kind')
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
  return new Map(rows.map((r) => [`${r.kind}/${r.key}`, r.body]));
}

export async function findDefinition(
  db: Kysely<Database>,
  kind: string,
  key: string,
  version: number | undefined,
): Promise<DefinitionRow | undefined> {
  let query = db.selectFrom('definitions').selectAll().where('kind', '=', kind).where('key', '=', key);
  query = version === undefined ? query.where('status', '=', 'published') : query.where('version', '=', version);
  return query.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function listDefinitions(
  db: Kysely<Database>,
  filter: { kind?: string | undefined; key?: string | undefined; status?: string | undefined; limit: number; offset: number },
): Promise<DefinitionView[]> {
  let query = db
    .selectFrom('definitions')
    .select(['kind', 'key', 'version', 'status', 'hash', 'created_by', 'created_at', 'updated_at', 'published_at', 'published_by'])
    .select(sql<unknown>`body -> 'title'`.as('title'));
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.key) query = query.where('key', '=', filter.key);
  if (filter.status) query = query.where('status', '=', filter.status as DefinitionRow['status']);
  const rows = await query
    .orderBy('kind')
    .orderBy('key')
    .orderBy('version', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map(toView);
}
