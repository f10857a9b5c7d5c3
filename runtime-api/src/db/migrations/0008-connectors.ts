import { sql, type Kysely } from 'kysely';

// Connectors (issue 4): configured integrations with sealed secrets, their per-connector delivery record
// (last delivery, SCIM revocation proofs), inbound webhook ids already seen (replay refusal), and the
// in-app notifications every notify effect writes.
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;

  await db.schema
    .createTable('connectors')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Secret name -> AES-256-GCM sealed value (associated data `connector:<key>/<name>`); never plaintext.
    .addColumn('secrets', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('connectors_type_idx').on('connectors').columns(['type', 'enabled']).execute();

  await db.schema
    .createTable('connector_deliveries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('connector_key', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    // What the action was about (a directory user id for SCIM), for the reconciliation report.
    .addColumn('subject', 'text')
    .addColumn('attempt', 'integer', (c) => c.notNull())
    // delivered | retry | dead
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('proof', 'jsonb')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('connector_deliveries_connector_idx').on('connector_deliveries').columns(['connector_key', 'id']).execute();
  await db.schema.createIndex('connector_deliveries_subject_idx').on('connector_deliveries').columns(['subject', 'connector_key', 'id']).execute();
  await db.schema.createIndex('connector_deliveries_instance_idx').on('connector_deliveries').columns(['instance_id', 'id']).execute();

  await db.schema
    .createTable('webhook_seen_ids')
    .addColumn('connector_key', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('webhook_seen_ids_pk', ['connector_key', 'webhook_id'])
    .execute();
  await db.schema.createIndex('webhook_seen_ids_seen_idx').on('webhook_seen_ids').column('seen_at').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('effect_key', 'text', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'jsonb')
    .addColumn('link', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('read_at', 'timestamptz')
    // A redelivered notify effect writes nothing new.
    .addUniqueConstraint('notifications_effect_user_unique', ['effect_key', 'user_id'])
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();
  await sql`create index notifications_unread_idx on notifications (user_id, created_at) where read_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notifications', 'webhook_seen_ids', 'connector_deliveries', 'connectors']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
