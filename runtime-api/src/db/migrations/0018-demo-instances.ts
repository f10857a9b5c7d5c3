import { sql, type Kysely } from 'kysely';

/**
 * Instances a pack's demo seed replayed (past offboardings behind the dashboard) are marked, so they can be
 * told apart from real work (and removed together) without reading their data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table instances add column if not exists demo boolean not null default false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table instances drop column if exists demo`.execute(db);
}
