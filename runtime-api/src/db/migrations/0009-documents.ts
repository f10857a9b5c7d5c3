import { sql, type Kysely } from 'kysely';

// PDFs the renderDocument effect produced: bytes, hash and which instance and definition version they
// came from. Renders through GET /instances/:id/documents/:key are not stored; their hash is audited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rendered_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text')
    .addColumn('document_key', 'text', (c) => c.notNull())
    .addColumn('document_version', 'integer', (c) => c.notNull())
    .addColumn('locales', 'jsonb', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull().defaultTo('application/pdf'))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[a-f0-9]{64}$'`))
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('effect_key', 'text', (c) => c.unique())
    .addColumn('rendered_by', 'text', (c) => c.notNull())
    .addColumn('rendered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('rendered_documents_instance_idx').on('rendered_documents').columns(['instance_id', 'document_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rendered_documents').ifExists().execute();
}
