import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrate.js';
import { migrationsCurrent } from '../../src/db/migrations-current.js';
import { forEachDatabase } from '../harness/for-each-database.js';

forEachDatabase('migrations check at start-up', (getCtx) => {
  it('is current with exactly the known migrations, and not with one missing or one unknown', async () => {
    const { db } = getCtx().database;
    expect(await migrationsCurrent(db)).toBe(true);
    const last = Object.keys(MIGRATIONS).at(-1)!;
    await sql`delete from baton_migrations where name = ${last}`.execute(db);
    expect(await migrationsCurrent(db)).toBe(false);
    await sql`insert into baton_migrations (name, timestamp) values (${last}, now()::text), ('9999-from-a-newer-build', now()::text)`.execute(db);
    expect(await migrationsCurrent(db)).toBe(false);
    await sql`delete from baton_migrations where name = '9999-from-a-newer-build'`.execute(db);
    expect(await migrationsCurrent(db)).toBe(true);
  });

  it('is not current without a migrations table (a database never migrated)', async () => {
    const { db } = getCtx().database;
    await sql`alter table baton_migrations rename to baton_migrations_aside`.execute(db);
    try {
      expect(await migrationsCurrent(db)).toBe(false);
    } finally {
      await sql`alter table baton_migrations_aside rename to baton_migrations`.execute(db);
    }
    expect(await migrationsCurrent(db)).toBe(true);
  });
});
