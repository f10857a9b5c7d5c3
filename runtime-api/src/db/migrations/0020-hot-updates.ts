import { sql, type Kysely } from 'kysely';

/**
 * Row updates on the command path made HOT (heap-only: no index entry written) where an index needlessly
 * prevented it. PostgreSQL writes an update as heap-only when it changes no indexed column (key, INCLUDE
 * list, expression or partial-index predicate) and the new version fits on the row's page; otherwise every
 * index of the table gets a new entry.
 *
 * - instances: every command updates the row (state, data, version, history_seq, updated_at), and updated_at
 *   was indexed twice, (form_key, updated_at) and (flow_key, updated_at), both only for the words watermark of
 *   reports (report-words.ts), which now reads history instead. An update that leaves status alone (every
 *   step of a process but the last) is HOT from here on: 8 index entries fewer per command.
 * - report_step_visits: the partial index of open visits (`where left_at is null`) is gone: closing a visit
 *   no longer moves a row out of it, and a command's trigger finds an instance's open visits through
 *   (instance_id, entered_seq) — an instance has a few visits. left_at stays in the covering index that the
 *   step reports read alone (index-only), so closing a visit is still not HOT; opening one writes one index less.
 * - audit_log: seq and hash are null until the chainer links an entry, and their unique indexes stored a
 *   null entry for every insert, and a second one when linked. Partial (`is not null`) indexes skip the first;
 *   every reader filters on them (`seq > …`, `seq is not null`, max(seq)) or relies on them only for uniqueness,
 *   which nulls never had.
 * - fillfactor: updated tables keep room on each page for the next version (HOT needs it on the same page).
 *   ALTER TABLE … SET (fillfactor) applies to pages written from now on; existing pages fill as they are
 *   (VACUUM FULL or CLUSTER would rewrite them, not done here: it locks the table).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists instances_form_updated_idx`.execute(db);
  await sql`drop index if exists instances_flow_updated_idx`.execute(db);
  // The old watermarks were times on instances.updated_at; the new ones are history ids under other keys.
  await sql`delete from report_meta where key like 'words:instances:%' or key like 'words:flow:%'`.execute(db);
  await sql`alter table instances set (fillfactor = 85)`.execute(db);

  await sql`drop index if exists report_step_visits_open_idx`.execute(db);

  await sql`create unique index audit_log_seq_linked_idx on audit_log (seq) where seq is not null`.execute(db);
  await sql`drop index if exists audit_log_seq_idx`.execute(db);
  await sql`create unique index audit_log_hash_linked_idx on audit_log (hash) where hash is not null`.execute(db);
  await sql`alter table audit_log drop constraint if exists audit_log_hash_key`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add constraint audit_log_hash_key unique (hash)`.execute(db);
  await sql`drop index if exists audit_log_hash_linked_idx`.execute(db);
  await sql`create unique index if not exists audit_log_seq_idx on audit_log (seq)`.execute(db);
  await sql`drop index if exists audit_log_seq_linked_idx`.execute(db);

  await sql`create index if not exists report_step_visits_open_idx on report_step_visits (instance_id, node_id) where left_at is null`.execute(db);

  await sql`alter table instances reset (fillfactor)`.execute(db);
  await sql`delete from report_meta where key like 'words-h:%'`.execute(db);
  await sql`create index if not exists instances_flow_updated_idx on instances (flow_key, updated_at)`.execute(db);
  await sql`create index if not exists instances_form_updated_idx on instances (form_key, updated_at)`.execute(db);
}
