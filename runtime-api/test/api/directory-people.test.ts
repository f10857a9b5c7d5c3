import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

const org = {
  departments: [
    { id: 'd-root', name: 'Acme' },
    { id: 'd-sales', name: 'Sales', parentId: 'd-root' },
    { id: 'd-eng', name: 'Engineering', parentId: 'd-root' },
  ],
  users: [
    { id: 'li', name: 'Li Wei', departmentId: 'd-sales', position: 'Head of sales', roles: ['manager', 'hr'], hireDate: '2015-03-01', email: 'li@example.com', attributes: { level: 'M2' } },
    { id: 'zhang', name: '张三', departmentId: 'd-sales', position: 'Account manager', managerId: 'li', hireDate: '2020-06-15' },
    { id: 'gone', name: 'Xu Gone', departmentId: 'd-eng', managerId: 'li', leaveDate: '2020-01-31' },
  ],
};

forEachDatabase('directory people (HR list)', (ctx) => {
  const list = async (query: string, roles: string[] = ['hr']) => {
    const token = await ctx().tokenFor('hr1', roles);
    return ctx().call({ method: 'GET', url: `/api/directory/people${query}`, token });
  };

  it('imports the organisation', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: org })).statusCode).toBe(200);
  });

  it("gives HR the search's page with manager by name, roles and hire date, but no contacts or attributes", async () => {
    const res = await list('?q=zhang%20');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          id: 'zhang', name: '张三', departmentId: 'd-sales', department: { id: 'd-sales', name: 'Sales' }, position: 'Account manager',
          active: true, status: 'active', leaveDate: null,
          managerId: 'li', manager: { id: 'li', name: 'Li Wei' }, roles: [], hireDate: '2020-06-15',
        },
      ],
      total: 1,
      nextCursor: null,
    });
    const [li] = (await list('?q=li&department=d-sales')).json().items;
    expect(li).toMatchObject({ id: 'li', managerId: null, manager: null, roles: ['manager', 'hr'], hireDate: '2015-03-01' });
    expect(li).not.toHaveProperty('email');
    expect(li).not.toHaveProperty('attributes');
  });

  it('pages like the search and lists people who left only with include=all', async () => {
    const first = (await list('?limit=1')).json();
    expect(first.items.map((p: { id: string }) => p.id)).toEqual(['li']);
    expect(first.total).toBe(2); // every page together; only the first page counts
    const second = (await list(`?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.items.map((p: { id: string }) => p.id)).toEqual(['zhang']);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBeNull();
    const all = (await list('?include=all')).json();
    expect(all.items.map((p: { id: string; status: string }) => `${p.id}:${p.status}`)).toEqual(['li:active', 'gone:left', 'zhang:active']);
    expect((await list('?department=d-eng')).json().items).toEqual([]);
  });

  it('filters by status (leaving, left, inactive) with the other filters, and counts what matches', async () => {
    const later = `${new Date().getUTCFullYear() + 2}-06-30`;
    const more = { users: [{ id: 'soon', name: 'Sun Soon', departmentId: 'd-eng', leaveDate: later }, { id: 'off', name: 'Ou Off', departmentId: 'd-sales', active: false }] };
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: more })).statusCode).toBe(200);
    const ids = async (query: string) => {
      const body = (await list(query)).json();
      return { ids: body.items.map((p: { id: string }) => p.id), total: body.total };
    };
    expect(await ids('?status=leaving')).toEqual({ ids: ['soon'], total: 1 });
    expect(await ids('?status=left')).toEqual({ ids: ['gone'], total: 1 });
    expect(await ids('?status=inactive')).toEqual({ ids: ['off'], total: 1 });
    // status wins over include; the department filter still applies.
    expect(await ids('?status=leaving&include=all&department=d-sales')).toEqual({ ids: [], total: 0 });
    expect(await ids('?status=left&department=d-root')).toEqual({ ids: ['gone'], total: 1 });
    expect(await ids('?limit=2')).toEqual({ ids: ['li', 'soon'], total: 3 });
    const bad = await list('?status=gone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toMatch(/status/);
  });

  it('lets admins in and refuses everyone else (403) and anonymous callers (401)', async () => {
    expect((await list('', ['admin'])).statusCode).toBe(200);
    const other = await list('', ['designer', 'manager']);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('BATON_E_FORBIDDEN');
    expect((await ctx().call({ method: 'GET', url: '/api/directory/people', token: null })).statusCode).toBe(401);
  });

  it('answers a bad cursor with 400 and its path', async () => {
    const res = await list('?cursor=nope');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toBe('/querystring/cursor');
  });
});
