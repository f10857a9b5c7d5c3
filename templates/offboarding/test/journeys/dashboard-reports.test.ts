import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { manifest } from '../pack-files.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACK_DIR } from '../pack-files.js';
import { HR, importOffboardingPack, ok, People, request, shanghaiDate } from './journey-kit.js';

// The pack's dashboard reports (tagged dashboard:offboarding:<order>) with the dashboard's filters as
// parameters (from, to, department), over the demo people plus a fixed organisation worked out by hand:
// Group ⊃ Alpha (4 people) and Beta (5); one Alpha leaver on 2025-03-15, Beta leavers on 2025-03-20 and
// 2025-06-30 (a leave date is the last working day: still employed that day).
const hired = '2020-01-01';
const leaves: Record<string, string> = { 'dr-a1': '2025-03-15', 'dr-b1': '2025-03-20', 'dr-b2': '2025-06-30' };
const org = {
  departments: [
    { id: 'dr-group', name: 'Group' },
    { id: 'dr-alpha', name: 'Alpha', parentId: 'dr-group' },
    { id: 'dr-beta', name: 'Beta', parentId: 'dr-group' },
  ],
  users: [
    ...['a1', 'a2', 'a3', 'a4'].map((n) => ({ id: `dr-${n}`, name: n, departmentId: 'dr-alpha', position: 'Sales rep', hireDate: hired })),
    ...['b1', 'b2', 'b3', 'b4', 'b5'].map((n) => ({ id: `dr-${n}`, name: n, departmentId: 'dr-beta', position: 'Engineer', hireDate: hired })),
  ].map((u) => (leaves[u.id] ? { ...u, leaveDate: leaves[u.id] } : u)),
};
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const STEP_NAME = flowNodeName('managerApproval');

type Row = Record<string, string | number | null>;

/** A node's name in the pack's flow, in English (the API's default language). */
function flowNodeName(id: string): string {
  const flow = JSON.parse(readFileSync(path.join(PACK_DIR, 'flows/offboarding.json'), 'utf8')) as { nodes: Array<{ id: string; name: { en: string } }> };
  return flow.nodes.find((n) => n.id === id)!.name.en;
}

