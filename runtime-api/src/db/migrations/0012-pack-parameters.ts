import { sql, type Kysely } from 'kysely';

/**
 * Per-installation values of pack parameters (PUT /api/packs/:key/parameters). Kept apart from `packs`, whose
 * rows are the imported manifests: a re-import writes a new pack row and leaves the operator's values here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pack_parameter_values')
    .addColumn('pack_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pack_parameter_values_pk', ['pack_key', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pack_parameter_values').ifExists().execute();
}
