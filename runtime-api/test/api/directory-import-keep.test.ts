import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

// POST /directory/import with `keep`: what the People page's CSV import sends for a file without some columns.
// The stored people are read in one set-based query per few thousand ids inside the import, instead of the
// page reading each person (GET /directory/users/:id) before sending.

const PEOPLE = 3_000;
const id = (i: number) => `p${String(i).padStart(5, '0')}`;

function fullRecord(i: number) {
  return {
    id: id(i),
    name: `Person ${i}`,
    departmentId: i % 2 === 0 ? 'd-a' : 'd-b',
    position: 'Engineer',
    ...(i > 0 ? { managerId: id(Math.floor((i - 1) / 10)) } : {}),
    roles: i % 100 === 0 ? ['manager'] : [],
    hireDate: '2020-01-02',
    ...(i % 7 === 0 ? { leaveDate: '2030-06-30' } : {}),
    email: `p${i}@example.com`,
    mobile: '+86 138 0000 0000',
    attributes: { level: `P${i % 9}` },
    ...(i % 11 === 0 ? { active: false } : {}),
  };
}

/** What a CSV of id, name, position sends: everything else is kept. */
const CSV_KEEP = ['departmentId', 'managerId', 'roles', 'hireDate', 'leaveDate', 'email', 'mobile', 'attributes', 'active'];

forEachDatabase('directory import keeping stored fields', (ctx) => {
  it(`imports ${PEOPLE} people with every field`, async () => {
    const departments = [{ id: 'd-a', name: 'A' }, { id: 'd-b', name: 'B' }];
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { departments, users: Array.from({ length: PEOPLE }, (_, i) => fullRecord(i)) } });
    expect(res.statusCode).toBe(200);
    expect(res.json().users).toEqual({ inserted: PEOPLE, updated: 0 });
  });

  it('changes only positions for a file of id, name and position, keeps the rest, and adds new people bare', async () => {
    const users = [
      ...Array.from({ length: PEOPLE }, (_, i) => ({ id: id(i), name: `Person ${i}`, position: `Senior ${i}` })),
      ...Array.from({ length: 200 }, (_, i) => ({ id: `new-${i}`, name: `New ${i}`, position: 'Intern' })),
    ];
    // A row that does give a kept field still sets it.
    users[5] = { ...users[5]!, email: 'changed@example.com' } as (typeof users)[number];
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users, keep: CSV_KEEP } });
    expect(res.statusCode).toBe(200);
    expect(res.json().users).toEqual({ inserted: 200, updated: PEOPLE });

    const rows = await ctx().database.db.selectFrom('directory_users').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(PEOPLE + 200);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (let i = 0; i < PEOPLE; i++) {
      const before = fullRecord(i);
      const row = byId.get(id(i))!;
      expect({
        position: row.position, department: row.department_id, manager: row.manager_id, roles: row.roles, hire: row.hire_date,
        leave: row.leave_date, email: row.email, mobile: row.mobile, attributes: row.attributes, active: row.active,
      }).toEqual({
        position: `Senior ${i}`, department: before.departmentId, manager: before.managerId ?? null, roles: before.roles, hire: '2020-01-02',
        leave: before.leaveDate ?? null, email: i === 5 ? 'changed@example.com' : before.email, mobile: before.mobile, attributes: before.attributes, active: before.active ?? true,
      });
    }
    expect(byId.get('new-7')).toMatchObject({ position: 'Intern', department_id: null, manager_id: null, roles: [], email: null, attributes: {}, active: true });
    const audit = await ctx().database.db.selectFrom('audit_log').select('data').where('action', '=', 'directory.imported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ departments: { inserted: 0, updated: 0 }, users: { inserted: 200, updated: PEOPLE }, keep: CSV_KEEP });
  });

  it('without keep, a row still replaces the whole record (the API contract)', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: id(3), name: 'Person 3' }] } });
    expect(res.statusCode).toBe(200);
    const row = await ctx().database.db.selectFrom('directory_users').selectAll().where('id', '=', id(3)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ position: null, email: null, manager_id: null, attributes: {}, active: true });
  });

  it('checks cycles against the kept managers: a file without a manager column cannot hide one', async () => {
    // p00011's stored manager is p00001; a file making p00001 report to p00011 while keeping p00011's manager.
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [{ id: id(1), name: 'Person 1', managerId: id(11) }, { id: id(11), name: 'Person 11' }], keep: ['managerId'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`)).toEqual(
      expect.arrayContaining(['BATON_E_DIRECTORY_CYCLE /users/0/managerId']),
    );
  });

  it('refuses an unknown or repeated kept field with its path (400)', async () => {
    for (const keep of [['name'], ['email', 'email']]) {
      const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [], keep } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues[0].path).toMatch(/^\/keep/);
    }
  });
});
