import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';

type Person = {
  id: string; name: string; departmentId: string | null; department: { id: string; name: string } | null; position: string | null; active: boolean;
  status: 'active' | 'inactive' | 'left'; leaveDate: string | null;
};
type Page = { items: Person[]; nextCursor: string | null };

const org = {
  departments: [
    { id: 'd-root', name: 'Acme' },
    { id: 'd-sales', name: 'Sales', parentId: 'd-root' },
    { id: 'd-sales-east', name: 'Sales East', parentId: 'd-sales' },
    { id: 'd-eng', name: 'Engineering', parentId: 'd-root' },
  ],
  users: [
    { id: 'li', name: 'Li Wei', departmentId: 'd-sales', position: 'Head of sales', roles: ['manager'], email: 'li@example.com', attributes: { level: 'M2' } },
    { id: 'zhang', name: '张三', departmentId: 'd-sales-east', position: 'Account manager', managerId: 'li', mobile: '+86 138 0000 0000' },
    { id: 'zhangsf', name: '张三丰', departmentId: 'd-eng', position: 'Architect' },
    { id: 'wei-x', name: 'Xu Wei', departmentId: 'd-eng', active: false, leaveDate: '2026-01-31' },
    { id: 'pct', name: '100% Pat_Under', departmentId: 'd-eng' },
    { id: 'nodept', name: 'Nobody Attached' },
  ],
};

