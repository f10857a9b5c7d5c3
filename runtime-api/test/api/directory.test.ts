import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

const org = {
  departments: [
    { id: 'd-root', name: 'Acme' },
    { id: 'd-sales', name: 'Sales', parentId: 'd-root', headId: 'li' },
  ],
  users: [
    { id: 'li', name: 'Li Wei', departmentId: 'd-sales', position: 'Head of sales', roles: ['manager'], hireDate: '2015-03-01' },
    {
      id: 'zhang',
      name: '张三',
      departmentId: 'd-sales',
      position: 'Account manager',
      managerId: 'li',
      roles: ['sales'],
      hireDate: '2020-06-15',
      email: 'zhang@example.com',
      mobile: '+86 138 0000 0000',
      attributes: { level: 'P5', location: 'Shanghai' },
    },
  ],
};

forEachDatabase('directory', (ctx) => {
  it('imports departments and users in one go and reports inserts', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: org });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ departments: { inserted: 2, updated: 0 }, users: { inserted: 2, updated: 0 } });
  });

  it('returns a user with department, manager, roles, dates as plain ISO dates and attributes', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/directory/users/zhang' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: 'zhang',
      name: '张三',
      departmentId: 'd-sales',
      department: { id: 'd-sales', name: 'Sales' },
      position: 'Account manager',
      managerId: 'li',
      roles: ['sales'],
      hireDate: '2020-06-15',
      leaveDate: null,
      email: 'zhang@example.com',
      mobile: '+86 138 0000 0000',
      attributes: { level: 'P5', location: 'Shanghai' },
      active: true,
      status: 'active',
    });
  });

  it('lists departments (id, name, parent) by name for any signed-in caller, and refuses anonymous calls', async () => {
    const token = await ctx().tokenFor('zhang', ['sales']);
    const res = await ctx().call({ method: 'GET', url: '/api/directory/departments', token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ id: 'd-root', name: 'Acme', parentId: null }, { id: 'd-sales', name: 'Sales', parentId: 'd-root' }] });
    const anonymous = await ctx().call({ method: 'GET', url: '/api/directory/departments', token: null });
    expect(anonymous.statusCode).toBe(401);
  });

  it('upserts: a second import updates by id', async () => {
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [{ id: 'zhang', name: '张三', departmentId: 'd-sales', managerId: 'li', leaveDate: '2025-01-31', roles: ['sales'] }, { id: 'wang', name: 'Wang', managerId: 'zhang' }] },
    });
    expect(res.json()).toEqual({ departments: { inserted: 0, updated: 0 }, users: { inserted: 1, updated: 1 } });
    const zhang = (await ctx().call({ method: 'GET', url: '/api/directory/users/zhang' })).json();
    expect(zhang.leaveDate).toBe('2025-01-31');
    expect(zhang.attributes).toEqual({});
  });

  it('answers 404 with a code for an unknown user', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/directory/users/nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('BATON_E_DIRECTORY_USER_NOT_FOUND');
  });

  it('rejects unknown references, duplicates and cycles with paths, and imports nothing', async () => {
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: {
        departments: [{ id: 'd-x', name: 'X', parentId: 'd-missing' }],
        users: [
          { id: 'a', name: 'A', departmentId: 'd-nowhere' },
          { id: 'b', name: 'B', managerId: 'ghost' },
          { id: 'a', name: 'A again' },
          { id: 'c1', name: 'C1', managerId: 'c2' },
          { id: 'c2', name: 'C2', managerId: 'c1' },
          { id: 'li', name: 'Li Wei', managerId: 'wang' },
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('BATON_E_DIRECTORY_INVALID');
    const found = error.issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT /departments/0/parentId',
        'BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT /users/0/departmentId',
        'BATON_E_DIRECTORY_UNKNOWN_USER /users/1/managerId',
        'BATON_E_DIRECTORY_DUPLICATE_ID /users/2/id',
        'BATON_E_DIRECTORY_CYCLE /users/3/managerId',
        'BATON_E_DIRECTORY_CYCLE /users/4/managerId',
        // li → wang → zhang → li runs through stored users.
        'BATON_E_DIRECTORY_CYCLE /users/5/managerId',
      ]),
    );
    expect((await ctx().call({ method: 'GET', url: '/api/directory/users/c1' })).statusCode).toBe(404);
  });

  it('validates field formats with paths (400)', async () => {
    const res = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [{ id: 'q', name: 'Q', hireDate: '15/06/2020', email: 'not-an-email', roles: 'admin' }] },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/users/0/hireDate', '/users/0/email', '/users/0/roles']));
  });

  it('records each import in the audit log', async () => {
    const rows = await ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'directory.imported').orderBy('id').execute();
    expect(rows.map((r) => r.data)).toEqual([
      { departments: { inserted: 2, updated: 0 }, users: { inserted: 2, updated: 0 } },
      { departments: { inserted: 0, updated: 0 }, users: { inserted: 1, updated: 1 } },
    ]);
  });
});
