import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

// GET /directory/people/export: HR's list as CSV, every page for the filters, headers in the caller's language.

const PEOPLE = 1_250; // more than one export page (1000)
const id = (i: number) => `e${String(i).padStart(5, '0')}`;

const org = {
  departments: [
    { id: 'd-root', name: 'Acme' },
    { id: 'd-sales', name: 'Sales', parentId: 'd-root' },
    { id: 'd-east', name: 'Sales East', parentId: 'd-sales' },
    { id: 'd-eng', name: '研发部', parentId: 'd-root' },
  ],
  users: [
    { id: 'li', name: 'Li Wei', departmentId: 'd-sales', position: 'Head of sales', roles: ['manager', 'hr'], hireDate: '2015-03-01' },
    { id: 'zhang', name: '张三', departmentId: 'd-east', position: '=cmd|calc', managerId: 'li', hireDate: '2020-06-15', leaveDate: '2999-01-31' },
    { id: 'gone', name: 'Xu, Gone', departmentId: 'd-eng', managerId: 'li', leaveDate: '2020-01-31' },
    { id: 'off', name: 'Off Switch', departmentId: 'd-eng', active: false },
    ...Array.from({ length: PEOPLE }, (_, i) => ({ id: id(i), name: `Engineer ${id(i)}`, departmentId: 'd-eng', position: 'Engineer' })),
  ],
};

/** A CSV line split on commas outside quotes (enough for these cells). */
function cells(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
}

forEachDatabase('directory people export (CSV)', (ctx) => {
  const exportCsv = async (query: string, locale = 'en', roles: string[] = ['hr']) => {
    const token = await ctx().tokenFor('hr1', roles);
    return ctx().call({ method: 'GET', url: `/api/directory/people/export${query}`, token, headers: { 'accept-language': locale } });
  };

  it('imports the organisation', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: org })).statusCode).toBe(200);
  });

  it('writes every matching person, all pages, with a BOM and English headers', async () => {
    const res = await exportCsv('?include=all');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('ID,Name,Department ID,Department,Position,Manager ID,Manager,Roles,Hire date,Leave date,Status');
    expect(lines).toHaveLength(1 + PEOPLE + 4);
    expect(res.headers['x-row-count']).toBe(String(PEOPLE + 4));
    const byId = new Map(lines.slice(1).map((l) => [cells(l)[0], cells(l)]));
    expect(byId.get('li')).toEqual(['li', 'Li Wei', 'd-sales', 'Sales', 'Head of sales', '', '', 'manager;hr', '2015-03-01', '', 'Here']);
    // A formula-looking cell stays text; a leave date ahead reads "Leaving".
    expect(byId.get('zhang')).toEqual(['zhang', '张三', 'd-east', 'Sales East', "'=cmd|calc", 'li', 'Li Wei', '', '2020-06-15', '2999-01-31', 'Leaving']);
    expect(byId.get('gone')!.slice(1, 2)).toEqual(['Xu, Gone']);
    expect(byId.get('gone')!.at(-1)).toBe('Left');
    expect(byId.get('off')!.at(-1)).toBe('Inactive');
    // The list's order: by name, then id.
    const names = lines.slice(1).map((l) => cells(l)[1]!);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('follows the filters: status, department and below, words', async () => {
    const ids = async (query: string) => (await exportCsv(query)).body.slice(1).trimEnd().split('\r\n').slice(1).map((l) => cells(l)[0]);
    expect(await ids('?department=d-sales')).toEqual(['li', 'zhang']);
    expect(await ids('?status=leaving')).toEqual(['zhang']);
    expect(await ids('?status=left')).toEqual(['gone']);
    expect(await ids('?status=inactive')).toEqual(['off']);
    expect(await ids(`?q=${encodeURIComponent('engineer e0124')}`)).toEqual(['e01240', 'e01241', 'e01242', 'e01243', 'e01244', 'e01245', 'e01246', 'e01247', 'e01248', 'e01249']);
    // Present people only, as the list's default.
    expect(await ids('?department=d-eng&q=gone')).toEqual([]);
    expect(await ids('?q=nobody-at-all')).toEqual([]);
  });

  it('writes headers and statuses in Chinese for a Chinese caller (headers the CSV import reads back)', async () => {
    const res = await exportCsv('?department=d-sales', 'zh-CN');
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('工号,姓名,部门编号,部门,职位,上级工号,上级,角色,入职日期,离职日期,状态');
    expect(cells(lines[2]!).at(-1)).toBe('离职中');
  });

  it('is for HR and admins; a bad filter is refused with its path', async () => {
    expect((await exportCsv('', 'en', [])).statusCode).toBe(403);
    const bad = await exportCsv('?status=gone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toMatch(/^\/querystring\/status/);
    const paging = await exportCsv('?limit=5');
    expect(paging.statusCode).toBe(400);
  });
});
