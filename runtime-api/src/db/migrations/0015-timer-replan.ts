import { sql, type Kysely } from 'kysely';

// A timer re-planned to a new due time (a changed date field, a changed pack parameter, a schedule rule's
// next run) starts afresh: a retry wait left in `locked_until` by an earlier failed try belongs to the old
// time and must not hold the new one back. Every path that moves a timer (the pipeline's upsert, the
// re-planning of pack parameters, the schedule sync) goes through this one trigger. A timer a worker holds
// right now (locked_by set) keeps its lease: the firing transaction sees the new time and gives it back.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create or replace function baton_timer_replanned() returns trigger language plpgsql as $$
    begin
      if new.due_at is distinct from old.due_at and new.locked_by is null and new.status = 'scheduled' then
        new.locked_until := null;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger timers_replanned before update of due_at on timers
    for each row execute function baton_timer_replanned()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists timers_replanned on timers`.execute(db);
  await sql`drop function if exists baton_timer_replanned()`.execute(db);
}
