import type { ReportRow } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** Characters of an instance id shown when the instance has no business key (as git shows a commit). */
export const SHORT_ID_LENGTH = 8;

/** The string values of some columns of the rows: the ids to label. */
export function idsIn(rows: readonly ReportRow[], keys: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) for (const key of keys) if (typeof row[key] === 'string' && row[key] !== '') ids.add(row[key] as string);
  return [...ids];
}

/**
 * People's names by id. Only the name: what GET /directory/users shows anyone signed in, so a report that
 * shows an id may show whose it is without revealing anything the viewer could not look up anyway.
 */
export async function userNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const found = await db.selectFrom('directory_users').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  for (const u of found) out.set(u.id, u.name);
  return out;
}

/** A short reference people can say aloud for each instance: its business key, else the start of its id. */
export async function instanceReferences(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>(ids.map((id) => [id, id.slice(0, SHORT_ID_LENGTH)]));
  if (ids.length === 0) return out;
  const found = await db.selectFrom('instances').select(['id', 'business_key']).where('id', 'in', [...ids]).where('business_key', 'is not', null).execute();
  for (const i of found) if (i.business_key) out.set(i.id, i.business_key);
  return out;
}
