import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { stepVisitsFunction } from '../../src/db/migrations/0010-reports.js';
import * as upkeep from '../../src/db/migrations/0019-report-upkeep.js';
import { forEachDatabase } from '../harness/for-each-database.js';

type Ev = { type: string; node: string | null; at: number };
type Row = [instanceId: string, seq: number, type: string, payload: string, at: string];

const BASE = Date.parse('2025-01-01T00:00:00Z');
const VISIT_COLUMNS = sql.raw('instance_id, flow_key, node_id, node_type, entered_seq, entered_at, left_at');

/**
 * 0010's function, kept here as the reference: it writes the visits it would have written into
 * reference_visits, beside the current trigger's report_step_visits, from the very same inserts.
 */
async function addReference(db: Kysely<Database>): Promise<void> {
  await sql`create table reference_visits (like report_step_visits including all)`.execute(db);
  await stepVisitsFunction('reference_visits', 'reference_visits_fn').execute(db);
  await sql`create trigger reference_visits_trg after insert on history
    referencing new table as new_rows for each statement execute function reference_visits_fn()`.execute(db);
}

async function dropReference(db: Kysely<Database>): Promise<void> {
  await sql`drop trigger if exists reference_visits_trg on history`.execute(db);
  await sql`drop function if exists reference_visits_fn()`.execute(db);
  await sql`drop table if exists reference_visits`.execute(db);
}

async function addInstances(db: Kysely<Database>, ids: string[], flow = 'f'): Promise<void> {
  await sql`insert into instances (id, flow_key, flow_version, status, state, started_by, created_at, updated_at)
    select id, ${flow}, 1, 'running', '{}'::jsonb, 'u', now(), now() from unnest(${ids}::text[]) as x(id)`.execute(db);
}

/** One INSERT statement of history rows (one statement = one run of the statement-level trigger). */
async function insertHistory(db: Kysely<Database>, rows: Row[]): Promise<void> {
  const col = (i: number) => rows.map((r) => r[i]);
  await sql`insert into history (instance_id, seq, type, payload, at, node_id)
    select *, payload ->> 'nodeId' from unnest(${col(0)}::text[], ${col(1)}::int[], ${col(2)}::text[], ${col(3)}::jsonb[], ${col(4)}::timestamptz[]) as r(instance_id, seq, type, payload, at)`.execute(db);
}

const row = (instanceId: string, seq: number, e: Ev, flowKey: string | undefined): Row => {
  const payload: Record<string, unknown> = { type: e.type, nodeType: 'task' };
  if (e.node !== null) payload.nodeId = e.node;
  if (flowKey !== undefined) payload.flowKey = flowKey;
  return [instanceId, seq, e.type, JSON.stringify(payload), new Date(BASE + e.at * 60_000).toISOString()];
};

/** Visits as the reports read them (left_seq aside: 0010 let two simultaneous node.left events race for it). */
async function visits(db: Kysely<Database>, table: 'report_step_visits' | 'reference_visits', like: string) {
  const { rows } = await sql`select ${VISIT_COLUMNS} from ${sql.table(table)} where instance_id like ${like}
    order by instance_id, entered_seq`.execute(db);
  return rows;
}

