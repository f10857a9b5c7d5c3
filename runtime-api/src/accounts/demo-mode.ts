import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';

/** BATON_DEMO as parsed: true (on), false (off), or auto. */
export type DemoSetting = boolean | 'auto';

export interface DemoScope {
  /** The "sign in as" routes answer. */
  enabled: boolean;
  /** Only a pack's demo people (attributes.demo = true) may be picked; real people never. */
  onlyDemoPeople: boolean;
}

/** The filter that marks a pack's demo people (templates/offboarding/seed/demo-directory.json sets it). */
export const isDemoPerson = sql<SqlBool>`coalesce(attributes->>'demo', '') = 'true'`;

/**
 * Whether the demo picker is available now. The rule (README "Demo mode"):
 * - BATON_DEMO=1: on, for every active directory person (a demo or training installation);
 * - BATON_DEMO=off: never;
 * - unset: on while the database holds at least one active demo person of a pack (imported with its demo
 *   seed), and then only for those people. NODE_ENV=production turns "unset" into off (runtime-config.ts),
 *   so a production installation never offers it by accident; a real person can never be picked in auto.
 * Decided per request, so importing or removing the demo people takes effect without a restart.
 */
export async function demoScope(db: Kysely<Database>, setting: DemoSetting): Promise<DemoScope> {
  if (setting === true) return { enabled: true, onlyDemoPeople: false };
  if (setting === false) return { enabled: false, onlyDemoPeople: true };
  const found = await db.selectFrom('directory_users').select('id').where('active', '=', true).where(isDemoPerson).limit(1).executeTakeFirst();
  return { enabled: found !== undefined, onlyDemoPeople: true };
}