forEachDatabase('offboarding pack: the dashboard reports and their filters', (ctx) => {
  const people = new People(ctx);
  let hr = '';
  const run = async (key: string, params: Record<string, string>) => ok(ctx(), hr, 'POST', `/api/reports/${key}/run`, { params });
  const dashboard = manifest.definitions.filter((d: { kind: string }) => d.kind === 'report').map((d: { key: string }) => d.key);

  it('imports the pack, a fixed organisation and two open offboardings', async () => {
    await importOffboardingPack(ctx());
    await ok(ctx(), undefined, 'POST', '/api/directory/import', org);
    for (const employee of ['demo-sales-1', 'demo-eng-1']) {
      await ok(ctx(), await people.token(employee), 'POST', '/api/flows/offboarding/instances', { data: request(employee) }, 201);
    }
    hr = await people.token(HR);
  });

  it('every dashboard report is tagged, declares from / to, and runs with the dashboard filters', async () => {
    const tagged = [];
    for (const key of dashboard) {
      const def = await ok(ctx(), undefined, 'GET', `/api/definitions/report/${key}`);
      const tag = (def.body.tags ?? []).find((t: string) => t.startsWith('dashboard:offboarding:'));
      expect(tag, key).toMatch(/^dashboard:offboarding:\d+$/);
      tagged.push(key);
      const declared = def.body.parameters.map((p: { key: string }) => p.key);
      expect(declared, key).toEqual(expect.arrayContaining(['from', 'to']));
      const params = { ...YEAR, ...(declared.includes('department') ? { department: 'dr-group' } : {}) };
      const result = await run(key, params);
      expect(result.report.key).toBe(key);
    }
    expect(tagged).toHaveLength(11);
  });

  it('attrition by department: leavers ÷ people employed during the month, worked out by hand', async () => {
    const result = await run('attrition-by-department', YEAR);
    const ours = (result.rows as Row[]).filter((r) => r.department === 'dr-alpha' || r.department === 'dr-beta');
    const at = (month: string, department: string) => ours.find((r) => r.month === month && r.department === department);
    // Employed on the month's first day or hired during it (nobody joins here): the leaver is in the denominator.
    expect(at('2025-03-01', 'dr-alpha')).toMatchObject({ leavers: 1, headcount: 4, attritionRate: 25 });
    expect(at('2025-03-01', 'dr-beta')).toMatchObject({ leavers: 1, headcount: 5, attritionRate: 20 });
    expect(at('2025-06-01', 'dr-beta')).toMatchObject({ leavers: 1, headcount: 4, attritionRate: 25 });
    expect(at('2025-07-01', 'dr-beta')).toMatchObject({ leavers: 0, headcount: 3, attritionRate: 0 });
    expect(ours).toHaveLength(24); // every month of 2025 for both
    expect(result.columns.find((c: { key: string }) => c.key === 'department').valueLabels).toMatchObject({ 'dr-alpha': 'Alpha', 'dr-beta': 'Beta' });
  });

  it('the department filter takes sub-departments and applies to headcount too; `to` ends the period', async () => {
    const group = (await run('attrition-by-department', { ...YEAR, department: 'dr-group' })).rows as Row[];
    expect(new Set(group.map((r) => r.department))).toEqual(new Set(['dr-alpha', 'dr-beta']));
    const beta = (await run('attrition-by-department', { ...YEAR, department: 'dr-beta' })).rows as Row[];
    expect(beta.map((r) => [r.month, r.leavers, r.headcount])).toEqual([
      ['2025-01-01', 0, 5], ['2025-02-01', 0, 5], ['2025-03-01', 1, 5], ['2025-04-01', 0, 4], ['2025-05-01', 0, 4], ['2025-06-01', 1, 4],
      ['2025-07-01', 0, 3], ['2025-08-01', 0, 3], ['2025-09-01', 0, 3], ['2025-10-01', 0, 3], ['2025-11-01', 0, 3], ['2025-12-01', 0, 3],
    ]);
    const firstHalf = (await run('attrition-by-department', { from: '2025-01-01', to: '2025-05-31', department: 'dr-beta' })).rows as Row[];
    expect(firstHalf.map((r) => r.month)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01']);
    // Tenure: everyone was hired on 2020-01-01, so in March 2025 all are in "5 years and more".
    const tenure = (await run('attrition-by-tenure', { ...YEAR, department: 'dr-group' })).rows as Row[];
    expect(tenure.find((r) => r.month === '2025-03-01')).toMatchObject({ tenure: 'over5y', leavers: 2, headcount: 9 });
  });

  it('drills from an attrition cell to its leavers, and from the SLA bar to the open offboardings', async () => {
    const drill = await ok(ctx(), hr, 'POST', '/api/reports/attrition-by-department/drill', { params: YEAR, dimensionValues: { month: '2025-06-01', department: 'dr-beta' } });
    expect(drill.rows.map((r: Row) => r.name)).toEqual(['b2']);
    const today = shanghaiDate(0);
    const sla = await run('sla-breaches', { from: today, to: today });
    const manager = (sla.rows as Row[]).find((r) => r.step === 'managerApproval');
    expect(manager).toMatchObject({ tasks: 2, breaches: 0, breachRate: 0 });
    // Steps are shown by their names in the flow, not their ids.
    expect(sla.columns.find((c: { key: string }) => c.key === 'step').valueLabels).toEqual({ managerApproval: STEP_NAME });
    const tasks = await ok(ctx(), hr, 'POST', '/api/reports/sla-breaches/drill', { params: { from: today, to: today }, dimensionValues: { step: 'managerApproval' } });
    expect(tasks.rows).toHaveLength(2);
    expect(tasks.rows.every((r: Row) => typeof r.instanceId === 'string')).toBe(true);
    // A period that ended yesterday holds none of today's tasks.
    expect((await run('sla-breaches', { from: '2025-01-01', to: shanghaiDate(-1) })).rows).toEqual([]);
    // The department filter applies to tasks too (by the offboarding's employee): one of the two is in sales.
    expect((await run('sla-breaches', { from: today, to: today, department: 'demo-sales' })).rows).toMatchObject([{ step: 'managerApproval', tasks: 1 }]);
    expect((await run('sla-breaches', { from: today, to: today, department: 'dr-group' })).rows).toEqual([]);
  });
});