forEachDatabase('directory search', (ctx) => {
  const search = async (query: string, as: { user: string; roles: string[] } = { user: 'zhang', roles: ['sales'] }) => {
    const token = await ctx().tokenFor(as.user, as.roles);
    return ctx().call({ method: 'GET', url: `/api/directory/users${query}`, token });
  };
  const ids = (page: Page) => page.items.map((p) => p.id);

  it('imports the organisation', async () => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: org });
    expect(res.statusCode).toBe(200);
  });

  it('lets any signed-in caller search, answering only what a picker shows', async () => {
    const res = await search('?q=li');
    expect(res.statusCode).toBe(200);
    const page: Page = res.json();
    expect(page).toEqual({
      items: [{ id: 'li', name: 'Li Wei', departmentId: 'd-sales', department: { id: 'd-sales', name: 'Sales' }, position: 'Head of sales', active: true, status: 'active', leaveDate: null }],
      nextCursor: null,
    });
    // No contacts, roles, dates or attributes, unlike GET /directory/users/:id for HR.
    // The leave date is what the picker needs to tag someone who left; nothing else about dates.
    expect(Object.keys(page.items[0]!).sort()).toEqual(['active', 'department', 'departmentId', 'id', 'leaveDate', 'name', 'position', 'status']);
  });

  it('refuses anonymous callers (401)', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/directory/users?q=li', token: null });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BATON_E_AUTH_REQUIRED');
  });

  it('still keeps a colleague\'s full record for HR and themselves (403 for others)', async () => {
    expect((await search('/li')).statusCode).toBe(403);
    expect((await search('/zhang')).statusCode).toBe(200);
    expect((await search('/li', { user: 'hr1', roles: ['hr'] })).json().email).toBe('li@example.com');
  });

  it('matches Chinese names and ids by substring, Latin names case-insensitively, every word', async () => {
    expect(ids((await search(`?q=${encodeURIComponent('张三')}`)).json())).toEqual(['zhang', 'zhangsf']);
    expect(ids((await search(`?q=${encodeURIComponent('三丰')}`)).json())).toEqual(['zhangsf']);
    expect(ids((await search('?q=ZHANGS')).json())).toEqual(['zhangsf']);
    // "wei" is in Li Wei's name and in Xu Wei's name and id; both words must match. Xu Wei has left, so
    // only include=all finds him.
    expect(ids((await search('?q=WEI')).json())).toEqual(['li']);
    expect(ids((await search('?q=WEI&include=all')).json())).toEqual(['li', 'wei-x']);
    expect(ids((await search(`?q=${encodeURIComponent(' wei  xu ')}&include=all`)).json())).toEqual(['wei-x']);
    expect(ids((await search('?q=wei%20nobody')).json())).toEqual([]);
  });

  it('leaves out people who left unless include=all, which shows them as left with their date; and people without a department', async () => {
    expect((await search('?q=xu')).json().items).toEqual([]);
    expect((await search('?q=xu&include=present')).json().items).toEqual([]);
    const [xu] = (await search('?q=xu&include=all')).json().items as Person[];
    expect(xu).toMatchObject({ id: 'wei-x', active: false, status: 'left', leaveDate: '2026-01-31' });
    const [nobody] = (await search('?q=attached')).json().items as Person[];
    expect(nobody).toMatchObject({ departmentId: null, department: null, position: null });
  });

  it('takes %, _ and \\ literally', async () => {
    expect(ids((await search('?q=100%25')).json())).toEqual(['pct']);
    expect(ids((await search('?q=t_u')).json())).toEqual(['pct']);
    // "_" would match any one character if it were not escaped: "Li Wei" has "i W".
    expect(ids((await search('?q=i_w')).json())).toEqual([]);
    expect(ids((await search('?q=%25')).json())).toEqual(['pct']);
    expect(ids((await search('?q=%5C')).json())).toEqual([]);
  });

  it('filters by departments and the departments below them', async () => {
    expect(ids((await search('?department=d-sales')).json())).toEqual(['li', 'zhang']);
    expect(ids((await search('?department=d-sales-east')).json())).toEqual(['zhang']);
    expect(ids((await search('?department=d-root&q=zhang')).json())).toEqual(['zhang', 'zhangsf']);
    expect(ids((await search('?department=d-nowhere')).json())).toEqual([]);
    // Repeated: either department (a form field restricted to several departments).
    expect(ids((await search('?department=d-sales-east&department=d-eng&q=zhang')).json())).toEqual(['zhang', 'zhangsf']);
  });

  it('looks up exact ids (names for values already chosen), ignoring unknown ones', async () => {
    expect(ids((await search('?id=zhang&id=li&id=ghost')).json())).toEqual(['li', 'zhang']);
    expect(ids((await search('?id=zhang')).json())).toEqual(['zhang']);
  });

  it('pages by name then id with a cursor, no row twice or missed', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: Page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    const all = ids((await search('?limit=50')).json());
    // Everyone but Xu Wei, who has left.
    expect(all).toHaveLength(org.users.length - 1);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
    // A page of the search keeps the search's words.
    const first: Page = (await search('?q=zhang&limit=1')).json();
    expect(ids(first)).toEqual(['zhang']);
    expect(ids((await search(`?q=zhang&limit=1&cursor=${first.nextCursor}`)).json())).toEqual(['zhangsf']);
  });

  it('rejects bad parameters with codes and paths (400), never 500', async () => {
    const cases: Array<[string, string, string]> = [
      ['?limit=0', 'BATON_E_REQUEST_INVALID', '/querystring/limit'],
      ['?limit=51', 'BATON_E_REQUEST_INVALID', '/querystring/limit'],
      ['?limit=many', 'BATON_E_REQUEST_INVALID', '/querystring/limit'],
      [`?q=${'x'.repeat(101)}`, 'BATON_E_REQUEST_INVALID', '/querystring/q'],
      ['?q=a%00b', 'BATON_E_REQUEST_INVALID', '/querystring/q'],
      ['?department=a%20b', 'BATON_E_REQUEST_INVALID', '/querystring/department'],
      ['?nickname=x', 'BATON_E_REQUEST_INVALID', '/querystring'],
      ['?include=leavers', 'BATON_E_REQUEST_INVALID', '/querystring/include'],
      ['?cursor=not-a-cursor', 'BATON_E_DIRECTORY_CURSOR_INVALID', '/querystring/cursor'],
      [`?cursor=${Buffer.from(JSON.stringify(['a\u0000', 'b'])).toString('base64url')}`, 'BATON_E_DIRECTORY_CURSOR_INVALID', '/querystring/cursor'],
      [`?cursor=${Buffer.from(JSON.stringify({ name: 'a' })).toString('base64url')}`, 'BATON_E_DIRECTORY_CURSOR_INVALID', '/querystring/cursor'],
    ];
    for (const [query, code, path] of cases) {
      const res = await search(query);
      expect(res.statusCode, query).toBe(400);
      const { error } = res.json();
      expect(error.code, query).toBe(code);
      expect(error.path, query).toContain(path);
    }
  });

  it('is described in the OpenAPI document with its parameters and answer', async () => {
    const doc = (await ctx().call({ method: 'GET', url: '/api/openapi.json', token: null })).json();
    const op = doc.paths['/api/directory/users'].get;
    expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort()).toEqual(['query:cursor', 'query:department', 'query:id', 'query:include', 'query:limit', 'query:q']);
    expect(op.parameters.find((p: { name: string }) => p.name === 'include').description).toContain('present');
    const ok = op.responses['200'].content['application/json'].schema;
    expect(Object.keys(ok.properties).sort()).toEqual(['items', 'nextCursor']);
    expect(op.responses['4XX'] ?? op.responses['4xx']).toBeDefined();
  });

  it('answers in the caller\'s language', async () => {
    const token = await ctx().tokenFor('zhang', []);
    const res = await ctx().call({ method: 'GET', url: '/api/directory/users?cursor=xyz', token, headers: { 'accept-language': 'zh-CN' } });
    expect(res.json().error.message).toContain('游标');
  });
});
