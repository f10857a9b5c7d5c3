import { sql, type Kysely } from 'kysely';

// The workers' bookkeeping: who holds an outbox row, when a timer fired, the delivery log, the record of
// effects a built-in handler applied (so a redelivery changes nothing), and a child instance's parent link.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('timers')
    .addColumn('fired_at', 'timestamptz')
    .execute();
  // Claims scan only what may fire; rows that fired or were cancelled drop out of the index.
  await sql`create index timers_claim_idx on timers (due_at) where status = 'scheduled'`.execute(db);
  await db.schema.createIndex('timers_instance_idx').on('timers').column('instance_id').execute();
  // The pipeline re-plans a record's rule timers on every data change: find them without a scan.
  await sql`create index timers_rule_record_idx on timers ((payload -> 'payload' ->> 'recordId'))
    where kind = 'rule' and status = 'scheduled'`.execute(db);

  await db.schema
    .alterTable('outbox')
    .addColumn('locked_by', 'text')
    .execute();
  // The handler is chosen by the effect's type; generated, so the pipeline's inserts need not change.
  await sql`alter table outbox add column effect_type text generated always as (effect ->> 'type') stored`.execute(db);
  await sql`create index outbox_claim_idx on outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('outbox_instance_idx').on('outbox').column('instance_id').execute();

  await db.schema
    .createTable('outbox_deliveries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id'))
    .addColumn('instance_id', 'text')
    .addColumn('effect_type', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    // delivered | retry | dead | waiting (no handler yet) | lost (the lease passed to another worker)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('request', 'jsonb')
    .addColumn('response', 'jsonb')
    .addColumn('note', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_deliveries_outbox_idx').on('outbox_deliveries').columns(['outbox_id', 'id']).execute();
  await db.schema.createIndex('outbox_deliveries_instance_idx').on('outbox_deliveries').columns(['instance_id', 'id']).execute();

  await db.schema
    .createTable('effect_applications')
    .addColumn('effect_key', 'text', (c) => c.primaryKey())
    .addColumn('effect_type', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('instances')
    .addColumn('parent_instance_id', 'text')
    .addColumn('parent_node_id', 'text')
    .addColumn('parent_token_id', 'text')
    // Set when the parent was told the child ended (the subflow node's signal), in that command's transaction.
    .addColumn('parent_notified_at', 'timestamptz')
    .execute();
  await sql`create index instances_parent_pending_idx on instances (parent_instance_id)
    where parent_instance_id is not null and parent_notified_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists instances_parent_pending_idx`.execute(db);
  for (const column of ['parent_instance_id', 'parent_node_id', 'parent_token_id', 'parent_notified_at']) {
    await db.schema.alterTable('instances').dropColumn(column).execute();
  }
  await db.schema.dropTable('effect_applications').ifExists().execute();
  await db.schema.dropTable('outbox_deliveries').ifExists().execute();
  for (const index of ['outbox_instance_idx', 'outbox_claim_idx', 'timers_rule_record_idx', 'timers_instance_idx', 'timers_claim_idx']) {
    await sql`drop index if exists ${sql.ref(index)}`.execute(db);
  }
  for (const column of ['effect_type', 'locked_by']) await db.schema.alterTable('outbox').dropColumn(column).execute();
  await db.schema.alterTable('timers').dropColumn('fired_at').execute();
}
