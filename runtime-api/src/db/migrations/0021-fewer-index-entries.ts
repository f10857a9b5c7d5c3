import { sql, type Kysely } from 'kysely';

/**
 * Two indexes that every process paid for at each start and completion and no query needed, and room for
 * the update that ends a process to be heap-only (see runtime-api/README.md, "Performance (CPU per
 * command)", for the per-command breakdown).
 *
 * - instances (flow_key, status): its readers, the instance list and counts of one flow, filter on flow_key,
 *   which (flow_key, created_at) already serves (the list reads it in its order; the counts read the heap for
 *   flow_version either way), and no query filters on status alone through it. Because status was indexed,
 *   the update that ends a process (status running → completed, cancelled, …) could never be heap-only and
 *   wrote an entry into each of the instance's indexes (6 with a null business key); now no index holds a
 *   column a step changes, so it is HOT too when the page has room: −1 index entry per start, −6 per
 *   process's last step.
 * - instances' fillfactor 85 → 70 (new pages, as in 0020): an instance row is ~1 kB, and 15 % of a page
 *   held one new version; in the bench, where 8 clients complete neighbouring instances at once (a dead
 *   version is pruned only once no running transaction can see it), 39 % of the completing updates were HOT
 *   at 85 and 100 % at 70. The price: instances take ~20 % more pages.
 * - report_step_visits: the primary key on the identity `id` was an index only uniqueness used (reports read
 *   visits by flow and time, the trigger by (instance_id, entered_seq), drill-down sorts by `id::text`, which
 *   no index serves). The unique (instance_id, entered_seq) index becomes the primary key instead: −1 index
 *   entry per visit opened and per visit closed (closing one is not HOT: left_at is in the flow index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists instances_status_idx`.execute(db);
  await sql`alter table instances set (fillfactor = 70)`.execute(db);

  await sql`alter table report_step_visits drop constraint report_step_visits_pkey`.execute(db);
  // Renames the index to the constraint's name.
  await sql`alter table report_step_visits add constraint report_step_visits_pkey primary key using index report_step_visits_entry_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_step_visits drop constraint report_step_visits_pkey`.execute(db);
  await sql`create unique index report_step_visits_entry_idx on report_step_visits (instance_id, entered_seq)`.execute(db);
  await sql`alter table report_step_visits add constraint report_step_visits_pkey primary key (id)`.execute(db);

  await sql`alter table instances set (fillfactor = 85)`.execute(db);
  await sql`create index if not exists instances_status_idx on instances (flow_key, status)`.execute(db);
}
