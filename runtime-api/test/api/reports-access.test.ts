import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publishReports } from './fixtures/publish-reports.js';
import { directory, exitFlow, exitForm as exitRequestForm } from './fixtures/exit-flow.js';

type Json = Record<string, any>;

forEachDatabase('reports: permissions, drill-down, CSV and hostile input', (ctx) => {
  const tokens: Record<string, string> = {};
  const as = (user: string) => tokens[user] as string;
  const post = (key: string, action: string, payload: Json, user = 'hr1', headers: Json = {}) =>
    ctx().call({ method: 'POST', url: `/api/reports/${key}/${action}`, payload, token: as(user), headers });
  const rows = async (key: string, user: string, payload: Json = {}) => {
    const res = await post(key, 'run', payload, user);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows as Json[];
  };

  it('sets up', async () => {
    await publishReports(ctx());
    for (const [user, roles] of [['hr1', ['hr']], ['u1', []], ['u2', []], ['mgr', []], ['outsider', []], ['fin', ['finance']]] as const) {
      tokens[user] = await ctx().tokenFor(user, [...roles]);
    }
    tokens.admin = ctx().adminToken;
  });

  it('counts only the instances a viewer may see, unless HR or admin', async () => {
    expect(await rows('by-reason', 'hr1')).toEqual([{ reason: 'family', n: 1 }, { reason: 'growth', n: 1 }, { reason: 'pay', n: 2 }]);
    // u1 started i1 and is its subject; i2 was started by HR for u2 (its subject).
    expect(await rows('by-reason', 'u1')).toEqual([{ reason: 'pay', n: 1 }]);
    expect(await rows('by-reason', 'u2')).toEqual([{ reason: 'pay', n: 1 }]);
    // mgr is (or was) an assignee of a task in i1, i2 and i3.
    expect(await rows('by-reason', 'mgr')).toEqual([{ reason: 'growth', n: 1 }, { reason: 'pay', n: 2 }]);
    const outsider = await post('by-reason', 'run', {}, 'outsider');
    expect(outsider.json()).toMatchObject({ rows: [], meta: { scope: 'visible' } });
    // Steps and tasks are scoped through their instance as well.
    expect((await rows('steps', 'u1')).map((r) => [r.node, r.visits])).toEqual([['hr-interview', 1], ['manager-approval', 1]]);
    expect(await rows('sla', 'outsider')).toEqual([]);
  });

  it('the directory dataset shows a non-HR viewer only their own row; headcount too', async () => {
    expect(await rows('leavers-dir', 'u1')).toEqual([{ month: '2025-01-01', leavers: 1, hc: 1, rate: 100 }]);
    expect(await rows('leavers-dir', 'outsider')).toEqual([]);
  });

  it('report roles: others get 403; aggregate roles count every row but drill only into their own', async () => {
    const denied = await post('restricted', 'run', {}, 'outsider');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('BATON_E_REPORT_FORBIDDEN');
    const fin = await post('restricted', 'run', {}, 'fin');
    expect(fin.json()).toMatchObject({ rows: [{ reason: 'family', n: 1 }, { reason: 'growth', n: 1 }, { reason: 'pay', n: 2 }], meta: { scope: 'all' } });
    const drill = await post('restricted', 'drill', { dimensionValues: { reason: 'pay' } }, 'fin');
    expect(drill.json()).toMatchObject({ rows: [], meta: { scope: 'visible' } });
    // HR is not among the report's roles; an admin passes every role check and sees every row.
    expect((await post('restricted', 'run', {}, 'hr1')).statusCode).toBe(403);
    expect((await post('restricted', 'drill', { dimensionValues: { reason: 'pay' } }, 'admin')).json().rows.map((r: Json) => r.id)).toEqual(['i2', 'i1']);
    // Without the report's role, the aggregate flag gives nothing: a finance token on another report is a plain viewer.
    expect(await rows('by-reason', 'fin')).toEqual([]);
  });

  it('drills from a cell to the instances behind it, hiding fields the viewer may not see', async () => {
    const cell = { dimensionValues: { month: '2025-01-01', dept: 'sales' } };
    const hr = await post('attrition', 'drill', cell);
    expect(hr.statusCode, hr.body).toBe(200);
    expect(hr.json().rows).toEqual([
      { id: 'i2', instanceId: 'i2', $id: 'i2', employeeId: 'u2', 'employeeId.position': 'rep', lastDay: '2025-01-15', score: 5 },
      { id: 'i1', instanceId: 'i1', $id: 'i1', employeeId: 'u1', 'employeeId.position': 'rep', lastDay: '2025-01-31', score: 3 },
    ]);
    expect(hr.json().columns.map((c: Json) => c.label)).toEqual(['$id', 'Employee', 'Employee · position', 'Last day', 'Score']);
    // u1 sees i1 only, and the score is hidden at the start node (the initiator's view).
    expect((await post('attrition', 'drill', cell, 'u1')).json().rows).toEqual([
      { id: 'i1', instanceId: 'i1', $id: 'i1', employeeId: 'u1', 'employeeId.position': 'rep', lastDay: '2025-01-31', score: null },
    ]);
    // mgr acts at manager-approval, where the score is not hidden.
    expect((await post('attrition', 'drill', cell, 'mgr')).json().rows.map((r: Json) => [r.id, r.score])).toEqual([['i2', 5], ['i1', 3]]);
    // A word of a free text drills to the texts that contain it; pages are limited.
    const word = await post('words', 'drill', { dimensionValues: { word: '工作' }, limit: 1 });
    expect(word.json()).toMatchObject({ rows: [{ id: 'i2' }], meta: { limit: 1, offset: 0, hasMore: true } });
    const bad = await post('attrition', 'drill', { dimensionValues: { month: 'January', nope: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: Json) => i.path)).toEqual(['/dimensionValues/month', '/dimensionValues/nope']);
  });

  it('exports CSV with a BOM, localized headers and formula-looking text escaped', async () => {
    const res = await post('reasons-text', 'csv', {}, 'hr1', { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('reasons-text.csv');
    expect(res.body.startsWith('\uFEFF原因说明,n\r\n')).toBe(true);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")",1\r\n`);
    expect(res.body).toContain('"薪资待遇低，工作压力大",1'.replace(/"/g, ''));
    const labels = await post('attrition', 'csv', {});
    expect(labels.body.split('\r\n')[3]).toBe('2025-01-01,销售部,2,4.5,44.44444444444444');
  });

  it('treats SQL in filters, parameters, JSON paths and cells as plain values', async () => {
    const count = () => sql<{ i: number; h: number; t: number; u: number }>`select (select count(*) from instances)::int as i, (select count(*) from history)::int as h,
      (select count(*) from api_tokens)::int as t, (select count(*) from directory_users)::int as u`.execute(ctx().database.db);
    const before = (await count()).rows[0];
    expect(before).toMatchObject({ i: 4, h: 17, u: 9 });
    const hostile = [
      "x'); drop table instances; --",
      "pay' or '1'='1",
      '"; delete from history; --',
      "' union select id, 1 from api_tokens --",
    ];
    for (const text of hostile) {
      expect(await rows('by-reason', 'hr1', { filters: { '==': [{ var: 'reasonCategory' }, text] } })).toEqual([]);
      expect(await rows('by-reason', 'hr1', { filters: [{ field: 'reason', op: 'contains', value: text }] })).toEqual([]);
      expect(await rows('by-reason', 'hr1', { params: { cat: text } })).toEqual([]);
      expect(await rows('by-reason', 'hr1', { filters: { '==': [{ var: `employeeId.${text.replace(/\./g, '')}` }, 'P1'] } })).toEqual([]);
      const flowRows = await rows('cycle-time', 'hr1', { filters: { '==': [{ var: `data.${text.replace(/\./g, '')}` }, 1] } });
      expect(flowRows).toMatchObject([{ n: 0 }]);
      const drill = await post('attrition', 'drill', { dimensionValues: { month: '2025-01-01', dept: text } });
      expect(drill.statusCode).toBe(200);
      expect(drill.json().rows).toEqual([]);
    }
    // A field name that is not a column of the form is refused, not spliced.
    const field = await post('by-reason', 'run', { filters: [{ field: 'reasonCategory) or (1=1', op: 'eq', value: 'x' }] });
    expect(field.statusCode).toBe(400);
    expect((await count()).rows[0]).toEqual(before);
  });

  it('an instance run through the API shows up: its steps from the history trigger, its status', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    const steps = { kind: 'report', key: 'exit-steps', title: 'Exit steps', dataset: { source: 'steps', flow: 'exit' }, measures: [{ op: 'count', key: 'visits', label: 'Visits' }, { op: 'count', key: 'open', label: 'Open', filters: [{ field: 'open', op: 'eq', value: true }] }], dimensions: [{ kind: 'field', key: 'node', field: 'node' }] };
    const status = { kind: 'report', key: 'exit-status', title: 'Exit status', dataset: { source: 'flow-instances', flow: 'exit' }, measures: [{ op: 'count', key: 'n', label: 'N' }], dimensions: [{ kind: 'field', key: 'status', field: 'status' }, { kind: 'department', key: 'dept', field: 'initiatorId' }] };
    for (const def of [exitRequestForm, exitFlow, steps, status]) {
      expect((await ctx().call({ method: 'POST', url: '/api/definitions', payload: def })).statusCode).toBeLessThan(300);
      expect((await ctx().call({ method: 'POST', url: `/api/definitions/${def.kind}/${def.key}/publish` })).statusCode).toBe(200);
    }
    const emp = await ctx().tokenFor('emp', []);
    const mgr = await ctx().tokenFor('mgr', []);
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-06-30' } }, token: emp });
    expect(started.statusCode, started.body).toBe(201);
    const task = (await ctx().call({ method: 'GET', url: '/api/tasks?mine=true', token: mgr })).json().items[0];
    expect((await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'approve' }, token: mgr })).statusCode).toBe(200);
    const visits = (await post('exit-steps', 'run', {}, 'admin')).json().rows as Json[];
    expect(visits.filter((r) => ['managerApproval', 'hrInterview'].includes(r.node))).toEqual([
      { node: 'hrInterview', visits: 1, open: 1 },
      { node: 'managerApproval', visits: 1, open: 0 },
    ]);
    expect((await post('exit-status', 'run', {}, 'admin')).json().rows).toEqual([{ status: 'running', dept: 'd-eng', n: 1 }]);
    // The employee counts their own offboarding; the outsider counts nothing.
    const own = await ctx().call({ method: 'POST', url: '/api/reports/exit-status/run', payload: {}, token: emp });
    expect(own.json()).toMatchObject({ rows: [{ n: 1 }], meta: { scope: 'visible' } });
    expect(await rows('exit-status', 'outsider')).toEqual([]);
  });
});
