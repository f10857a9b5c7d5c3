import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { countQueries } from '../harness/query-counter.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

// Sales East sits below Sales: a field limited to Sales takes its people too.
const directory = {
  departments: [
    { id: 'd-root', name: 'Company' },
    { id: 'd-sales', name: 'Sales', parentId: 'd-root' },
    { id: 'd-sales-east', name: 'Sales East', parentId: 'd-sales' },
    { id: 'd-it', name: 'IT', parentId: 'd-root' },
  ],
  users: [
    { id: 'emp', name: 'Zhang San', departmentId: 'd-sales-east', roles: [] },
    { id: 'mgr', name: 'Li Si', departmentId: 'd-sales', roles: ['manager'] },
    { id: 'leaver', name: 'Zhou Leaver', departmentId: 'd-sales', roles: ['manager'] },
    { id: 'it1', name: 'Zhao IT', departmentId: 'd-it', roles: ['it'] },
    { id: 'hr1', name: 'Wang HR', departmentId: 'd-root', roles: ['hr'] },
  ],
};

const handoverForm = {
  kind: 'form',
  key: 'person-handover',
  title: t('Handover', '交接'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'successorId', type: 'user', label: t('Successor', '接替人'), config: { departments: ['d-sales'] } },
    { key: 'approverId', type: 'user', label: t('Approver', '审批人'), config: { roles: ['manager'] } },
    { key: 'team', type: 'department', label: t('Team', '团队'), config: { root: 'd-sales' } },
    { key: 'note', type: 'text', label: t('Note', '备注') },
    {
      key: 'customers',
      type: 'sub-table',
      label: t('Customers', '客户'),
      fields: [
        { key: 'name', type: 'text', label: t('Customer', '客户'), required: true },
        { key: 'ownerId', type: 'user', label: t('New owner', '新负责人'), config: { departments: ['d-sales'] } },
      ],
    },
  ],
};
const handoverFlow = {
  kind: 'flow',
  key: 'person-handover',
  title: t('Handover', '交接'),
  form: 'person-handover',
  nodes: [
    { id: 'request', type: 'start', name: t('Request', '申请') },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'role', role: 'hr' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [
    { id: 'e1', from: 'request', to: 'approve' },
    { id: 'e2', from: 'approve', to: 'end' },
  ],
};
const accountForm = {
  kind: 'form',
  key: 'person-account',
  title: t('Account', '账号'),
  collection: true,
  fields: [
    { key: 'system', type: 'text', label: t('System', '系统'), required: true },
    { key: 'ownerId', type: 'user', label: t('Owner', '负责人'), config: { roles: ['it'] } },
  ],
};

// A rule gives HR a to-do whose own form names a witness, who must be a manager.
const witnessForm = {
  kind: 'form',
  key: 'person-witness',
  title: t('Witness', '见证人'),
  fields: [{ key: 'witnessId', type: 'user', label: t('Witness', '见证人'), required: true, config: { roles: ['manager'] } }],
};
const witnessRule = {
  kind: 'rule',
  key: 'person-handover-witness',
  title: t('HR names a witness', 'HR 指定见证人'),
  scope: { flow: 'person-handover' },
  trigger: { type: 'flow-started' },
  actions: [{ type: 'create-task', params: { title: t('Name a witness', '指定见证人'), assignees: [{ kind: 'role', role: 'hr' }], form: 'person-witness' } }],
};

const valid = {
  employeeId: 'emp',
  successorId: 'leaver',
  approverId: 'mgr',
  team: 'd-sales-east',
  customers: [{ name: 'ACME', ownerId: 'emp' }, { name: 'Globex', ownerId: 'leaver' }],
};

forEachDatabase('person fields: directory ids checked against the field options', (ctx) => {
  const tokens: Record<string, string> = {};
  const as = (user: string, method: 'POST' | 'PATCH', url: string, payload: Json, locale = 'en') =>
    ctx().call({ method, url, payload, token: tokens[user], headers: { 'accept-language': locale } });
  const start = (data: Json, locale = 'en') => as('emp', 'POST', '/api/flows/person-handover/instances', { data }, locale);
  const refusal = (res: { statusCode: number; json(): Json; body: string }) => {
    expect(res.statusCode, res.body).toBe(422);
    return res.json().error as Json;
  };
  const instanceCount = async () => Number((await ctx().database.db.selectFrom('instances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [handoverForm, handoverFlow, accountForm, witnessForm, witnessRule]) await publish(ctx(), def);
    tokens.emp = await ctx().tokenFor('emp', []);
    tokens.hr1 = await ctx().tokenFor('hr1', ['hr']);
  });

  it('refuses an id nobody in the directory has, in both languages, and writes nothing', async () => {
    const before = await instanceCount();
    const error = refusal(await start({ ...valid, employeeId: 'ghost' }));
    expect(error).toMatchObject({ code: 'BATON_E_PERSON_NOT_FOUND', path: '/data/employeeId' });
    expect(error.message).toContain('Choose another person for "Employee"');
    const zh = refusal(await start({ ...valid, team: 'd-nowhere' }, 'zh-CN'));
    expect(zh).toMatchObject({ code: 'BATON_E_PERSON_NOT_FOUND', path: '/data/team' });
    expect(zh.message).toContain('请为“团队”');
    expect(await instanceCount()).toBe(before);
  });

  it('refuses a person outside the allowed departments, a missing role and a department outside its root', async () => {
    const error = refusal(await start({ ...valid, successorId: 'it1', approverId: 'emp', team: 'd-it' }));
    expect(error).toMatchObject({ code: 'BATON_E_PERSON_NOT_ALLOWED', path: '/data/successorId' });
    expect(error.issues.map((i: Json) => [i.code, i.path])).toEqual([
      ['BATON_E_PERSON_NOT_ALLOWED', '/data/successorId'],
      ['BATON_E_PERSON_NOT_ALLOWED', '/data/approverId'],
      ['BATON_E_PERSON_NOT_ALLOWED', '/data/team'],
    ]);
    expect(error.issues[1].message).toContain('holds none of the roles manager');
  });

  it('names the sub-table row of a refused value', async () => {
    const error = refusal(await start({ ...valid, customers: [{ name: 'ACME', ownerId: 'emp' }, { name: 'Globex', ownerId: 'it1' }] }));
    expect(error).toMatchObject({ code: 'BATON_E_PERSON_NOT_ALLOWED', path: '/data/customers/1/ownerId' });
    expect(error.message).toContain('"New owner"');
  });

  it('accepts valid people (a sub-department counts), checks a rule to-do\'s form, and keeps a value whose person has since left', async () => {
    let started: Awaited<ReturnType<typeof start>> | undefined;
    const count = await countQueries(ctx().database, async () => {
      started = await start(valid);
    });
    expect(started!.statusCode, started!.body).toBe(201);
    // Six people and departments, judged against the command's directory snapshot: no statement at all.
    expect(count.statements.filter((s) => /directory_(users|departments)/i.test(s))).toEqual([]);
    const instanceId = started!.json().id as string;
    // The successor leaves: deactivated, no department, no role any more.
    const left = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [{ id: 'leaver', name: 'Zhou Leaver', roles: [], active: false }] },
    });
    expect(left.statusCode, left.body).toBe(200);
    const tasks = await ctx().call({ method: 'GET', url: `/api/tasks?mine=true&status=open&instanceId=${instanceId}`, token: tokens.hr1 });
    const byRule = (task: Json) => task.source === 'rule';
    const taskId = tasks.json().items.find((task: Json) => !byRule(task)).id as string;
    // The rule's to-do is checked against its own form too.
    const ruleTaskId = tasks.json().items.find(byRule).id as string;
    const witness = (id: string) => as('hr1', 'POST', `/api/tasks/${ruleTaskId}/actions`, { action: 'complete', data: { witnessId: id } });
    expect(refusal(await witness('emp'))).toMatchObject({ code: 'BATON_E_PERSON_NOT_ALLOWED', path: '/data/witnessId' });
    expect((await witness('mgr')).statusCode).toBe(200);
    // Choosing the leaver anew is refused, and the task stays open.
    const chosen = refusal(await as('hr1', 'POST', `/api/tasks/${taskId}/actions`, { action: 'approve', data: { approverId: 'leaver' } }));
    // (Deactivated: that is said before the roles they no longer hold.)
    expect(chosen).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/data/approverId' });
    // The whole form sent back as shown, the leaver kept in two places: approved.
    const approved = await as('hr1', 'POST', `/api/tasks/${taskId}/actions`, { action: 'approve', data: { ...valid, note: 'ok' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().instance.status).toBe('completed');
  });

  it('checks records on create and on patch, only the values that changed', async () => {
    expect(refusal(await as('hr1', 'POST', '/api/records/person-account', { data: { system: 'erp', ownerId: 'ghost' } }))).toMatchObject({
      code: 'BATON_E_PERSON_NOT_FOUND', path: '/data/ownerId',
    });
    const created = await as('hr1', 'POST', '/api/records/person-account', { data: { system: 'erp', ownerId: 'it1' } });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json();
    const patched = await as('hr1', 'PATCH', `/api/records/person-account/${record.id}`, { version: record.version, data: { system: 'erp2', ownerId: 'it1' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const refused = refusal(await as('hr1', 'PATCH', `/api/records/person-account/${record.id}`, { version: patched.json().version, data: { ownerId: 'emp' } }));
    expect(refused).toMatchObject({ code: 'BATON_E_PERSON_NOT_ALLOWED', path: '/data/ownerId' });
  });
});
