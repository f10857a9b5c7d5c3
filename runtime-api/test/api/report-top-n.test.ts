import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

type Json = Record<string, any>;

// One department, twelve positions of four people each (hired 2020). Leavers in 2025 by position:
//   01: Jan 10, Jan 20, Feb 5   02: Jan 15, Feb 15   03: Feb 3, Feb 10   04: Jan 5   05: Feb 20   06: Jan 25
//   07–12: nobody. Top 3 by leavers over both months: 01 (3), 02 (2), 03 (2); 04–12 are Other.
const leaves: Record<string, string[]> = {
  '01': ['2025-01-10', '2025-01-20', '2025-02-05'],
  '02': ['2025-01-15', '2025-02-15'],
  '03': ['2025-02-03', '2025-02-10'],
  '04': ['2025-01-05'],
  '05': ['2025-02-20'],
  '06': ['2025-01-25'],
};
const positions = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const directory = {
  departments: [{ id: 'tn-dept', name: 'Top N' }],
  users: positions.flatMap((p) =>
    [0, 1, 2, 3].map((k) => ({
      id: `tn-${p}-${k}`,
      name: `TN ${p} ${k}`,
      departmentId: 'tn-dept',
      position: `Position ${p}`,
      hireDate: '2020-01-01',
      ...(leaves[p]?.[k] ? { leaveDate: leaves[p]![k] } : {}),
    })),
  ),
};

const inDept = { field: 'department', op: 'within-department', value: 'tn-dept' };
/** Attrition by month and position, like the pack's report; `topN` on the position dimension when given. */
const attrition = (key: string, topN?: Json) => ({
  kind: 'report',
  key,
  version: 1,
  title: { en: 'Attrition by position', 'zh-CN': '各职位离职率' },
  dataset: { source: 'directory' },
  measures: [
    { op: 'count', key: 'leavers', label: 'Leavers' },
    { op: 'headcount', key: 'hc', label: 'Headcount', stat: 'average', filters: [inDept] },
    { op: 'ratio', key: 'rate', label: 'Rate', numerator: 'leavers', denominator: 'hc', scale: 100 },
  ],
  dimensions: [
    { kind: 'date', key: 'month', field: 'leaveDate', bucket: 'month', timeZone: 'Asia/Shanghai' },
    { kind: 'field', key: 'position', field: 'position', ...(topN ? { topN } : {}) },
  ],
  filters: [{ field: 'leaveDate', op: 'between', value: ['2025-01-01', '2025-02-28'] }, inDept],
  sort: [{ by: 'month', direction: 'asc' }],
});

const sum = (rows: Json[], key: string, month?: string) => rows.filter((r) => !month || r.month === month).reduce((s, r) => s + (r[key] ?? 0), 0);

