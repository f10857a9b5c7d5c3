import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

type Json = Record<string, any>;

// Main (six people) and Solo (one), under Root. Bands: under 6 months, 6–12 months, a year and more.
//   p1 hired 2025-04-20, left 2025-10-25: 5 months on Oct 1 (under6m), 6 at leaving (m6to12): changes band in October
//   p2 hired 2025-04-10, stays:           5 months on Oct 1, 6 from Oct 10: changes band in October
//   p4 hired 2025-10-10, left 2025-10-20: joined and left in October (tenure 0)
//   p5 hired 2020-01-01, stays;  p6 hired 2020-01-01, left 2025-10-31 (the last working day: employed that day)
//   s1 (Solo) hired 2020-01-01, left 2025-10-15: a group of one that loses its one person
const hire = (id: string, departmentId: string, hireDate: string, leaveDate?: string) => ({ id, name: id, departmentId, position: 'Clerk', hireDate, ...(leaveDate ? { leaveDate } : {}) });
const directory = {
  departments: [{ id: 'ad-root', name: 'Root' }, { id: 'ad-main', name: 'Main', parentId: 'ad-root' }, { id: 'ad-solo', name: 'Solo', parentId: 'ad-root' }],
  users: [
    hire('ad-p1', 'ad-main', '2025-04-20', '2025-10-25'),
    hire('ad-p2', 'ad-main', '2025-04-10'),
    hire('ad-p4', 'ad-main', '2025-10-10', '2025-10-20'),
    hire('ad-p5', 'ad-main', '2020-01-01'),
    hire('ad-p6', 'ad-main', '2020-01-01', '2025-10-31'),
    hire('ad-s1', 'ad-solo', '2020-01-01', '2025-10-15'),
  ],
};
const bands = [{ key: 'under6m', label: '< 6 months', below: 6 }, { key: 'm6to12', label: '6–12 months', below: 12 }, { key: 'over1y', label: '1 year +' }];
const within = (department: string) => ({ field: 'department', op: 'within-department', value: department });
const month = { kind: 'date', key: 'month', field: 'leaveDate', bucket: 'month', timeZone: 'Asia/Shanghai' };
const report = (key: string, stat: string, dimension: Json, department: string, extra: Json[] = []) => ({
  kind: 'report',
  key,
  version: 1,
  title: key,
  dataset: { source: 'directory' },
  measures: [
    { op: 'count', key: 'leavers', label: 'Leavers' },
    { op: 'headcount', key: 'hc', label: 'Headcount', stat, filters: [within(department)] },
    { op: 'ratio', key: 'rate', label: 'Rate', numerator: 'leavers', denominator: 'hc', scale: 100 },
    ...extra,
  ],
  dimensions: [month, dimension],
  filters: [{ field: 'leaveDate', op: 'between', value: ['2025-09-01', '2025-10-31'] }, within(department)],
  sort: [{ by: 'month', direction: 'asc' }],
});
// The pack's tenure report used `to: leaveDate`: beside a headcount, tenure is measured on headcount's day instead.
const tenure = { kind: 'tenure', key: 'band', from: 'hireDate', to: 'leaveDate', bands };
const stats = [
  { op: 'headcount', key: 'start', label: 'Start', stat: 'period-start', filters: [within('ad-main')] },
  { op: 'headcount', key: 'end', label: 'End', stat: 'period-end', filters: [within('ad-main')] },
  { op: 'headcount', key: 'avg', label: 'Average', stat: 'average', filters: [within('ad-main')] },
];

