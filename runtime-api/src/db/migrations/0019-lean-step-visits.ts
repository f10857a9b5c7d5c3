import { sql, type Kysely } from 'kysely';

/**
 * report_step_visits kept by one statement per history insert instead of two, and without writing a visit
 * twice. Every command appends history, so this trigger runs on every command: before, a node entered and
 * left by the same command (a start node, an end node, an automatic step) was inserted open and then
 * updated closed — an update that cannot be HOT (left_at is in two indexes), so it wrote the row and all
 * four index entries again. Now a visit whose node.left is in the same batch is inserted closed, and the
 * update only closes visits of earlier commands. No ON CONFLICT: history's (instance_id, seq) is unique, so
 * a visit's (instance_id, entered_seq) cannot repeat, and a speculative insert costs an extra index probe and
 * WAL record per row. The flow key comes from the event (the engine writes it), the instance only when it
 * is missing. Same visits as before (migration 0010 defines what a visit is).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function baton_report_step_visits() returns trigger language plpgsql as $$
    begin
      with entered as (
        insert into report_step_visits (instance_id, flow_key, node_id, node_type, entered_seq, entered_at, left_seq, left_at)
          select n.instance_id, coalesce(n.payload ->> 'flowKey', (select i.flow_key from instances i where i.id = n.instance_id)),
                 n.node_id, n.payload ->> 'nodeType', n.seq, n.at, l.seq, l.at
          from new_rows n
          left join lateral (
            -- the first node.left of this node after it, unless the node was entered again in between
            select l.seq, l.at from new_rows l
            where l.type = 'node.left' and l.instance_id = n.instance_id and l.node_id = n.node_id and l.seq > n.seq
              and not exists (
                select 1 from new_rows w
                where w.type = 'node.entered' and w.instance_id = n.instance_id and w.node_id = n.node_id
                  and w.seq > n.seq and w.seq < l.seq)
            order by l.seq limit 1
          ) l on true
          where n.type = 'node.entered' and n.node_id is not null
        returning 1
      )
      -- A node.left closes the latest open visit of its node entered before it: one of an earlier command
      -- (this statement does not see the rows inserted above), unless this batch entered the node again
      -- in between (then the insert above closed that visit).
      update report_step_visits v set left_at = l.at, left_seq = l.seq
        from new_rows l
        where l.type = 'node.left' and l.node_id is not null
          and v.instance_id = l.instance_id and v.node_id = l.node_id and v.left_at is null and v.entered_seq < l.seq
          and not exists (
            select 1 from report_step_visits w
            where w.instance_id = v.instance_id and w.node_id = v.node_id and w.left_at is null
              and w.entered_seq > v.entered_seq and w.entered_seq < l.seq)
          and not exists (
            select 1 from new_rows e
            where e.type = 'node.entered' and e.instance_id = l.instance_id and e.node_id = l.node_id
              and e.seq > v.entered_seq and e.seq < l.seq);
      return null;
    end $$`.execute(db);
}

/** Migration 0010's function. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function baton_report_step_visits() returns trigger language plpgsql as $$
    begin
      insert into report_step_visits (instance_id, flow_key, node_id, node_type, entered_seq, entered_at)
        select n.instance_id, i.flow_key, n.node_id, n.payload ->> 'nodeType', n.seq, n.at
        from new_rows n join instances i on i.id = n.instance_id
        where n.type = 'node.entered' and n.node_id is not null
        on conflict (instance_id, entered_seq) do nothing;
      update report_step_visits v set left_at = l.at, left_seq = l.seq
        from new_rows l
        where l.type = 'node.left' and l.node_id is not null
          and v.instance_id = l.instance_id and v.node_id = l.node_id and v.left_at is null and v.entered_seq < l.seq
          and not exists (
            select 1 from report_step_visits w
            where w.instance_id = v.instance_id and w.node_id = v.node_id and w.left_at is null
              and w.entered_seq > v.entered_seq and w.entered_seq < l.seq);
      return null;
    end $$`.execute(db);
}
