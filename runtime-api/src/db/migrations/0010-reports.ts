import { sql, type Kysely } from 'kysely';

/**
 * Reports: what keeps dashboard queries fast as the history grows.
 * - history.node_id: the event's node, a stored generated column, indexed with the event type so
 *   "first time instance X reached node Y" is an index-only lookup;
 * - report_step_visits: one row per visit of a node (entered → left), maintained by a statement-level
 *   trigger on history inserts, so cycle time per step reads ~1 row per step instead of scanning events;
 * - report_text_words: free texts segmented into words once (by the runtime, with Intl.Segmenter);
 * - report_calendar_days: the work calendar as rows with a running workday count, so business-day
 *   durations are two lookups and a subtraction;
 * - indexes for headcount (hire/leave dates) and for periods of instances, tasks and step visits.
 * Reports that filter on a form field also get an expression index on it when they first run
 * (src/reports/report-indexes.ts).
 */
/**
 * This migration's step-visit trigger function (0019 replaced it; its `down` and the reference in
 * test/db/report-step-visits.test.ts restore it from here). `table` and `name` are fixed identifiers, never input.
 */
export function stepVisitsFunction(table = 'report_step_visits', name = 'baton_report_step_visits') {
  return sql.raw(`
    create or replace function ${name}() returns trigger language plpgsql as $$
    begin
      insert into ${table} (instance_id, flow_key, node_id, node_type, entered_seq, entered_at)
        select n.instance_id, i.flow_key, n.node_id, n.payload ->> 'nodeType', n.seq, n.at
        from new_rows n join instances i on i.id = n.instance_id
        where n.type = 'node.entered' and n.node_id is not null
        on conflict (instance_id, entered_seq) do nothing;
      update ${table} v set left_at = l.at, left_seq = l.seq
        from new_rows l
        where l.type = 'node.left' and l.node_id is not null
          and v.instance_id = l.instance_id and v.node_id = l.node_id and v.left_at is null and v.entered_seq < l.seq
          and not exists (
            select 1 from ${table} w
            where w.instance_id = v.instance_id and w.node_id = v.node_id and w.left_at is null
              and w.entered_seq > v.entered_seq and w.entered_seq < l.seq);
      return null;
    end $$`);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table history add column node_id text generated always as (payload ->> 'nodeId') stored`.execute(db);
  await sql`create index history_type_node_idx on history (type, node_id, instance_id) include (at)`.execute(db);

  await db.schema
    .createTable('report_step_visits')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('flow_key', 'text')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text')
    .addColumn('entered_seq', 'integer', (c) => c.notNull())
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_seq', 'integer')
    .addColumn('left_at', 'timestamptz')
    .execute();
  await sql`create unique index report_step_visits_entry_idx on report_step_visits (instance_id, entered_seq)`.execute(db);
  await sql`create index report_step_visits_open_idx on report_step_visits (instance_id, node_id) where left_at is null`.execute(db);
  // Covering: per-step durations over a period read the index alone.
  await sql`create index report_step_visits_flow_idx on report_step_visits (flow_key, entered_at) include (node_id, left_at)`.execute(db);

  // A statement-level trigger sees every event one command appends in one go (transition table), so a
  // command pays two small statements, not one per event. A node.left closes the latest open visit of
  // its node entered before it.
  await stepVisitsFunction().execute(db);
  await sql`
    create trigger history_report_step_visits after insert on history
    referencing new table as new_rows for each statement execute function baton_report_step_visits()`.execute(db);
  // Visits of history written before this migration.
  await sql`
    insert into report_step_visits (instance_id, flow_key, node_id, node_type, entered_seq, entered_at, left_seq, left_at)
    select e.instance_id, i.flow_key, e.node_id, e.payload ->> 'nodeType', e.seq, e.at, l.seq, l.at
    from history e
    join instances i on i.id = e.instance_id
    left join lateral (
      select h.seq, h.at from history h
      where h.instance_id = e.instance_id and h.type = 'node.left' and h.node_id = e.node_id and h.seq > e.seq
      order by h.seq limit 1
    ) l on true
    where e.type = 'node.entered' and e.node_id is not null`.execute(db);

  await db.schema
    .createTable('report_text_words')
    .addColumn('text_hash', 'text', (c) => c.primaryKey())
    .addColumn('words', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_calendar_days')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('workday', 'boolean', (c) => c.notNull())
    .addColumn('workday_ordinal', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await sql`create index directory_users_hire_idx on directory_users (hire_date)`.execute(db);
  await sql`create index directory_users_leave_idx on directory_users (leave_date)`.execute(db);
  await sql`create index instances_form_created_idx on instances (form_key, created_at)`.execute(db);
  // Dashboards look at a period: instances of a flow, tasks and step visits by when they started.
  await sql`create index instances_flow_created_idx on instances (flow_key, created_at)`.execute(db);
  // Covering: tasks of a period (SLA breaches by team) are read from the index alone.
  await sql`create index tasks_created_idx on tasks (created_at) include (instance_id, due_at, completed_at, completed_by, assignee_id, assignees)`.execute(db);
  // "Instances of flow X" as an index-only semi-join for tasks and history.
  await sql`create index instances_flow_id_idx on instances (flow_key, id)`.execute(db);
  // "Texts changed since the words were last segmented" (report-words.ts) is a lookup on these.
  await sql`create index instances_form_updated_idx on instances (form_key, updated_at)`.execute(db);
  await sql`create index records_form_updated_idx on records (form_key, updated_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists records_form_updated_idx`.execute(db);
  await sql`drop index if exists instances_form_updated_idx`.execute(db);
  await sql`drop index if exists instances_flow_id_idx`.execute(db);
  await sql`drop index if exists tasks_created_idx`.execute(db);
  await sql`drop index if exists instances_flow_created_idx`.execute(db);
  await sql`drop index if exists instances_form_created_idx`.execute(db);
  await sql`drop index if exists directory_users_leave_idx`.execute(db);
  await sql`drop index if exists directory_users_hire_idx`.execute(db);
  for (const table of ['report_meta', 'report_calendar_days', 'report_text_words']) await db.schema.dropTable(table).ifExists().execute();
  await sql`drop trigger if exists history_report_step_visits on history`.execute(db);
  await sql`drop function if exists baton_report_step_visits()`.execute(db);
  await db.schema.dropTable('report_step_visits').ifExists().execute();
  await sql`drop index if exists history_type_node_idx`.execute(db);
  await sql`alter table history drop column if exists node_id`.execute(db);
}
