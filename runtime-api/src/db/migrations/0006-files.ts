import { sql, type Kysely } from 'kysely';

// Uploaded files: their metadata (the bytes live in the file store: a folder or an S3 bucket) and which
// instance, record or task data references each, so a download can be checked against that object.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[a-f0-9]{64}$'`))
    // 'local' or 's3', and the object's key there: a file stays readable after the store is switched.
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('files_uploaded_by_idx').on('files').columns(['uploaded_by', 'created_at']).execute();

  await db.schema
    .createTable('file_links')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    // 'instance', 'record' or 'task' (a rule task's own data).
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('file_links_pk', ['file_id', 'subject_kind', 'subject_id'])
    .execute();
  await db.schema.createIndex('file_links_subject_idx').on('file_links').columns(['subject_kind', 'subject_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('file_links').ifExists().execute();
  await db.schema.dropTable('files').ifExists().execute();
}
