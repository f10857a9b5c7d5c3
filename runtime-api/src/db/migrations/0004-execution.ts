import { sql, type Kysely } from 'kysely';

// The command pipeline's extra columns: multi-assignee tasks, rule-created tasks, the history's own
// sequence, instance subjects, and the directory version counter that keeps every process's snapshot fresh.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into directory_version (id, version) values (1, 0)`.execute(db);

  await db.schema
    .alterTable('instances')
    .addColumn('form_key', 'text')
    .addColumn('subject_id', 'text')
    // Sequence of the last history row: engine events and runtime events (rule tasks) share it.
    .addColumn('history_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('instances_started_by_idx').on('instances').column('started_by').execute();
  await db.schema.createIndex('instances_subject_idx').on('instances').column('subject_id').execute();

  await db.schema
    .alterTable('tasks')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('flow'))
    .addColumn('effect_key', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('task'))
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('description', 'jsonb')
    .addColumn('assignees', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('candidates', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('actions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('on_behalf_of', 'text')
    .addColumn('comment', 'text')
    .execute();
  // Rules also create tasks for records of collections (no instance).
  await sql`alter table tasks alter column instance_id drop not null`.execute(db);
  await db.schema.alterTable('tasks').addColumn('record_id', 'text').execute();
  await sql`create unique index tasks_effect_key_unique on tasks (effect_key) where effect_key is not null`.execute(db);
  // "My open tasks" and "was I ever an assignee of this instance" are containment queries on this array.
  await sql`create index tasks_assignees_idx on tasks using gin (assignees)`.execute(db);

  await db.schema
    .alterTable('history')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('flow'))
    .execute();

  await db.schema.alterTable('records').addColumn('updated_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('records').dropColumn('updated_by').execute();
  await db.schema.alterTable('history').dropColumn('source').execute();
  await sql`drop index if exists tasks_assignees_idx`.execute(db);
  await sql`drop index if exists tasks_effect_key_unique`.execute(db);
  await db.schema.alterTable('tasks').dropColumn('record_id').execute();
  for (const column of ['source', 'effect_key', 'kind', 'title', 'description', 'assignees', 'candidates', 'actions', 'on_behalf_of', 'comment']) {
    await db.schema.alterTable('tasks').dropColumn(column).execute();
  }
  await db.schema.dropIndex('instances_subject_idx').ifExists().execute();
  await db.schema.dropIndex('instances_started_by_idx').ifExists().execute();
  for (const column of ['form_key', 'subject_id', 'history_seq']) {
    await db.schema.alterTable('instances').dropColumn(column).execute();
  }
  await db.schema.dropTable('directory_version').ifExists().execute();
}
