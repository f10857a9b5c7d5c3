import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** The latest published version of one definition, as a query the caller selects its columns from. */
export function latestPublished(db: Kysely<Database>, kind: string, key: string) {
  return db
    .selectFrom('definitions')
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1);
}