forEachDatabase('report step visits (migration 0019)', (ctx) => {
  const db = () => ctx().database.db;

  it('stores a visit entered and left by one statement closed, and closes a later statement\'s visit', async () => {
    await addInstances(db(), ['s1', 's2', 's3']);
    const e = (type: string, node: string | null, at: number): Ev => ({ type, node, at });
    // s1: start and gateway pass in the first command, the task waits; the next command leaves it and ends.
    await insertHistory(db(), [
      row('s1', 1, e('flow.started', null, 0), 'f'), row('s1', 2, e('node.entered', 'start', 0), 'f'), row('s1', 3, e('node.left', 'start', 0), 'f'),
      row('s1', 4, e('node.entered', 'gw', 0), 'f'), row('s1', 5, e('node.left', 'gw', 0), 'f'), row('s1', 6, e('node.entered', 'task', 0), 'f'),
      // s2 loops through one node twice in one statement; s3's events carry no flow key.
      row('s2', 1, e('node.entered', 'x', 1), 'f'), row('s2', 2, e('node.left', 'x', 2), 'f'), row('s2', 3, e('node.entered', 'x', 3), 'f'),
      row('s2', 4, e('node.left', 'x', 4), 'f'), row('s2', 5, e('node.entered', 'x', 5), 'f'),
      row('s3', 1, e('node.entered', 'y', 1), undefined), row('s3', 2, e('node.entered', null, 1), undefined),
    ]);
    await insertHistory(db(), [
      row('s1', 7, e('node.left', 'task', 60), 'f'), row('s1', 8, e('node.entered', 'end', 60), 'f'), row('s1', 9, e('node.left', 'end', 60), 'f'),
      row('s2', 6, e('node.left', 'x', 9), 'f'), row('s3', 3, e('task.created', 'y', 9), undefined),
    ]);
    const { rows } = await sql<{ instance_id: string; flow_key: string; node_id: string; entered_seq: number; left_seq: number | null }>`
      select instance_id, flow_key, node_id, entered_seq, left_seq from report_step_visits where instance_id in ('s1', 's2', 's3')
      order by instance_id, entered_seq`.execute(db());
    expect(rows.map((r) => [r.instance_id, r.flow_key, r.node_id, r.entered_seq, r.left_seq])).toEqual([
      ['s1', 'f', 'start', 2, 3], ['s1', 'f', 'gw', 4, 5], ['s1', 'f', 'task', 6, 7], ['s1', 'f', 'end', 8, 9],
      ['s2', 'f', 'x', 1, 2], ['s2', 'f', 'x', 3, 4], ['s2', 'f', 'x', 5, 6],
      ['s3', 'f', 'y', 1, null],
    ]);
  });

  it('writes the same visits as migration 0010 did, however the events are split into statements', { timeout: 120_000 }, async () => {
    await addReference(db());
    try {
      let seed = 12345;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      // Per instance, events as the engine writes them: visits of a node alternate entered / left (loops
      // re-enter a node), a three-branch join enters twice then leaves twice at one instant and enters once
      // merged; plus other events and node events without a node.
      const stream = (): Ev[] => {
        const out: Ev[] = [];
        const inside = new Set<string>();
        let t = 0;
        for (let k = 0; k < 12; k++) {
          const node = ['a', 'b', 'c'][rnd(3)]!;
          t += rnd(3);
          const kind = rnd(10);
          if (kind === 0) out.push({ type: 'task.created', node, at: t });
          else if (kind === 1) out.push({ type: 'node.entered', node: null, at: t });
          else if (kind === 2 && !inside.has(node)) {
            out.push({ type: 'node.entered', node, at: t }, { type: 'node.entered', node, at: t + 1 }, { type: 'node.left', node, at: t + 2 },
              { type: 'node.left', node, at: t + 2 }, { type: 'node.entered', node, at: t + 2 });
            inside.add(node);
            t += 2;
          } else if (inside.delete(node)) out.push({ type: 'node.left', node, at: t });
          else {
            out.push({ type: 'node.entered', node, at: t });
            inside.add(node);
          }
        }
        return out;
      };
      for (let round = 0; round < 10; round++) {
        const streams = Array.from({ length: 20 }, (_, i) => ({ id: `r${round}-${i}`, events: stream(), next: 0 }));
        await addInstances(db(), streams.map((s) => s.id));
        // Each statement takes the next 1–6 events of a random half of the instances, in shuffled order.
        while (streams.some((s) => s.next < s.events.length)) {
          const rows: Row[] = [];
          for (const s of streams) {
            if (s.next >= s.events.length || rnd(2) === 0) continue;
            for (let take = 1 + rnd(6); take > 0 && s.next < s.events.length; take--, s.next++) {
              rows.push(row(s.id, s.next + 1, s.events[s.next]!, rnd(4) === 0 ? undefined : 'f'));
            }
          }
          if (rows.length > 0) await insertHistory(db(), rows.sort(() => rnd(3) - 1));
        }
      }
      const current = await visits(db(), 'report_step_visits', 'r%');
      expect(current.length).toBeGreaterThan(1_000);
      expect(current.filter((v) => (v as { left_at: unknown }).left_at === null).length).toBeGreaterThan(50);
      expect(current).toEqual(await visits(db(), 'reference_visits', 'r%'));
    } finally {
      await dropReference(db());
    }
  });

  it('down restores 0010\'s function, and up brings this one back', async () => {
    await addReference(db());
    try {
      await upkeep.down(db() as unknown as Kysely<unknown>);
      await addInstances(db(), ['d1']);
      const e = (type: string, node: string, at: number): Ev => ({ type, node, at });
      await insertHistory(db(), [row('d1', 1, e('node.entered', 'a', 0), 'f'), row('d1', 2, e('node.left', 'a', 1), 'f'), row('d1', 3, e('node.entered', 'b', 1), 'f')]);
      await insertHistory(db(), [row('d1', 4, e('node.left', 'b', 2), 'f')]);
      expect(await visits(db(), 'report_step_visits', 'd%')).toEqual(await visits(db(), 'reference_visits', 'd%'));
      const { rows } = await sql<{ body: string }>`select prosrc as body from pg_proc where proname = 'baton_report_step_visits'`.execute(db());
      expect(rows[0]?.body).toContain('on conflict (instance_id, entered_seq) do nothing');
    } finally {
      await upkeep.up(db() as unknown as Kysely<unknown>);
      await dropReference(db());
    }
    const { rows } = await sql<{ body: string }>`select prosrc as body from pg_proc where proname = 'baton_report_step_visits'`.execute(db());
    expect(rows[0]?.body).toContain('over w');
  });

  // 0019's first draft paired events with a scan of the batch per event: quadratic, and a timer batch's
  // single insert of 200,000 history rows never finished. A linear pass does 50,000 rows in about a second
  // on PostgreSQL here; the bound only has to tell linear from quadratic (minutes at this size).
  it('handles 50,000 history rows in one statement, and their node.left events in the next, in linear time', { timeout: 180_000 }, async () => {
    const instances = 5_000;
    const ids = Array.from({ length: instances }, (_, i) => `bulk-${i}`);
    await addInstances(db(), ids);
    const started = performance.now();
    // Ten events each: flow.started, four nodes entered and left, the last one left by the next statement.
    await sql`insert into history (instance_id, seq, type, payload, at, node_id)
      select id, k, case when k = 1 then 'flow.started' when k % 2 = 0 then 'node.entered' else 'node.left' end,
        jsonb_build_object('nodeType', 'task') || case when g % 2 = 0 then jsonb_build_object('flowKey', 'f') else '{}'::jsonb end,
        now(), 'n' || (k / 2)
      from unnest(${ids}::text[]) with ordinality as x(id, g) cross join generate_series(1, 10) k`.execute(db());
    await sql`insert into history (instance_id, seq, type, payload, at, node_id)
      select id, 11, 'node.left', jsonb_build_object('nodeType', 'task', 'flowKey', 'f'), now(), 'n5'
      from unnest(${ids}::text[]) as x(id)`.execute(db());
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await sql<{ visits: number; open: number; flows: number }>`
      select count(*)::int as visits, count(*) filter (where left_at is null)::int as open, count(distinct flow_key)::int as flows
      from report_step_visits where instance_id like 'bulk-%'`.execute(db());
    expect(rows[0]).toEqual({ visits: instances * 5, open: 0, flows: 1 });
    expect(seconds).toBeLessThan(60);
  });
});
