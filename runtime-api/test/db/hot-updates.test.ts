import { CompiledQuery, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import * as hotUpdates from '../../src/db/migrations/0020-hot-updates.js';
import { forEachDatabase } from '../harness/for-each-database.js';

async function indexes(db: Kysely<Database>, table: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.def.replace(/ ON [^ ]+ USING btree/, '')]));
}

/** Updates and heap-only updates of `table` by this transaction so far (PostgreSQL's per-transaction counters). */
async function updates(db: Kysely<Database>, table: string): Promise<{ all: number; hot: number }> {
  const { rows } = await sql<{ all: string; hot: string }>`
    select pg_stat_get_xact_tuples_updated(${table}::regclass) as all, pg_stat_get_xact_tuples_hot_updated(${table}::regclass) as hot`.execute(db);
  return { all: Number(rows[0]!.all), hot: Number(rows[0]!.hot) };
}

/** Thrown to roll a test's transaction back. */
class RolledBack extends Error {}

// The command path's update of an existing instance (instance-pipeline.ts, held-step-write.ts), as it is sent.
const UPDATE_INSTANCE =
  'update "instances" set "state" = $1, "data" = $2, "status" = $3, "version" = "version" + 1, "history_seq" = $4, ' +
  '"updated_at" = $5, "completed_at" = $6 where "id" = $7 and "version" = $8';

/**
 * Two updates of a new instance that leave it running, then one that completes it, in a transaction rolled back
 * afterwards: how many of each were updates, and how many heap-only.
 */
async function instanceUpdates(db: Kysely<Database>) {
  let counts: { running: { all: number; hot: number }; completed: { all: number; hot: number } } | undefined;
  await db.transaction().execute(async (trx) => {
    await sql`insert into instances (id, flow_key, flow_version, status, state, started_by, form_key, subject_id)
      values ('hot-1', 'f', 1, 'running', '{}'::jsonb, 'u', 'form-a', 'u')`.execute(trx);
    const at = new Date();
    const send = (status: string, version: number, completedAt: Date | null) =>
      trx.executeQuery(CompiledQuery.raw(UPDATE_INSTANCE, [JSON.stringify({ step: version }), JSON.stringify({ note: `v${version}` }), status, version + 1, new Date(at.getTime() + version), completedAt, 'hot-1', version]));
    const start = await updates(trx, 'instances');
    await send('running', 1, null);
    await send('running', 2, null);
    const running = await updates(trx, 'instances');
    await send('completed', 3, at);
    const completed = await updates(trx, 'instances');
    const row = await trx.selectFrom('instances').select(['status', 'version']).where('id', '=', 'hot-1').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'completed', version: 4 });
    counts = {
      running: { all: running.all - start.all, hot: running.hot - start.hot },
      completed: { all: completed.all - running.all, hot: completed.hot - running.hot },
    };
    throw new RolledBack();
  }).catch((err: unknown) => {
    if (!(err instanceof RolledBack)) throw err;
  });
  return counts;
}

forEachDatabase('HOT updates on the command path (migration 0020)', (ctx) => {
  const db = () => ctx().database.db;

  it('indexes nothing a command changes on every step: no updated_at of instances, no open-visit predicate, partial audit indexes', async () => {
    const instances = await indexes(db(), 'instances');
    expect(Object.keys(instances)).not.toContain('instances_form_updated_idx');
    expect(Object.keys(instances)).not.toContain('instances_flow_updated_idx');
    expect(Object.values(instances).filter((d) => /updated_at|state|data|version|history_seq/.test(d))).toEqual([]);
    const visits = await indexes(db(), 'report_step_visits');
    expect(Object.keys(visits)).not.toContain('report_step_visits_open_idx');
    // The primary key since migration 0021 (the unique index renamed).
    expect(visits.report_step_visits_pkey).toMatch(/\(instance_id, entered_seq\)/);
    const audit = await indexes(db(), 'audit_log');
    expect(audit.audit_log_seq_linked_idx).toMatch(/^CREATE UNIQUE INDEX .*\(seq\) WHERE \(seq IS NOT NULL\)$/);
    expect(audit.audit_log_hash_linked_idx).toMatch(/^CREATE UNIQUE INDEX .*\(hash\) WHERE \(hash IS NOT NULL\)$/);
    expect(Object.keys(audit)).not.toContain('audit_log_seq_idx');
    expect(Object.keys(audit)).not.toContain('audit_log_hash_key');
    const { rows } = await sql<{ options: string[] | null }>`select reloptions as options from pg_class where oid = 'instances'::regclass`.execute(db());
    expect(rows[0]?.options).toContain('fillfactor=70'); // 85 here, 70 since migration 0021
  });

  it('an instance update that leaves status alone is heap-only; since 0021 (status unindexed) so is the one that changes it', async () => {
    expect(await instanceUpdates(db())).toEqual({ running: { all: 2, hot: 2 }, completed: { all: 1, hot: 1 } });
  });

  it('the audit chain\'s readers can still use the partial indexes (the planner proves seq is not null)', async () => {
    await db().transaction().execute(async (trx) => {
      // A test database's audit_log is small: without this the planner may rightly prefer reading it whole.
      await sql`set local enable_seqscan = off`.execute(trx);
      for (const query of [sql`explain select max(seq) from audit_log`, sql`explain select seq, hash from audit_log where seq > 10 order by seq limit 100`]) {
        const { rows } = await query.execute(trx);
        expect((rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]).join('\n')).toMatch(/audit_log_seq_linked_idx/);
      }
    });
  });

  it('its down restores the indexes it dropped, and up drops them again', async () => {
    await hotUpdates.down(db() as Kysely<unknown>);
    try {
      expect(Object.keys(await indexes(db(), 'instances'))).toEqual(expect.arrayContaining(['instances_form_updated_idx', 'instances_flow_updated_idx']));
      expect(Object.keys(await indexes(db(), 'report_step_visits'))).toContain('report_step_visits_open_idx');
      const audit = await indexes(db(), 'audit_log');
      expect(audit.audit_log_seq_idx).toMatch(/\(seq\)$/);
      expect(audit.audit_log_hash_key).toMatch(/\(hash\)$/);
      // What the migration is for: with updated_at indexed, no instance update was heap-only.
      expect(await instanceUpdates(db())).toEqual({ running: { all: 2, hot: 0 }, completed: { all: 1, hot: 0 } });
      expect(Object.keys(audit)).not.toContain('audit_log_seq_linked_idx');
    } finally {
      await hotUpdates.up(db() as Kysely<unknown>);
    }
    expect(Object.keys(await indexes(db(), 'instances'))).not.toContain('instances_flow_updated_idx');
  });
});