forEachDatabase('reports: the attrition denominator holds every leaver, in the band they are counted in', (ctx) => {
  const run = async (key: string) => {
    const res = await ctx().call({ method: 'POST', url: `/api/reports/${key}/run`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows as Json[];
  };
  const pick = (rows: Json[], m: string, key: string, value: string) => rows.find((r) => r.month === m && r[key] === value);

  it('sets up', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBeLessThan(300);
    const definitions: Json[] = [
      report('ad-tenure', 'during-period', tenure, 'ad-main', stats),
      report('ad-tenure-start', 'period-start', tenure, 'ad-main'),
      report('ad-department', 'during-period', { kind: 'department', key: 'department', field: 'department' }, 'ad-root'),
      report('ad-department-average', 'average', { kind: 'department', key: 'department', field: 'department' }, 'ad-root'),
    ];
    const ranged = {
      ...report('ad-ranged', 'during-period', { kind: 'department', key: 'department', field: 'department' }, 'ad-root'),
      parameters: [{ key: 'from', label: 'From', type: 'date' }, { key: 'to', label: 'To', type: 'date' }],
      filters: [{ field: 'leaveDate', op: 'gte', value: { param: 'from' } }, { field: 'leaveDate', op: 'lte', value: { param: 'to' } }],
    };
    definitions.push(ranged);
    for (const definition of definitions) {
      const saved = await ctx().call({ method: 'POST', url: '/api/definitions', payload: definition });
      expect(saved.statusCode, saved.body).toBeLessThan(300);
      expect((await ctx().call({ method: 'POST', url: `/api/definitions/report/${definition.key}/publish` })).statusCode).toBe(200);
    }
  });

  it('tenure bands: people during the month, each leaver in the band of their first day in it (worked out by hand)', async () => {
    const rows = await run('ad-tenure');
    // October, under6m: on the 1st p1 and p2 (5 months each), plus p4 hired on the 10th = 3; leavers p1 (5 months
    // on the 1st, though 6 at leaving) and p4 (0) = 2. On the 31st nobody is under 6 months (p2 reached 6 on the 10th).
    expect(pick(rows, '2025-10-01', 'band', 'under6m')).toMatchObject({ leavers: 2, hc: 3, start: 2, end: 0, avg: 1 });
    expect(pick(rows, '2025-10-01', 'band', 'under6m')!.rate).toBeCloseTo((2 / 3) * 100, 9);
    // m6to12: p2 enters it on the 10th, after the month's first day: counted there at the end only. The old
    // denominator (average 0.5, p1 counted at leaving) gave 200 %.
    expect(pick(rows, '2025-10-01', 'band', 'm6to12')).toMatchObject({ leavers: 0, hc: 0, rate: null, start: 0, end: 1, avg: 0.5 });
    // over1y: p5 and p6 (p6 leaves on the 31st, still employed that day).
    expect(pick(rows, '2025-10-01', 'band', 'over1y')).toMatchObject({ leavers: 1, hc: 2, rate: 50, start: 2, end: 2, avg: 2 });
    // September: nobody leaves; p1 and p2 under 6 months, p5 and p6 over a year.
    expect(pick(rows, '2025-09-01', 'band', 'under6m')).toMatchObject({ leavers: 0, hc: 2, rate: 0 });
    expect(pick(rows, '2025-09-01', 'band', 'over1y')).toMatchObject({ leavers: 0, hc: 2, rate: 0 });
    // Each person is counted once a month: the bands add up to the five people employed during October.
    expect(rows.filter((r) => r.month === '2025-10-01').reduce((n, r) => n + r.hc, 0)).toBe(5);
    for (const r of rows) if (r.rate !== null) expect(r.rate).toBeLessThanOrEqual(100);
  });

  it('period-start headcount bands leavers on the same day: the joiner p4 is a leaver outside it', async () => {
    const rows = await run('ad-tenure-start');
    expect(pick(rows, '2025-10-01', 'band', 'under6m')).toMatchObject({ leavers: 2, hc: 2, rate: 100 });
    expect(pick(rows, '2025-10-01', 'band', 'm6to12')).toMatchObject({ leavers: 0, hc: 0, rate: null });
  });

  it('drills into a band cell: its leavers are those the rate counts', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/reports/ad-tenure/drill', payload: { dimensionValues: { month: '2025-10-01', band: 'under6m' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((r: Json) => r.id).sort()).toEqual(['ad-p1', 'ad-p4']);
  });

  it('not just tenure: a group of one that loses its one person is 100 %, not 200 %', async () => {
    const rows = await run('ad-department');
    expect(pick(rows, '2025-10-01', 'department', 'ad-solo')).toMatchObject({ leavers: 1, hc: 1, rate: 100 });
    // Main in October: p1, p2, p5, p6 on the 1st + p4 = 5 people; p1, p4 and p6 leave.
    expect(pick(rows, '2025-10-01', 'department', 'ad-main')).toMatchObject({ leavers: 3, hc: 5, rate: 60 });
    expect(pick(rows, '2025-09-01', 'department', 'ad-main')).toMatchObject({ leavers: 0, hc: 4, rate: 0 });
    // The average of the first and last day counts a leaver as half a person: why the pack no longer uses it.
    const average = await run('ad-department-average');
    expect(pick(average, '2025-10-01', 'department', 'ad-solo')).toMatchObject({ leavers: 1, hc: 0.5, rate: 200 });
  });

  it('refuses "To" before "From" as bad input, in the viewer\'s language, rather than answering "no data"', async () => {
    const call = (payload: Json, locale: string) => ctx().call({ method: 'POST', url: '/api/reports/ad-ranged/run', payload, headers: { 'accept-language': locale } });
    const en = await call({ params: { from: '2025-10-01', to: '2025-09-30' } }, 'en');
    expect(en.statusCode).toBe(400);
    expect(en.json().error).toMatchObject({ code: 'BATON_E_REPORT_DATE_RANGE', path: '/params/to' });
    expect(en.json().error.message).toContain('2025-09-30 is before the start date 2025-10-01');
    const zh = await call({ params: { from: '2025-10-01', to: '2025-09-30' } }, 'zh-CN');
    expect(zh.json().error.message).toContain('截止日期 2025-09-30 早于起始日期 2025-10-01');
    // The viewer's own filters: a between turned inside out is refused at its end.
    const filters = await call({ filters: [{ field: 'leaveDate', op: 'between', value: ['2025-10-31', '2025-10-01'] }] }, 'en');
    expect(filters.statusCode).toBe(400);
    expect(filters.json().error).toMatchObject({ code: 'BATON_E_REPORT_DATE_RANGE', path: '/filters/0/value/1' });
    // One day (From = To) is a range, and the CSV route refuses the same input.
    expect((await call({ params: { from: '2025-10-15', to: '2025-10-15' } }, 'en')).statusCode).toBe(200);
    const csv = await ctx().call({ method: 'POST', url: '/api/reports/ad-ranged/csv', payload: { params: { from: '2025-10-01', to: '2025-09-30' } } });
    expect(csv.statusCode).toBe(400);
  });
});
