import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publishReports } from './fixtures/publish-reports.js';

type Json = Record<string, any>;

/** Numbers rounded to 4 decimals, so hand-computed fractions compare exactly. */
function rounded(rows: Json[]): Json[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v])));
}

forEachDatabase('reports: measures and dimensions on a fixed data set', (ctx) => {
  const run = async (key: string, body: Json = {}) => {
    const res = await ctx().call({ method: 'POST', url: `/api/reports/${key}/run`, payload: body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };

  it('sets up', async () => {
    await publishReports(ctx());
  });

  it('attrition by month and department: leavers / average headcount, groups without leavers at 0 %', async () => {
    // Jan: sales (level 2 of sales-east and sales) had u1, u2 leave; headcount on Jan 1 = 5 (u1 u2 u5 u6 mgr),
    // on Jan 31 = 4 (u2 left the 15th; u1's last day is the 31st, still employed) → 4.5 → 2 / 4.5 = 44.44 %.
    // Feb: rd lost u3 (last day Feb 28) of 3 people all month → 33.33 %. i4 (family) is filtered out.
    const result = await run('attrition');
    expect(rounded(result.rows)).toEqual([
      { month: '2025-01-01', dept: 'co', leavers: 0, hc: 1, rate: 0 },
      { month: '2025-01-01', dept: 'rd', leavers: 0, hc: 3, rate: 0 },
      { month: '2025-01-01', dept: 'sales', leavers: 2, hc: 4.5, rate: 44.4444 },
      { month: '2025-02-01', dept: 'co', leavers: 0, hc: 1, rate: 0 },
      { month: '2025-02-01', dept: 'rd', leavers: 1, hc: 3, rate: 33.3333 },
      { month: '2025-02-01', dept: 'sales', leavers: 0, hc: 3, rate: 0 },
    ]);
    expect(result.columns.find((c: Json) => c.key === 'dept')).toMatchObject({ role: 'dimension', kind: 'department', valueLabels: { sales: '销售部', rd: '研发部', co: 'Company' } });
    expect(result.columns.find((c: Json) => c.key === 'month')).toMatchObject({ type: 'date', bucket: 'month', label: 'Month' });
    expect(result.meta).toMatchObject({ scope: 'all', truncated: false, timeZone: 'Asia/Shanghai' });
  });

  it('attrition by tenure band: bands at the last day for leavers, at each period end for headcount', async () => {
    // u1 hired 2023-01-10, left 2025-01-31: 24 months → y1to3; u2 7 months → lt1; u3 59 months → gt3.
    // Jan 1: lt1 = u2 u5, y1to3 = u1, gt3 = u3 u4 u6 hr1 mgr outsider; Jan 31: lt1 = u5 (u2 gone).
    const result = await run('attrition-tenure');
    expect(rounded(result.rows)).toEqual([
      { month: '2025-01-01', tenure: 'gt3', leavers: 0, hc: 6, rate: 0 },
      { month: '2025-01-01', tenure: 'lt1', leavers: 1, hc: 1.5, rate: 66.6667 },
      { month: '2025-01-01', tenure: 'y1to3', leavers: 1, hc: 1, rate: 100 },
      { month: '2025-02-01', tenure: 'gt3', leavers: 1, hc: 6, rate: 16.6667 },
      { month: '2025-02-01', tenure: 'lt1', leavers: 0, hc: 1, rate: 0 },
    ]);
    expect(result.columns.find((c: Json) => c.key === 'tenure').valueLabels).toEqual({ lt1: '< 1 year', y1to3: '1–3', gt3: '3+' });
  });

  it('count, sum (money), avg, min, max (dates), distinct count and a filtered count', async () => {
    const result = await run('stats');
    // bonus 1000.50 + 500; score (3 + 5 + 4) / 3; departments sales-east, sales, rd; score ≥ 4: i2, i3.
    expect(result.rows).toEqual([{ n: 4, bonus: 1500.5, score: 4, first: '2025-01-15', last: '2025-03-15', depts: 3, big: 2 }]);
  });

  it('dimensions on a person\'s directory attributes', async () => {
    expect((await run('by-position')).rows).toEqual([
      { position: 'eng', level: 'P1', n: 1 },
      { position: 'rep', level: 'P1', n: 2 },
    ]);
  });

  it('date buckets: week (Monday or Sunday), day in the org time zone, quarter, year', async () => {
    // i2 was created 2025-01-05T16:30Z: the 6th in Shanghai. lastDay 2025-01-15 is a Wednesday.
    expect((await run('buckets')).rows).toEqual([
      { week: '2025-01-13', weekSun: '2025-01-12', day: '2025-01-06', quarter: '2025-01-01', year: '2025-01-01', n: 1 },
      { week: '2025-01-27', weekSun: '2025-01-26', day: '2025-01-02', quarter: '2025-01-01', year: '2025-01-01', n: 1 },
      { week: '2025-02-24', weekSun: '2025-02-23', day: '2025-02-10', quarter: '2025-01-01', year: '2025-01-01', n: 1 },
      { week: '2025-03-10', weekSun: '2025-03-09', day: '2025-03-01', quarter: '2025-01-01', year: '2025-01-01', n: 1 },
    ]);
  });

  it('cycle time per instance in hours and business days (China work calendar)', async () => {
    // i1 104 h, i2 32.5 h (i3 running, i4 cancelled: no end). Business time, 09:00–18:00:
    // i1 Thu 10:00 → Mon 18:00 = 8 h + Fri 9 h + Mon 9 h = 26 h = 2.8889 days; i2 Mon 00:30 → Tue 09:00 = 9 h = 1 day.
    const result = await run('cycle-time');
    expect(rounded(result.rows)).toEqual([{ n: 4, h_avg: 68.25, h_p50: 68.25, h_p90: 96.85, h_max: 104, bdays: 1.9444, bhours: 26 }]);
    expect(result.columns.find((c: Json) => c.key === 'bdays')).toMatchObject({ role: 'measure', kind: 'duration', unit: 'business-days', stat: 'p50' });
  });

  it('cycle time per step from the history rollup, slowest step first', async () => {
    // manager-approval: 24 h, 8 h (two visits still open); hr-interview: 80 h, 24.5 h.
    expect(rounded((await run('steps')).rows)).toEqual([
      { node: 'hr-interview', p50: 52.25, p90: 74.45, done: 2, visits: 2 },
      { node: 'manager-approval', p50: 16, p90: 22.4, done: 2, visits: 4 },
    ]);
    expect(rounded((await run('slowest-step')).rows)).toEqual([{ node: 'hr-interview', p90: 74.45 }]);
  });

  it('SLA breaches by team (the assignee\'s department), and the wait from the flow\'s start', async () => {
    // t1 (mgr, done after due) and t4 (mgr, open past due) breached; t2 by hr1 (co) in time.
    expect(rounded((await run('sla')).rows)).toEqual([
      { team: 'co', tasks: 1, breaches: 0, share: 0, wait: 104 },
      { team: 'sales', tasks: 3, breaches: 2, share: 0.6667, wait: 16 },
    ]);
  });

  it('most frequent words of free-text reasons (Chinese segmentation, stop words)', async () => {
    const result = await run('words');
    expect(result.rows).toEqual([{ word: '压力', n: 2 }, { word: '工作', n: 2 }]);
    // A second run reuses the segmented texts (report_text_words) and agrees.
    expect((await run('words')).rows).toEqual(result.rows);
  });

  it('words over a flow\'s instances: segmented once, then only instances changed since (a watermark per flow)', async () => {
    const result = await run('words-flow');
    expect(result.rows).toEqual([{ word: '压力', n: 2 }, { word: '工作', n: 2 }]);
    const db = ctx().database.db;
    const mark = await db.selectFrom('report_meta' as never).select('value' as never).where('key' as never, '=', 'words-h:flow:exit-flow:data.reason' as never).executeTakeFirst();
    expect(mark).toBeDefined();
    // An instance written afterwards is segmented on the next run: its words count at once. As on the command
    // path, the change appends to the instance's history (the watermark is history's newest id, migration 0020).
    const before = await db.selectFrom('instances').select(['data', 'updated_at']).where('id', '=', 'i4').executeTakeFirstOrThrow();
    const data = { ...(before.data as Json), reason: '通勤压力大，通勤时间长' };
    const last = await db.selectFrom('history').select((eb) => eb.fn.max('seq').as('seq')).where('instance_id', '=', 'i4').executeTakeFirstOrThrow();
    await db.updateTable('instances').set({ data: JSON.stringify(data), updated_at: new Date() }).where('id', '=', 'i4').execute();
    const event = await db.insertInto('history').values({ instance_id: 'i4', seq: Number(last.seq) + 1, type: 'instance.data-set', payload: JSON.stringify({ type: 'instance.data-set' }) }).returning('id').executeTakeFirstOrThrow();
    try {
      expect((await run('words-flow')).rows).toEqual([{ word: '压力', n: 3 }, { word: '工作', n: 2 }]);
      // Nothing new since: the next run reads no instance (the watermark's newest id is history's).
      expect(JSON.parse((await db.selectFrom('report_meta' as never).select('value' as never).where('key' as never, '=', 'words-h:flow:exit-flow:data.reason' as never).executeTakeFirstOrThrow() as { value: string }).value)).toMatchObject({ top: String(event.id) });
    } finally {
      await db.deleteFrom('history').where('id', '=', event.id).execute();
      await db.updateTable('instances').set({ data: JSON.stringify(before.data), updated_at: before.updated_at }).where('id', '=', 'i4').execute();
    }
  });

  it('the directory dataset: leavers by month with headcount from hire and leave dates', async () => {
    // Jan: 9 people on the 1st, 8 on the 31st (u2 gone) → 2 / 8.5; Feb: 7 all month → 1 / 7.
    expect(rounded((await run('leavers-dir')).rows)).toEqual([
      { month: '2025-01-01', leavers: 2, hc: 8.5, rate: 23.5294 },
      { month: '2025-02-01', leavers: 1, hc: 7, rate: 14.2857 },
    ]);
  });

  it('records of a collection form', async () => {
    expect((await run('assets')).rows).toEqual([{ kind: 'laptop', n: 2 }, { kind: 'phone', n: 1 }]);
  });

  it('filters from the viewer: JsonLogic and structured, dates as whole days in the org time zone', async () => {
    expect((await run('by-reason', { filters: { '==': [{ var: '$createdAt' }, '2025-01-06'] } })).rows).toEqual([{ reason: 'pay', n: 1 }]);
    expect((await run('by-reason', { filters: { and: [{ '<=': ['2025-01-01', { var: 'lastDay' }, '2025-01-31'] }, { '!': { in: [{ var: 'employeeId' }, ['u2']] } }] } })).rows).toEqual([{ reason: 'pay', n: 1 }]);
    expect((await run('by-reason', { filters: [{ field: 'score', op: 'gt', value: 3 }, { field: 'reason', op: 'contains', value: '压力' }] })).rows).toEqual([{ reason: 'pay', n: 1 }]);
    expect((await run('by-reason', { filters: [{ field: 'department', op: 'within-department', value: 'sales' }] })).rows).toEqual([{ reason: 'pay', n: 2 }]);
    expect((await run('by-reason', { params: { cat: 'growth' } })).rows).toEqual([{ reason: 'growth', n: 1 }]);
    // != keeps rows without a value: i4 has no score.
    expect((await run('by-reason', { filters: { '!=': [{ var: 'score' }, 5] } })).rows).toEqual([{ reason: 'family', n: 1 }, { reason: 'growth', n: 1 }, { reason: 'pay', n: 1 }]);
    const labels = (await run('by-reason')).columns.find((c: Json) => c.key === 'reason').valueLabels;
    expect(labels).toEqual({ pay: 'Pay', growth: 'Growth', family: 'Family' });
  });

  it('explains what it refuses, with paths, never a 500', async () => {
    const call = (key: string, payload: Json) => ctx().call({ method: 'POST', url: `/api/reports/${key}/run`, payload, headers: { 'accept-language': 'zh-CN' } });
    const unsupported = await call('by-reason', { filters: { some: [{ var: 'x' }, { '==': [1, 1] }] } });
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().error).toMatchObject({ code: 'BATON_E_REPORT_FILTER_UNSUPPORTED', path: '/filters/some' });
    expect(unsupported.json().error.message).toContain('报表筛选不支持运算');
    const unknown = await call('by-reason', { filters: [{ field: 'salary', op: 'gt', value: 1 }] });
    expect(unknown.json().error).toMatchObject({ code: 'BATON_E_REPORT_UNKNOWN_FIELD', path: '/filters/0/field' });
    const badParam = await call('by-reason', { params: { cat: 7, other: 1 } });
    expect(badParam.statusCode).toBe(400);
    expect(badParam.json().error.issues.map((i: Json) => i.path)).toEqual(['/params/other', '/params/cat']);
    expect((await call('nope', {})).statusCode).toBe(404);
    const extra = await call('by-reason', { sort: 'x' });
    expect(extra.statusCode).toBe(400);
  });
});
