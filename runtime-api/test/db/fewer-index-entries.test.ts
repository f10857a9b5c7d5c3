import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import * as fewerIndexEntries from '../../src/db/migrations/0021-fewer-index-entries.js';
import { forEachDatabase } from '../harness/for-each-database.js';

async function indexes(db: Kysely<Database>, table: string): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.def.replace(/ ON [^ ]+ USING btree/, '')]));
}

async function fillfactor(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ options: string[] | null }>`select reloptions as options from pg_class where oid = 'instances'::regclass`.execute(db);
  return rows[0]?.options ?? [];
}

/** Thrown to roll a test's transaction back. */
class RolledBack extends Error {}

async function rolledBack(db: Kysely<Database>, run: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await run(trx);
    throw new RolledBack();
  }).catch((err: unknown) => {
    if (!(err instanceof RolledBack)) throw err;
  });
}

/** Updates and heap-only updates of instances by one update that completes a new instance (rolled back). */
async function completingUpdate(db: Kysely<Database>): Promise<{ all: number; hot: number }> {
  let counts = { all: -1, hot: -1 };
  await rolledBack(db, async (trx) => {
    await sql`insert into instances (id, flow_key, flow_version, status, state, started_by, form_key, subject_id)
      values ('lean-1', 'f', 1, 'running', '{}'::jsonb, 'u', 'form-a', 'u')`.execute(trx);
    const read = async () => {
      const { rows } = await sql<{ all: string; hot: string }>`select pg_stat_get_xact_tuples_updated('instances'::regclass) as all,
        pg_stat_get_xact_tuples_hot_updated('instances'::regclass) as hot`.execute(trx);
      return { all: Number(rows[0]!.all), hot: Number(rows[0]!.hot) };
    };
    const before = await read();
    // As the command path ends a process: status, state, version, completed_at change together.
    await sql`update instances set status = 'completed', state = '{"done":true}'::jsonb, version = version + 1,
      updated_at = now(), completed_at = now() where id = 'lean-1'`.execute(trx);
    const after = await read();
    counts = { all: after.all - before.all, hot: after.hot - before.hot };
  });
  return counts;
}

/** The plan's text of `query`, with sequential scans discouraged (a test table is small enough to read whole). */
async function plan(db: Kysely<Database>, query: string): Promise<string> {
  let text = '';
  await rolledBack(db, async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql.raw(`explain ${query}`).execute(trx);
    text = (rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]).join('\n');
  });
  return text;
}

forEachDatabase('fewer index entries per command (migration 0021)', (ctx) => {
  const db = () => ctx().database.db;

  it('indexes no instance column a step changes, status included, and keys step visits by (instance_id, entered_seq)', async () => {
    const instances = await indexes(db(), 'instances');
    expect(Object.keys(instances)).not.toContain('instances_status_idx');
    expect(Object.values(instances).filter((d) => /status|completed_at|updated_at|state|data|version|history_seq/.test(d))).toEqual([]);
    const visits = await indexes(db(), 'report_step_visits');
    expect(visits.report_step_visits_pkey).toMatch(/^CREATE UNIQUE INDEX .*\(instance_id, entered_seq\)$/);
    expect(Object.keys(visits).sort()).toEqual(['report_step_visits_flow_idx', 'report_step_visits_pkey']);
    expect(await fillfactor(db())).toContain('fillfactor=70');
  });

  it('the update that ends a process is heap-only (no index entry)', async () => {
    expect(await completingUpdate(db())).toEqual({ all: 1, hot: 1 });
  });

  it('the instance list and counts of a flow still read an index on flow_key', async () => {
    expect(await plan(db(), `select id from instances where flow_key = 'f' and status = 'running' order by created_at desc, id desc limit 51`)).toMatch(/instances_flow_created_id_idx/);
    expect(await plan(db(), `select flow_version, status, count(*) from instances where flow_key = 'f' group by flow_version, status`)).toMatch(/instances_flow_created_id_idx/);
  });

  it('a history insert still opens and closes visits, and a visit\'s (instance_id, entered_seq) stays unique', async () => {
    await rolledBack(db(), async (trx) => {
      await sql`insert into instances (id, flow_key, flow_version, status, state, started_by) values ('lean-2', 'f', 1, 'running', '{}'::jsonb, 'u')`.execute(trx);
      const event = (seq: number, type: string, node: string) =>
        sql`(${'lean-2'}, ${seq}, ${type}, ${JSON.stringify({ nodeType: 'task', flowKey: 'f' })}::jsonb, now(), ${node})`;
      await sql`insert into history (instance_id, seq, type, payload, at, node_id) values ${sql.join([event(1, 'node.entered', 'a'), event(2, 'node.left', 'a'), event(3, 'node.entered', 'b')])}`.execute(trx);
      await sql`insert into history (instance_id, seq, type, payload, at, node_id) values ${event(4, 'node.left', 'b')}`.execute(trx);
      const { rows } = await sql`select node_id, entered_seq, left_seq from report_step_visits where instance_id = 'lean-2' order by entered_seq`.execute(trx);
      expect(rows).toEqual([{ node_id: 'a', entered_seq: 1, left_seq: 2 }, { node_id: 'b', entered_seq: 3, left_seq: 4 }]);
      await expect(sql`insert into report_step_visits (instance_id, node_id, entered_seq, entered_at) values ('lean-2', 'b', 3, now())`.execute(trx))
        .rejects.toThrow(/report_step_visits_pkey|duplicate key/);
    });
  });

  it('its down restores the status index and the id key, and up removes them again', async () => {
    await fewerIndexEntries.down(db() as Kysely<unknown>);
    try {
      expect(Object.keys(await indexes(db(), 'instances'))).toContain('instances_status_idx');
      const visits = await indexes(db(), 'report_step_visits');
      expect(visits.report_step_visits_pkey).toMatch(/\(id\)$/);
      expect(visits.report_step_visits_entry_idx).toMatch(/^CREATE UNIQUE INDEX .*\(instance_id, entered_seq\)$/);
      // What the migration is for: with status indexed, ending a process wrote every index of the instance.
      expect(await completingUpdate(db())).toEqual({ all: 1, hot: 0 });
      expect(await fillfactor(db())).toContain('fillfactor=85');
    } finally {
      await fewerIndexEntries.up(db() as Kysely<unknown>);
    }
    expect(Object.keys(await indexes(db(), 'instances'))).not.toContain('instances_status_idx');
    expect(Object.keys(await indexes(db(), 'report_step_visits'))).not.toContain('report_step_visits_entry_idx');
  });
});
