import { sql, type Kysely } from 'kysely';

/**
 * The audit chain without a global lock on every command (see runtime-api/README.md, "Audit").
 *
 * Commands insert their entries unchained (seq, prev_hash and hash null) in their own transaction; the
 * chainer links committed entries in batches under a short advisory lock, by setting those three columns
 * once. The database still refuses every other change: content is frozen from the insert, a chained
 * entry cannot change at all, nothing can be deleted or truncated, and a command cannot insert an entry
 * that claims a place in the chain. Signed checkpoints (Merkle roots of ranges of entries) live beside it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_pkey`.execute(db);
  // Insertion order; the chain order (seq) is assigned later, in order of commit.
  await sql`alter table audit_log add column id bigint generated always as identity`.execute(db);
  await sql`alter table audit_log add constraint audit_log_pkey primary key (id)`.execute(db);
  await sql`
    alter table audit_log
      alter column seq drop not null,
      alter column prev_hash drop not null,
      alter column hash drop not null,
      add constraint audit_log_chained_together check (
        (seq is null and prev_hash is null and hash is null) or (seq is not null and prev_hash is not null and hash is not null))`.execute(db);
  await sql`create unique index audit_log_seq_idx on audit_log (seq)`.execute(db);
  await sql`create index audit_log_unchained_idx on audit_log (id) where hash is null`.execute(db);

  // The one permitted UPDATE: the chainer linking an unchained entry, content untouched.
  await sql`
    create or replace function baton_audit_log_append_only() returns trigger language plpgsql as $$
    begin
      -- Nested: OLD is not assigned for TRUNCATE (a statement trigger), so test the operation first.
      if tg_op = 'UPDATE' then
        if old.hash is null and new.hash is not null and new.seq is not null
           and new.id = old.id and new.at = old.at and new.actor = old.actor and new.action = old.action
           and new.subject_kind = old.subject_kind and new.subject_id = old.subject_id and new.data = old.data then
          return new;
        end if;
      end if;
      raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create function baton_audit_log_insert_unchained() returns trigger language plpgsql as $$
    begin
      if new.seq is not null or new.prev_hash is not null or new.hash is not null then
        raise exception 'audit_log entries are inserted unchained; only the chainer links them' using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger audit_log_insert_unchained before insert on audit_log
    for each row execute function baton_audit_log_insert_unchained()`.execute(db);

  await sql`
    create function baton_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
    end $$`.execute(db);

  // The chain's identity, created with the first chained entry: signed heads name it, so heads written by
  // another database into the same file are never compared with this one.
  await sql`
    create table audit_chain (
      singleton boolean primary key default true check (singleton),
      chain_id text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  // A signed checkpoint: the Merkle root of the entries from_seq..to_seq and the chain hash at to_seq.
  await sql`
    create table audit_checkpoints (
      to_seq bigint primary key,
      from_seq bigint not null unique check (from_seq >= 1 and from_seq <= to_seq),
      root text not null,
      head_hash text not null,
      at timestamptz not null,
      key_id text not null,
      public_key text not null,
      signature text not null
    )`.execute(db);

  for (const table of ['audit_chain', 'audit_checkpoints']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function baton_append_only()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function baton_append_only()`.execute(db);
  }

  // Privileges as well as triggers: the role that runs the app (the one migrating, unless an operator
  // grants another role) may read and insert, and update only the chain columns. A superuser ignores
  // privileges, which is why the triggers stay.
  await sql`revoke update, delete, truncate on audit_log, audit_chain, audit_checkpoints from public`.execute(db);
  await sql`revoke update, delete, truncate on audit_log, audit_chain, audit_checkpoints from current_user`.execute(db);
  await sql`grant update (seq, prev_hash, hash) on audit_log to current_user`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`grant update, delete, truncate on audit_log to current_user`.execute(db);
  await sql`drop table if exists audit_checkpoints`.execute(db);
  await sql`drop table if exists audit_chain`.execute(db);
  await sql`drop function if exists baton_append_only()`.execute(db);
  await sql`drop trigger if exists audit_log_insert_unchained on audit_log`.execute(db);
  await sql`drop function if exists baton_audit_log_insert_unchained()`.execute(db);
  await sql`
    create or replace function baton_audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
    end $$`.execute(db);
  // Entries still unchained cannot go back to the old NOT NULL shape; chain them (start the app) first.
  await sql`drop index if exists audit_log_unchained_idx`.execute(db);
  await sql`drop index if exists audit_log_seq_idx`.execute(db);
  await sql`
    alter table audit_log
      drop constraint audit_log_chained_together,
      alter column seq set not null,
      alter column prev_hash set not null,
      alter column hash set not null,
      drop constraint audit_log_pkey`.execute(db);
  await sql`alter table audit_log drop column id`.execute(db);
  await sql`alter table audit_log add constraint audit_log_pkey primary key (seq)`.execute(db);
}