forEachDatabase('reports: top N values, the rest grouped as Other', (ctx) => {
  const run = async (key: string, locale = 'en') => {
    const res = await ctx().call({ method: 'POST', url: `/api/reports/${key}/run`, payload: {}, headers: { 'accept-language': locale } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };
  const save = (definition: Json) => ctx().call({ method: 'POST', url: '/api/definitions', payload: definition, headers: { 'accept-language': 'zh-CN' } });

  it('sets up', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBeLessThan(300);
    const counted = {
      kind: 'report',
      key: 'tn-count',
      version: 1,
      title: 'Leavers by position',
      dataset: { source: 'directory' },
      measures: [{ op: 'count', key: 'leavers', label: 'Leavers' }, { op: 'distinct-count', key: 'departments', label: 'Departments', field: 'department' }],
      dimensions: [{ kind: 'field', key: 'position', field: 'position', topN: { n: 3 } }],
      filters: [{ field: 'leaveDate', op: 'between', value: ['2025-01-01', '2025-02-28'] }, inDept],
      sort: [{ by: 'position', direction: 'desc' }],
    };
    const definitions = [attrition('tn-all'), attrition('tn-top', { n: 3, by: 'leavers' }), attrition('tn-wide', { n: 20 }), counted];
    for (const definition of definitions) {
      const saved = await save(definition);
      expect(saved.statusCode, saved.body).toBeLessThan(300);
      expect((await ctx().call({ method: 'POST', url: `/api/definitions/report/${definition.key}/publish` })).statusCode).toBe(200);
    }
  });

  it('keeps the top 3 positions, groups the rest as Other last in each month, and the totals stay those of the ungrouped report', async () => {
    const all = (await run('tn-all')).rows as Json[];
    const top = await run('tn-top');
    const rows = top.rows as Json[];
    expect(new Set(rows.map((r) => r.position))).toEqual(new Set(['Position 01', 'Position 02', 'Position 03', '$other']));
    for (const month of ['2025-01-01', '2025-02-01']) {
      const ofMonth = rows.filter((r) => r.month === month);
      expect(ofMonth.at(-1)?.position).toBe('$other');
      // Leavers and headcount add up to the ungrouped sums: nothing lost, nothing counted twice.
      expect(sum(rows, 'leavers', month)).toBe(sum(all, 'leavers', month));
      expect(sum(rows, 'hc', month)).toBeCloseTo(sum(all, 'hc', month), 9);
      // Other's rate is its leavers over its headcount, not a sum or mean of the positions' rates.
      const other = ofMonth.find((r) => r.position === '$other')!;
      const rest = all.filter((r) => r.month === month && !['Position 01', 'Position 02', 'Position 03'].includes(r.position));
      expect(other.leavers).toBe(sum(rest, 'leavers'));
      expect(other.hc).toBeCloseTo(sum(rest, 'hc'), 9);
      expect(other.rate).toBeCloseTo((other.leavers / other.hc) * 100, 9);
    }
    // By hand: January's Other are 04 (Jan 5) and 06 (Jan 25) of 9 × 4 people, 36 on the 1st, 34 on the 31st.
    expect(rows.find((r) => r.month === '2025-01-01' && r.position === '$other')).toMatchObject({ leavers: 2, hc: 35 });
    // Kept positions are the ungrouped rows themselves.
    for (const r of rows.filter((x) => x.position !== '$other')) expect(all).toContainEqual(r);
    const position = top.columns.find((c: Json) => c.key === 'position');
    expect(position).toMatchObject({ otherValue: '$other', valueLabels: { $other: 'Other' } });
    expect((await run('tn-top', 'zh-CN')).columns.find((c: Json) => c.key === 'position').valueLabels.$other).toBe('其他');
  });

  it('ranks by the first measure when "by" is omitted, ordered in SQL, each measure aggregated again for Other', async () => {
    // Other = 04, 05, 06: three leavers of one department (a distinct count is not the sum of the positions' 1 + 1 + 1).
    expect((await run('tn-count')).rows).toEqual([
      { position: 'Position 03', leavers: 2, departments: 1 },
      { position: 'Position 02', leavers: 2, departments: 1 },
      { position: 'Position 01', leavers: 3, departments: 1 },
      { position: '$other', leavers: 3, departments: 1 },
    ]);
  });

  it('groups nothing when every value fits: positions with people but no leavers keep their own rows', async () => {
    const all = (await run('tn-all')).rows as Json[];
    const wide = (await run('tn-wide')).rows as Json[];
    expect(wide.some((r) => r.position === '$other')).toBe(false);
    const byPosition = (rows: Json[]) => [...rows].sort((a, b) => `${a.month}${a.position}`.localeCompare(`${b.month}${b.position}`));
    expect(byPosition(wide)).toEqual(byPosition(all));
  });

  it('drills into a kept position, and refuses Other (many values) with a code and a path', async () => {
    const drill = (position: string) => ctx().call({ method: 'POST', url: '/api/reports/tn-top/drill', payload: { dimensionValues: { month: '2025-01-01', position } } });
    const kept = await drill('Position 01');
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().rows).toHaveLength(2);
    const other = await drill('$other');
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toMatchObject({ code: 'BATON_E_REPORT_DRILL_OTHER', path: '/dimensionValues/position' });
  });

  it('validates the option with a code and a path, in the viewer\'s language', async () => {
    const zero = await save(attrition('tn-bad-n', { n: 0 }));
    expect(zero.statusCode).toBe(422);
    expect(zero.json().error.issues.map((i: Json) => i.path)).toContain('/dimensions/1/topN/n');
    const unknown = await save(attrition('tn-bad-key', { n: 3, limit: 3 }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.issues.map((i: Json) => i.path).join(' ')).toContain('/dimensions/1/topN');
    const ratio = await save(attrition('tn-bad-by', { n: 3, by: 'rate' }));
    expect(ratio.statusCode).toBe(422);
    const measureIssue = ratio.json().error.issues.find((i: Json) => i.code === 'BATON_E_REPORT_TOP_N_MEASURE');
    expect(measureIssue).toMatchObject({ path: '/dimensions/1/topN/by' });
    expect(measureIssue.message).toContain('前 N 项');
    const dated = attrition('tn-bad-dim');
    (dated.dimensions[0] as Json).topN = { n: 3 };
    const onDate = await save(dated);
    expect(onDate.statusCode).toBe(422);
    expect(onDate.json().error.issues.some((i: Json) => String(i.path).startsWith('/dimensions/0'))).toBe(true);
  });
});
