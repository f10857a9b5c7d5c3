import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publishReports } from './fixtures/publish-reports.js';

type Json = Record<string, any>;

// Dimensions whose values are ids of people or instances come back with display labels: people's names
// from the directory, an instance's business key or the start of its id. Only for the rows the viewer gets.
const perInstance = {
  kind: 'report',
  key: 'per-instance',
  title: { en: 'Per instance', 'zh-CN': '每个流程' },
  dataset: { source: 'flow-instances', flow: 'exit-flow' },
  measures: [{ op: 'count', key: 'n', label: 'n' }],
  dimensions: [
    { kind: 'field', key: 'instance', label: { en: 'Offboarding', 'zh-CN': '流程' }, field: 'id' },
    { kind: 'field', key: 'employee', label: { en: 'Employee', 'zh-CN': '员工' }, field: 'subjectId' },
    { kind: 'field', key: 'department', label: { en: 'Department', 'zh-CN': '部门' }, field: 'subjectId.department' },
  ],
  sort: [{ by: 'instance', direction: 'asc' }],
};

const perAssignee = {
  kind: 'report',
  key: 'per-assignee',
  title: 'Per assignee',
  dataset: { source: 'tasks', flow: 'exit-flow' },
  measures: [{ op: 'count', key: 'n', label: 'n' }],
  dimensions: [
    { kind: 'field', key: 'instance', field: 'instanceId' },
    { kind: 'field', key: 'assignee', field: 'assigneeId' },
  ],
  sort: [{ by: 'instance', direction: 'asc' }, { by: 'assignee', direction: 'asc' }],
};

forEachDatabase('reports: names and references for id dimensions', (ctx) => {
  const tokens: Record<string, string> = {};
  const post = (key: string, action: string, user: string) =>
    ctx().call({ method: 'POST', url: `/api/reports/${key}/${action}`, payload: {}, token: tokens[user] });
  const run = async (key: string, user: string) => {
    const res = await post(key, 'run', user);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };

  it('sets up', async () => {
    await publishReports(ctx());
    for (const definition of [perInstance, perAssignee]) {
      expect((await ctx().call({ method: 'POST', url: '/api/definitions', payload: definition })).statusCode).toBeLessThan(300);
      expect((await ctx().call({ method: 'POST', url: `/api/definitions/report/${definition.key}/publish` })).statusCode).toBe(200);
    }
    await ctx().database.db.updateTable('instances').set({ business_key: 'OFF-2025-001' }).where('id', '=', 'i1').execute();
    for (const [user, roles] of [['hr1', ['hr']], ['u1', []]] as const) tokens[user] = await ctx().tokenFor(user, [...roles]);
  });

  it('labels people by name and instances by business key, else a short id; the values stay ids', async () => {
    const result = await run('per-instance', 'hr1');
    expect(result.rows.map((r: Json) => [r.instance, r.employee, r.department])).toEqual([
      ['i1', 'u1', 'sales-east'],
      ['i2', 'u2', 'sales'],
      ['i3', 'u3', 'rd'],
      ['i4', 'u4', 'rd'],
    ]);
    const column = (key: string) => result.columns.find((c: Json) => c.key === key);
    expect(column('instance')).toMatchObject({ references: 'instance', valueLabels: { i1: 'OFF-2025-001', i2: 'i2', i3: 'i3', i4: 'i4' } });
    expect(column('employee')).toMatchObject({ references: 'user', valueLabels: { u1: 'U1', u2: 'U2', u3: 'U3', u4: 'U4' } });
    // A directory attribute is a department, not a reference: named, and no id column in the CSV.
    expect(column('department')).toMatchObject({ valueLabels: { 'sales-east': '华东销售', sales: '销售部', rd: '研发部' } });
    expect(column('department').references).toBeUndefined();
  });

  it('works on the ids of other datasets too (a task\'s instance and assignee)', async () => {
    const result = await run('per-assignee', 'hr1');
    expect(result.rows).toEqual([
      { instance: 'i1', assignee: 'hr1', n: 1 },
      { instance: 'i1', assignee: 'mgr', n: 1 },
      { instance: 'i2', assignee: 'mgr', n: 1 },
      { instance: 'i3', assignee: 'mgr', n: 1 },
    ]);
    const assignee = result.columns.find((c: Json) => c.key === 'assignee');
    expect(assignee).toMatchObject({ references: 'user', valueLabels: { hr1: 'HR', mgr: 'Manager' } });
    expect(result.columns.find((c: Json) => c.key === 'instance').valueLabels).toEqual({ i1: 'OFF-2025-001', i2: 'i2', i3: 'i3' });
  });

  it('names only the people and instances of the rows the viewer may see', async () => {
    const result = await run('per-instance', 'u1');
    expect(result.meta.scope).toBe('visible');
    expect(result.rows.map((r: Json) => r.instance)).toEqual(['i1']);
    expect(result.columns.find((c: Json) => c.key === 'employee').valueLabels).toEqual({ u1: 'U1' });
    expect(result.columns.find((c: Json) => c.key === 'instance').valueLabels).toEqual({ i1: 'OFF-2025-001' });
  });

  it('exports the label and, in a column of its own, the id', async () => {
    const res = await post('per-instance', 'csv', 'hr1');
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'Offboarding,Offboarding (ID),Employee,Employee (ID),Department,n',
      'OFF-2025-001,i1,U1,u1,华东销售,1',
      'i2,i2,U2,u2,销售部,1',
      'i3,i3,U3,u3,研发部,1',
      'i4,i4,U4,u4,研发部,1',
    ]);
  });
});
