import { sql, type Kysely } from 'kysely';

/**
 * Words over a flow's instances (the offboarding dashboard's exit-reason words) keep a watermark per flow:
 * "newest updated_at of flow X" must be an index lookup, not a scan of every instance (66 ms at 100k).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists instances_flow_updated_idx on instances (flow_key, updated_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists instances_flow_updated_idx`.execute(db);
}
