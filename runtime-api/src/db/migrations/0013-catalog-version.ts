import { sql, type Kysely } from 'kysely';

/** Tables whose rows commands read on every run and processes cache: definitions, packs, their parameters, connectors. */
const CATALOG_TABLES = ['definitions', 'packs', 'pack_parameter_values', 'connectors'];

/**
 * A counter that moves whenever the catalog commands depend on changes, bumped by triggers in the writing
 * transaction, whoever writes (a route, a pack import, SQL by hand). Each process caches what it compiled or
 * read from those tables under the counter's value, and a command reads the counter once (beside the
 * directory's version) instead of re-reading the tables: exact, and right across several processes.
 * Statement-level triggers: a pack import of fifty definitions bumps it a handful of times, not fifty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into catalog_version (id, version) values (1, 0)`.execute(db);
  await sql`
    create or replace function baton_bump_catalog_version() returns trigger language plpgsql as $$
    begin
      update catalog_version set version = version + 1 where id = 1;
      -- Marks the transaction (until it ends; undone with a rolled-back savepoint): a command that wrote the
      -- catalog itself must not fill a cache with what it has not committed yet.
      perform set_config('baton.catalog_written', 'on', true);
      return null;
    end $$`.execute(db);
  for (const table of CATALOG_TABLES) {
    // pack_parameter_values arrives with migration 0012; a database without it simply has nothing to watch there.
    const exists = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(db);
    if (!exists.rows[0]?.found) continue;
    await sql`
      create trigger ${sql.raw(`${table}_catalog_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function baton_bump_catalog_version()`.execute(db);
  }
  // The pipeline's re-plan of a record's rule timers reads scheduled and fired ones (a fired timer must not be
  // planned again): 0005's index covers only scheduled rows, so without this one every data change scans timers.
  await sql`create index if not exists timers_rule_record_live_idx on timers ((payload -> 'payload' ->> 'recordId'))
    where kind = 'rule' and status in ('scheduled', 'fired')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists timers_rule_record_live_idx`.execute(db);
  for (const table of CATALOG_TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_catalog_version`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists baton_bump_catalog_version()`.execute(db);
  await db.schema.dropTable('catalog_version').ifExists().execute();
}
