import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';

// POST /directory/import with dryRun: every check in one answer (schema, duplicates, references, cycles), what
// would be inserted / updated / unchanged, and nothing written, on PGlite and PostgreSQL.

const org = {
  departments: [
    { id: 'd-root', name: 'Acme' },
    { id: 'd-sales', name: 'Sales', parentId: 'd-root' },
  ],
  users: [
    { id: 'li', name: 'Li Wei', departmentId: 'd-sales', position: 'Head of sales', roles: ['manager'], hireDate: '2015-03-01', attributes: { level: 'M2', site: 'SH' } },
    { id: 'zhang', name: '张三', departmentId: 'd-sales', position: 'Account manager', managerId: 'li', hireDate: '2020-06-15' },
    { id: 'wang', name: 'Wang Fang', departmentId: 'd-sales', managerId: 'li', email: 'wang@example.com' },
  ],
};

/** Everything an import could write: the directory, its version, the audit log, idempotency keys. */
async function snapshot(ctx: TestContext): Promise<string> {
  const db = ctx.database.db;
  const [users, departments, version, audit, keys] = await Promise.all([
    db.selectFrom('directory_users').selectAll().orderBy('id').execute(),
    db.selectFrom('directory_departments').selectAll().orderBy('id').execute(),
    sql<{ version: string | number }>`select version from directory_version`.execute(db),
    db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify({ users, departments, version: version.rows, audit: Number(audit.n), keys: Number(keys.n) });
}

forEachDatabase('directory import dry run', (ctx) => {
  const dryRun = async (payload: Record<string, unknown>, token?: string, locale = 'en') =>
    ctx().call({ method: 'POST', url: '/api/directory/import', payload: { ...payload, dryRun: true }, headers: { 'accept-language': locale, 'idempotency-key': `dry-${Math.random()}` }, ...(token ? { token } : {}) });

  it('imports the organisation', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: org })).statusCode).toBe(200);
  });

  it('counts new, changed and unchanged people and departments, naming the fields that change, and writes nothing', async () => {
    const before = await snapshot(ctx());
    const hr = await ctx().tokenFor('hr1', ['hr']);
    const res = await dryRun(
      {
        departments: [{ id: 'd-root', name: 'Acme' }, { id: 'd-sales', name: 'Sales & Marketing', parentId: 'd-root' }, { id: 'd-new', name: 'New', parentId: 'd-root' }],
        users: [
          // Same record, attributes in another key order: unchanged.
          { id: 'li', name: 'Li Wei', departmentId: 'd-sales', position: 'Head of sales', roles: ['manager'], hireDate: '2015-03-01', attributes: { site: 'SH', level: 'M2' } },
          { id: 'zhang', name: '张三', departmentId: 'd-new', position: 'Senior account manager', managerId: 'li', hireDate: '2020-06-15' },
          // Only the name given, the rest kept: unchanged.
          { id: 'wang', name: 'Wang Fang' },
          { id: 'new1', name: 'New One', departmentId: 'd-new', managerId: 'zhang' },
        ],
        // What a CSV import sends: fields a row leaves out keep their stored values.
        keep: ['departmentId', 'position', 'managerId', 'roles', 'hireDate', 'leaveDate', 'email', 'mobile', 'attributes', 'active'],
      },
      hr,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      valid: true,
      users: { inserted: 1, updated: 1, unchanged: 2 },
      departments: { inserted: 1, updated: 1, unchanged: 1 },
      issues: [],
      changesTruncated: false,
    });
    expect(body.changes).toEqual([
      { list: 'departments', index: 1, id: 'd-sales', action: 'update', fields: ['name'] },
      { list: 'departments', index: 2, id: 'd-new', action: 'insert', fields: [] },
      { list: 'users', index: 1, id: 'zhang', action: 'update', fields: ['departmentId', 'position'] },
      { list: 'users', index: 3, id: 'new1', action: 'insert', fields: [] },
    ]);
    expect(await snapshot(ctx())).toBe(before);
  });

  it('without keep a row replaces the whole record, so a bare row counts as a change of what it clears', async () => {
    const res = await dryRun({ users: [{ id: 'wang', name: 'Wang Fang' }] });
    expect(res.json().changes).toEqual([{ list: 'users', index: 0, id: 'wang', action: 'update', fields: ['departmentId', 'managerId', 'email'] }]);
  });

  it('lists schema, duplicate, reference and cycle problems together, each with its path, in the caller\'s language', async () => {
    const before = await snapshot(ctx());
    const payload = {
      users: [
        { id: 'a', name: 'A', managerId: 'b', email: 'not-an-email' },
        { id: 'b', name: 'B', managerId: 'a' },
        { id: 'c', name: 'C' },
        { id: 'c', name: 'C again', departmentId: 'd-nowhere', hireDate: '2021-13-40' },
        { name: 'no id' },
        'not an object',
        { id: 'd', name: 'D', managerId: 'ghost', colour: 'blue' },
      ],
    };
    const res = await dryRun(payload);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    const found = body.issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BATON_E_\w+ \/users\/0\/email$/),
        expect.stringMatching(/^BATON_E_\w+ \/users\/3\/hireDate$/),
        expect.stringMatching(/^BATON_E_\w+ \/users\/4(\/id)?$/),
        expect.stringMatching(/^BATON_E_\w+ \/users\/5$/),
        expect.stringMatching(/^BATON_E_\w+ \/users\/6(\/colour)?$/),
        'BATON_E_DIRECTORY_DUPLICATE_ID /users/3/id',
        'BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT /users/3/departmentId',
        'BATON_E_DIRECTORY_UNKNOWN_USER /users/6/managerId',
        'BATON_E_DIRECTORY_CYCLE /users/0/managerId',
        'BATON_E_DIRECTORY_CYCLE /users/1/managerId',
      ]),
    );
    expect(body.issues.every((i: { message: string }) => i.message.length > 0)).toBe(true);
    // New ids a, b, c, d: the repeat of c and the entries without an id are not counted.
    expect(body.users).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    const zh = (await dryRun(payload, undefined, 'zh-CN')).json();
    expect(zh.issues.find((i: { code: string }) => i.code === 'BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT').message).toContain('请在 departments 中添加部门');
    expect(await snapshot(ctx())).toBe(before);

    // The same body without dryRun is refused as before: the schema's 400 first.
    const real = await ctx().call({ method: 'POST', url: '/api/directory/import', payload });
    expect(real.statusCode).toBe(400);
    expect(real.json().error.code).toBe('BATON_E_REQUEST_INVALID');
    expect(await snapshot(ctx())).toBe(before);
  });

  it('is for HR and admins only, like the import', async () => {
    const employee = await ctx().tokenFor('zhang', []);
    const refused = await dryRun({ users: [{ id: 'x', name: 'X' }] }, employee);
    expect(refused.statusCode).toBe(403);
    const anonymous = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [], dryRun: true }, token: null });
    expect(anonymous.statusCode).toBe(401);
    const admin = await dryRun({ users: [{ id: 'x', name: 'X' }] });
    expect(admin.statusCode).toBe(200);
  });

  it('takes dryRun only as a boolean, and dryRun false imports', async () => {
    const bad = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [], dryRun: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['/dryRun']);
    const real = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'new2', name: 'New Two' }], dryRun: false } });
    expect(real.statusCode).toBe(200);
    expect(real.json()).toEqual({ departments: { inserted: 0, updated: 0 }, users: { inserted: 1, updated: 0 } });
  });

  it('previews thousands of people in one request, listing at most 1000 changes', async () => {
    const users = Array.from({ length: 3_000 }, (_, i) => ({ id: `bulk-${i}`, name: `Bulk ${i}`, departmentId: 'd-sales', managerId: 'li' }));
    const before = await snapshot(ctx());
    const body = (await dryRun({ users })).json();
    expect(body.users).toEqual({ inserted: 3_000, updated: 0, unchanged: 0 });
    expect(body.changes).toHaveLength(1_000);
    expect(body.changesTruncated).toBe(true);
    expect(await snapshot(ctx())).toBe(before);
  });
});
