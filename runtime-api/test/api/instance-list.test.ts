import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { directory, exitFlow, exitForm } from './fixtures/exit-flow.js';

type Json = Record<string, any>;

// Instances per flow version (the designer's version history), the inbox's flow column and filter, the
// comment-only task action, and the report designer's draft preview.
forEachDatabase('instance list, task flow column, comments, report preview', (ctx) => {
  const tokens: Record<string, string> = {};
  const as = (user: string) => tokens[user]!;
  const get = (url: string, user: string) => ctx().call({ method: 'GET', url, token: as(user) });
  const goodData = { employeeId: 'emp', lastWorkingDay: '2025-07-31', reason: 'family' };
  const started: string[] = [];

  it('sets up two published versions of the flow and three instances', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    for (const user of directory.users) tokens[user.id] = await ctx().tokenFor(user.id, []);
    tokens.ana = await ctx().tokenFor('ana', ['designer']);
    for (const def of [exitForm, exitFlow]) await publish(ctx(), def);
    const start = async (user: string, extra: Json = {}) => {
      const res = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: goodData, ...extra }, token: as(user) });
      expect(res.statusCode, res.body).toBe(201);
      started.push(res.json().id);
    };
    await start('emp', { data: { ...goodData, reason: 'family' } });
    await start('hr1', { initiator: 'it1', data: { ...goodData, reason: 'pay' } });
    await publish(ctx(), { ...exitFlow, title: { en: 'Exit v2', 'zh-CN': '离职 v2' } });
    await start('emp', { data: { ...goodData, reason: 'pay' } });
  });

  it('counts instances per version: all of them for a designer, only visible ones for others', async () => {
    const designer = await get('/api/instances/counts?flowKey=exit', 'ana');
    expect(designer.statusCode, designer.body).toBe(200);
    expect(designer.json()).toEqual({
      flowKey: 'exit',
      scope: 'all',
      versions: [
        { version: 2, running: 1, total: 1, byStatus: { running: 1 } },
        { version: 1, running: 2, total: 2, byStatus: { running: 2 } },
      ],
    });
    const it1 = await get('/api/instances/counts?flowKey=exit', 'it1');
    expect(it1.json()).toMatchObject({ scope: 'visible', versions: [{ version: 1, running: 1, total: 1 }] });
    const outsider = await get('/api/instances/counts?flowKey=exit', 'outsider');
    expect(outsider.json()).toMatchObject({ scope: 'visible', versions: [] });
  });

  it('lists instances newest first in keyset pages, filtered by flow, version and status', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await get(`/api/instances?flowKey=exit&limit=1${cursor ? `&cursor=${cursor}` : ''}`, 'hr1');
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().items.length).toBeLessThanOrEqual(1);
      seen.push(...page.json().items.map((i: Json) => i.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(new Set(started));
    const first = (await get('/api/instances?flowKey=exit', 'hr1')).json().items;
    expect(first.map((i: Json) => i.id)).toEqual(seen);
    expect(first[0]).toMatchObject({ flowKey: 'exit', status: 'running', activeNodes: ['managerApproval'] });
    expect(first[0]).not.toHaveProperty('data');
    const v2 = (await get('/api/instances?flowKey=exit&version=2', 'hr1')).json();
    expect(v2.items.map((i: Json) => i.id)).toEqual([started[2]]);
    expect(v2.nextCursor).toBeNull();
    expect((await get('/api/instances?flowKey=exit&status=completed', 'hr1')).json().items).toEqual([]);
  });

  it('lists only what the caller may see: initiator, subject, assignee', async () => {
    expect((await get('/api/instances', 'outsider')).json().items).toEqual([]);
    expect((await get('/api/instances', 'it1')).json().items.map((i: Json) => i.id)).toEqual([started[1]]);
    expect((await get('/api/instances', 'emp')).json().items).toHaveLength(3);
    expect((await get('/api/instances', 'mgr')).json().items).toHaveLength(3);
  });

  it('refuses a version without a flow and a forged cursor with 400', async () => {
    const version = await get('/api/instances?version=1', 'hr1');
    expect(version.statusCode).toBe(400);
    expect(version.json().error.code).toBe('BATON_E_INSTANCE_VERSION_NEEDS_FLOW');
    const cursor = await get('/api/instances?cursor=not-a-cursor', 'hr1');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error).toMatchObject({ code: 'BATON_E_INSTANCE_CURSOR_INVALID', path: '/querystring/cursor' });
  });

  it('gives each task its flow key and title, and filters the inbox by flow', async () => {
    const mine = await get('/api/tasks?status=open', 'mgr');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toHaveLength(3);
    const byInstance = new Map(mine.json().items.map((t: Json) => [t.instanceId, t]));
    // …and whom the request is about, so a row can name it without fetching the instance.
    expect(byInstance.get(started[0])).toMatchObject({ flowKey: 'exit', flowTitle: { en: 'Exit', 'zh-CN': '离职' }, subjectId: 'emp', businessKey: null });
    expect(byInstance.get(started[2])).toMatchObject({ flowKey: 'exit', flowTitle: { en: 'Exit v2' } });
    expect((await get('/api/tasks?status=open&flowKey=exit', 'mgr')).json().items).toHaveLength(3);
    expect((await get('/api/tasks?status=open&flowKey=other', 'mgr')).json().items).toEqual([]);
  });

  it('adds a comment to the timeline without moving the task', async () => {
    const task = (await get(`/api/tasks?status=open&instanceId=${started[0]}`, 'mgr')).json().items[0];
    const act = (user: string, payload: Json) => ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload, token: as(user) });
    const res = await act('mgr', { action: 'comment', comment: '  Waiting for the laptop  ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().task).toMatchObject({ id: task.id, status: 'open', outcome: null });
    const instance = (await get(`/api/instances/${started[0]}`, 'mgr')).json();
    expect(instance.activeNodes).toEqual(['managerApproval']);
    expect(instance.history.at(-1)).toMatchObject({ type: 'task.commented', actor: 'mgr', taskId: task.id, nodeId: 'managerApproval', action: 'comment', comment: 'Waiting for the laptop' });
    const audit = await ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'task.comment').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ taskId: task.id, comment: 'Waiting for the laptop' });

    const empty = await act('mgr', { action: 'comment', comment: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'BATON_E_TASK_COMMENT_REQUIRED', path: '/comment' });
    expect((await act('emp', { action: 'comment', comment: 'hi' })).json().error.code).toBe('BATON_E_FLOW_NOT_ASSIGNEE');
    expect((await act('outsider', { action: 'comment', comment: 'hi' })).statusCode).toBe(404);
    // The task still acts as before, and the history stays one gap-free sequence.
    expect((await act('mgr', { action: 'approve' })).statusCode).toBe(200);
    const seqs = (await get(`/api/instances/${started[0]}`, 'hr1')).json().history.map((h: Json) => h.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
  });

  const draftReport = {
    kind: 'report',
    key: 'exits-by-reason',
    title: { en: 'Exits by reason', 'zh-CN': '按原因统计离职' },
    dataset: { source: 'form', form: 'exit-request' },
    measures: [{ op: 'count', key: 'n', label: 'Exits' }],
    dimensions: [{ kind: 'field', key: 'reason', label: 'Reason', field: 'reason' }],
  };

  it('previews a report that was never published, for designers, with a row limit', async () => {
    const preview = (user: string, payload: Json) => ctx().call({ method: 'POST', url: '/api/reports/preview', payload, token: as(user) });
    const res = await preview('ana', { definition: draftReport });
    expect(res.statusCode, res.body).toBe(200);
    const rows = Object.fromEntries(res.json().rows.map((r: Json) => [r.reason, r.n]));
    // The designer is no HR: rows count what ana may see one by one (scope visible) or all, per the report's access.
    expect(res.json().report).toMatchObject({ key: 'exits-by-reason', version: 1 });
    const asHr = await preview('hr1', { definition: draftReport });
    expect(asHr.statusCode).toBe(403);
    const asAdmin = await ctx().call({ method: 'POST', url: '/api/reports/preview', payload: { definition: draftReport } });
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(Object.fromEntries(asAdmin.json().rows.map((r: Json) => [r.reason, r.n]))).toEqual({ family: 1, pay: 2 });
    expect(Object.values(rows).every((n) => typeof n === 'number')).toBe(true);
    const limited = await ctx().call({ method: 'POST', url: '/api/reports/preview', payload: { definition: draftReport, limit: 1 } });
    expect(limited.json().rows).toHaveLength(1);
    expect(limited.json().meta).toMatchObject({ truncated: true, rowCount: 1 });
    const published = await ctx().call({ method: 'POST', url: '/api/reports/exits-by-reason/run', payload: {} });
    expect(published.statusCode).toBe(404);
  });

  it('answers a broken draft with 422 and paths under /definition', async () => {
    const bad = await ctx().call({ method: 'POST', url: '/api/reports/preview', payload: { definition: { ...draftReport, measures: [{ op: 'sum', key: 'n', label: 'x' }] } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('BATON_E_REPORT_DRAFT_INVALID');
    expect(bad.json().error.path).toMatch(/^\/definition\//);
    const notReport = await ctx().call({ method: 'POST', url: '/api/reports/preview', payload: { definition: { kind: 'form', key: 'x' } } });
    expect(notReport.statusCode).toBe(422);
    expect(notReport.json().error.code).toBe('BATON_E_REPORT_DRAFT_NOT_REPORT');
  });
});
