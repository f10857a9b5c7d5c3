import type { DomainEvent } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import * as slimHistory from '../../src/db/migrations/0022-slim-history.js';
import { historyEvent, historyRowsOf, HISTORY_COLUMNS } from '../../src/execution/history-rows.js';
import { insertRows } from '../../src/execution/row-inserts.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { approverStep, oneStepFlow, requestFields, t } from '../harness/one-step-flow.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;

const form = { kind: 'form', key: 'slim-request', title: t('Slim request', '精简申请'), fields: requestFields };
const flow = oneStepFlow({ key: 'slim', title: t('Slim', '精简'), form: 'slim-request' }, approverStep);

const rowsOf = (db: Kysely<Database>, id: string) => db.selectFrom('history').selectAll().where('instance_id', '=', id).orderBy('seq').execute();

/** Events of every shape the writers produce: engine events, runtime events without seq, odd fields kept. */
const odd: DomainEvent[] = [
  { type: 'node.entered', at: '2025-03-03T01:00:00.000Z', seq: 1, instanceId: 'slim-x', flowKey: 'f', flowVersion: 2, nodeId: 'a', nodeType: 'task', actor: 'u1', payload: { token: { id: 't1' } } },
  // The engine's seq is its state version: after runtime events it differs from the row's seq.
  { type: 'task.completed', at: '2025-03-03T01:00:01.000Z', seq: 1, instanceId: 'slim-x', nodeId: 'a', taskId: 'k1', actor: 'u1', data: { x: 1 }, payload: { action: 'approve', by: 'u1' } },
  // A rule's events carry no seq; a time with an offset or microseconds does not read back as the same string.
  { type: 'task.created', at: '2025-03-03T09:00:02.000+08:00', instanceId: 'slim-x', flowKey: 'f', taskId: 'k2', actor: 'system', payload: { task: { taskId: 'k2' }, source: 'rule' } },
  { type: 'comment.added', at: '2025-03-03T01:00:03.123456Z', payload: { text: 'hi' } },
  { type: 'odd.node', at: '2025-03-03T01:00:04.000Z', seq: 5, instanceId: 'slim-x', nodeId: 7 as unknown as string },
];

forEachDatabase('history rows without the columns\' copies (migration 0022)', (ctx) => {
  const db = () => ctx().database.db;
  let id = '';

  it('runs a process: its rows hold no copy of a column, and node_id is written with the row', async () => {
    const c = ctx();
    const imported = await c.call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'employee', name: 'E', roles: [] }, { id: 'approver', name: 'A', roles: [] }] } });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [form, flow]) await publish(c, def);
    const started = await c.call({ method: 'POST', url: '/api/flows/slim/instances', payload: { data: { employeeId: 'employee', note: 'n' } }, token: await c.tokenFor('employee', []) });
    expect(started.statusCode, started.body).toBe(201);
    id = started.json().id as string;
    const done = await c.call({ method: 'POST', url: `/api/tasks/${started.json().openTasks[0].id}/actions`, payload: { action: 'approve' }, token: await c.tokenFor('approver', []) });
    expect(done.statusCode, done.body).toBe(200);

    const rows = await rowsOf(db(), id);
    expect(rows.map((r) => r.type)).toEqual([
      'flow.started', 'node.entered', 'node.left', 'node.entered', 'node.updated', 'task.created',
      // No node.updated beside task.completed: the approval's state leaves with its token.
      'task.completed', 'node.left', 'node.entered', 'node.left', 'flow.completed',
    ]);
    for (const row of rows) {
      for (const key of ['type', 'at', 'seq', 'actor', 'nodeId', 'instanceId']) expect(row.payload as Json).not.toHaveProperty(key);
    }
    expect(rows.map((r) => r.node_id)).toEqual([null, 'start', 'start', 'approve', 'approve', 'approve', 'approve', 'approve', 'end', 'end', null]);
    const event = historyEvent(rows[6]!);
    expect(event).toMatchObject({ type: 'task.completed', seq: 7, instanceId: id, nodeId: 'approve', nodeType: 'approval', actor: 'approver', flowKey: 'slim', payload: { action: 'approve' } });
    expect(event.at).toBe(rows[6]!.at.toISOString());
    // Step visits and their reports still see the nodes.
    const visits = (await sql`select node_id, entered_seq, left_seq from report_step_visits where instance_id = ${id} order by entered_seq`.execute(db())).rows;
    expect(visits).toEqual([{ node_id: 'start', entered_seq: 2, left_seq: 3 }, { node_id: 'approve', entered_seq: 4, left_seq: 8 }, { node_id: 'end', entered_seq: 9, left_seq: 10 }]);
  });

  it('gives back every event exactly as written, whatever its shape', async () => {
    await sql`insert into instances (id, flow_key, flow_version, status, state, started_by) values ('slim-x', 'f', 1, 'running', '{}'::jsonb, 'u')`.execute(db());
    await insertRows(db(), 'history', HISTORY_COLUMNS, historyRowsOf('slim-x', 0, odd, 'runtime').rows);
    const rows = await rowsOf(db(), 'slim-x');
    expect(rows.map(historyEvent)).toEqual(odd);
    expect((rows[1]!.payload as Json).seq).toBe(1);
    expect((rows[2]!.payload as Json).seq).toBeNull();
    expect(rows[3]!.payload as Json).toMatchObject({ at: '2025-03-03T01:00:03.123456Z', seq: null, instanceId: null });
    expect(rows[4]!.node_id).toBeNull();
  });

  it('shows the same timeline for rows written before the migration (whole events) as after', async () => {
    const path = `/api/instances/${id}`;
    const slim = (await ctx().call({ method: 'GET', url: path })).json() as Json;
    const rows = await rowsOf(db(), id);
    // As the runtime wrote them before 0022: the whole event in the payload.
    for (const row of rows) {
      await db().updateTable('history').set({ payload: JSON.stringify(historyEvent(row)) }).where('instance_id', '=', id).where('seq', '=', row.seq).execute();
    }
    const whole = await rowsOf(db(), id);
    expect((whole[1]!.payload as Json).type).toBe('node.entered');
    expect(whole.map(historyEvent)).toEqual(rows.map(historyEvent));
    const again = (await ctx().call({ method: 'GET', url: path })).json() as Json;
    expect(again.history).toEqual(slim.history);
    expect(slim.history.map((h: Json) => h.nodeId)).toContain('approve');
  });

  it('its down puts the whole events back and generates node_id again; up makes it a plain column', async () => {
    const before = (await rowsOf(db(), 'slim-x')).map(historyEvent);
    await slimHistory.down(db() as Kysely<unknown>);
    try {
      const rows = await rowsOf(db(), 'slim-x');
      expect(rows.map((r) => r.payload)).toEqual(before);
      expect(await generated(db())).toBe('ALWAYS');
    } finally {
      await slimHistory.up(db() as Kysely<unknown>);
    }
    expect(await generated(db())).toBe('NEVER');
    // Rows of the generated column keep their node after up (the existing data of an upgraded database).
    const after = await rowsOf(db(), 'slim-x');
    expect(after.map((r) => r.node_id)).toEqual(['a', 'a', null, null, '7']);
    expect(after.map(historyEvent)).toEqual(before);
  });
});

async function generated(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ g: string }>`select is_generated as g from information_schema.columns where table_name = 'history' and column_name = 'node_id'`.execute(db);
  return rows[0]!.g;
}
