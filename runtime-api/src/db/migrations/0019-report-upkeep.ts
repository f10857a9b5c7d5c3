import { sql, type Kysely } from 'kysely';
import { stepVisitsFunction } from './0010-reports.js';

/**
 * report_step_visits kept by one statement per history insert, in one linear pass, writing each visit once
 * when it can. Every command appends history, so this trigger runs on every command; most commands enter and
 * leave nodes in the same statement (start, gateways, automatic steps, the end node), and 0010's function
 * inserted such a visit open and then updated it closed: an update that cannot be HOT (left_at is in two
 * indexes), so the row and its index entries were written twice.
 *
 * Now the events of the statement are paired with window functions over the transition table (one sort,
 * one pass: never a scan of the batch per event, which was quadratic on bulk inserts such as the timer
 * worker's): a node.entered whose next node event of the same instance and node in the batch is a
 * node.left is inserted closed by it. Only a node.left that is the first node event of its instance and
 * node in the batch closes a visit of an earlier statement (the latest one still open, as in 0010); the
 * UPDATE runs in the same statement as the INSERT, so it never sees (or touches) the rows just inserted.
 *
 * Same visits as 0010 for every history the engine writes. Where 0010 let two node.left events race for one
 * visit (UPDATE … FROM with several matching rows picks one unpredictably; only a join of three or more
 * branches does that, and both events carry the same time), the first one now wins.
 *
 * The flow key comes from the event (the engine writes flowKey in every payload); the instance is read only
 * for a row without it. No ON CONFLICT: history's (instance_id, seq) is unique and history is append-only,
 * so (instance_id, entered_seq) cannot repeat, and a speculative insert costs an index probe per row.
 *
 * Also one index of instances fewer, written on every command (an instance update changes updated_at, which
 * is indexed, so it is never HOT and writes every index of the row): "instances of flow X" as an index-only
 * semi-join (tasks and history datasets) and "instances of flow X started in a period" are both served by
 * (flow_key, created_at) INCLUDE (id), instead of (flow_key, id) beside (flow_key, created_at). The
 * semi-join hashes the flow's ids either way; the plans keep their shape (index-only scans of the flow).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function baton_report_step_visits() returns trigger language plpgsql as $$
    begin
      with ev as (
        select n.instance_id, n.node_id, n.type, n.seq, n.at, n.payload ->> 'flowKey' as flow_key, n.payload ->> 'nodeType' as node_type,
          lag(n.type) over w as prev_type, lead(n.type) over w as next_type, lead(n.seq) over w as next_seq, lead(n.at) over w as next_at
        from new_rows n
        where n.type in ('node.entered', 'node.left') and n.node_id is not null
        window w as (partition by n.instance_id, n.node_id order by n.seq)
      ), entered as (
        insert into report_step_visits (instance_id, flow_key, node_id, node_type, entered_seq, entered_at, left_seq, left_at)
          select e.instance_id, coalesce(e.flow_key, (select i.flow_key from instances i where i.id = e.instance_id)),
            e.node_id, e.node_type, e.seq, e.at,
            case when e.next_type = 'node.left' then e.next_seq end, case when e.next_type = 'node.left' then e.next_at end
          from ev e
          where e.type = 'node.entered'
      )
      update report_step_visits v set left_at = l.at, left_seq = l.seq
        from ev l
        where l.type = 'node.left' and l.prev_type is null
          and v.instance_id = l.instance_id and v.node_id = l.node_id and v.left_at is null and v.entered_seq < l.seq
          and not exists (
            select 1 from report_step_visits w
            where w.instance_id = v.instance_id and w.node_id = v.node_id and w.left_at is null
              and w.entered_seq > v.entered_seq and w.entered_seq < l.seq);
      return null;
    end $$`.execute(db);
  await sql`create index instances_flow_created_id_idx on instances (flow_key, created_at) include (id)`.execute(db);
  await sql`drop index if exists instances_flow_created_idx`.execute(db);
  await sql`drop index if exists instances_flow_id_idx`.execute(db);
}

/** Migration 0010's function and indexes, as they were. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists instances_flow_created_idx on instances (flow_key, created_at)`.execute(db);
  await sql`create index if not exists instances_flow_id_idx on instances (flow_key, id)`.execute(db);
  await sql`drop index if exists instances_flow_created_id_idx`.execute(db);
  await stepVisitsFunction().execute(db);
}
