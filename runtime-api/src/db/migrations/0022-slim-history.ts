import { sql, type Kysely } from 'kysely';

/**
 * History rows stop carrying their columns twice (see runtime-api/README.md, "db-writes-per-command").
 *
 * Every command appends ~5 history rows, and each payload was the whole engine event: its type, time, seq,
 * actor, node and instance id sat in the payload beside the columns that hold them. From here on the runtime
 * stores only what the columns do not (execution/history-rows.ts, storedPayload) and readers rebuild the
 * event (historyEvent). Rows written before keep their whole event, recognisable by its `type` key, and read
 * as they are: no row is rewritten.
 *
 * node_id was generated from payload ->> 'nodeId'; it becomes a plain column the runtime writes (existing
 * values stay). Its index and the step-visit trigger read it as before.
 *
 * Not changed: the surrogate primary key on id. The words watermark of reports (report-words.ts) reads
 * max(id) and the ids after a mark through it, and the history dataset of reports exposes id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table history alter column node_id drop expression`.execute(db);
}

/** Whole events back in every payload, and node_id generated again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update history set payload = (
      jsonb_build_object('type', type, 'at', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'seq', seq, 'instanceId', instance_id)
      || case when actor is null then '{}'::jsonb else jsonb_build_object('actor', actor) end
      || case when node_id is null then '{}'::jsonb else jsonb_build_object('nodeId', node_id) end
      || payload
    ) - case when payload -> 'seq' = 'null'::jsonb then 'seq' else '' end
      - case when payload -> 'instanceId' = 'null'::jsonb then 'instanceId' else '' end
    where not payload ? 'type'`.execute(db);
  await sql`alter table history drop column node_id`.execute(db);
  await sql`alter table history add column node_id text generated always as (payload ->> 'nodeId') stored`.execute(db);
  await sql`create index history_type_node_idx on history (type, node_id, instance_id) include (at)`.execute(db);
}
