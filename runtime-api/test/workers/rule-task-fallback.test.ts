import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

// The `it` role's only holder has left: a rule task "for IT" resolves to nobody present.
const person = (id: string, roles: string[] = [], extra: Json = {}) => ({ id, name: `Name ${id}`, departmentId: 'd-root', roles, ...extra });
const people = [person('boss', ['manager']), person('hr1', ['hr']), person('emp'), person('it-gone', ['it'], { leaveDate: '2020-01-31' })];

const form = { kind: 'form', key: 'fallback-request', title: t('Request', '申请'), fields: [{ key: 'employeeId', type: 'user', label: t('Employee', '员工') }] };
const flow = {
  kind: 'flow', key: 'fallback-request', title: t('Request', '申请'), form: 'fallback-request',
  nodes: [
    { id: 'start', type: 'start', name: t('Start', '开始') },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'user', id: 'boss' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'approve' }, { id: 'e2', from: 'approve', to: 'end' }],
};
const todo = (key: string, params: Json) => ({
  kind: 'rule', key, title: t('IT to-do', 'IT 待办'), scope: { flow: 'fallback-request' }, trigger: { type: 'flow-started' },
  actions: [{ type: 'create-task', params: { title: t('Disable accounts', '停用账号'), assignees: [{ kind: 'role', role: 'it' }], ...params } }],
});

forEachDatabase('a rule task whose assignees resolve to nobody falls back', (ctx) => {
  const db = () => ctx().database.db;
  const tokens: Record<string, string> = {};
  const as = (user: string, method: 'GET' | 'POST', url: string, payload?: Json, locale = 'en') =>
    ctx().call({ method, url, ...(payload ? { payload } : {}), token: tokens[user], headers: { 'accept-language': locale } });
  const importDirectory = async (users: Json[]) => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: { departments: [{ id: 'd-root', name: 'Company', headId: 'boss' }], users } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const start = () => as('hr1', 'POST', '/api/flows/fallback-request/instances', { data: { employeeId: 'emp' } });
  const ruleTasks = (instanceId: string) => db().selectFrom('tasks').selectAll().where('instance_id', '=', instanceId).where('source', '=', 'rule').orderBy('id').execute();
  const historyOf = (instanceId: string, type: string) => db().selectFrom('history').select(['payload', 'actor']).where('instance_id', '=', instanceId).where('type', '=', type).orderBy('seq').execute();
  const notices = async (instanceId: string) =>
    (await db().selectFrom('outbox').select('effect').where('instance_id', '=', instanceId).execute()).map((n) => n.effect as Json).filter((e) => e.type === 'notify');
  const inbox = async (user: string) => ((await as(user, 'GET', '/api/tasks?mine=true&status=open')).json().items as Json[]).map((task) => task.id as string);

  beforeAll(async () => {
    await importDirectory(people);
    await publish(ctx(), form);
    await publish(ctx(), flow);
    await publish(ctx(), todo('fallback-own', { fallbackAssignees: [{ kind: 'user', id: 'boss' }] }));
    await publish(ctx(), todo('fallback-hr', {}));
    for (const user of ['hr1', 'boss', 'emp']) tokens[user] = await ctx().tokenFor(user, user === 'hr1' ? ['hr'] : []);
  });

  let hrTaskId = '';
  let instanceId = '';

  it('gives the task to the rule fallbackAssignees, else to the present hr holders; history says why and they are told', async () => {
    const res = await start();
    expect(res.statusCode, res.body).toBe(201);
    instanceId = res.json().id as string;
    const tasks = await ruleTasks(instanceId);
    expect(tasks.map((task) => [task.node_id, task.assignees, task.candidates])).toEqual(
      expect.arrayContaining([['rule:fallback-own', ['boss'], ['role:it']], ['rule:fallback-hr', ['hr1'], ['role:it']]]),
    );
    expect(tasks.every((task) => task.assignees.length > 0)).toBe(true);
    const fallbacks = (await historyOf(instanceId, 'assignee.fallback')).map((h) => (h.payload as Json).payload);
    expect(fallbacks).toEqual(expect.arrayContaining([
      expect.objectContaining({ reason: 'nobody-resolved', via: 'fallbackAssignees', to: ['boss'] }),
      expect.objectContaining({ reason: 'nobody-resolved', via: 'role:hr', to: ['hr1'] }),
    ]));
    const hrTask = tasks.find((task) => task.node_id === 'rule:fallback-hr')!;
    hrTaskId = hrTask.id;
    expect(await notices(instanceId)).toEqual(expect.arrayContaining([expect.objectContaining({ to: ['hr1'], link: { instanceId, taskId: hrTask.id }, data: expect.objectContaining({ via: 'role:hr', candidates: 'role:it' }) })]));
    expect(await inbox('hr1')).toContain(hrTask.id);
  });

  it('refuses data on a to-do without a form (422, /body/data, en and zh-CN), then completes it without', async () => {
    const refused = await as('hr1', 'POST', `/api/tasks/${hrTaskId}/actions`, { action: 'complete', data: { anything: 'at all' } });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'BATON_E_TASK_DATA_NOT_ACCEPTED', path: '/body/data' });
    const zh = await as('hr1', 'POST', `/api/tasks/${hrTaskId}/actions`, { action: 'complete', data: { anything: 'at all' } }, 'zh-CN');
    expect(zh.json().error.message).toContain('没有表单');
    const open = await db().selectFrom('tasks').select(['status', 'data']).where('id', '=', hrTaskId).executeTakeFirstOrThrow();
    expect(open).toEqual({ status: 'open', data: {} });
    const done = await as('hr1', 'POST', `/api/tasks/${hrTaskId}/actions`, { action: 'complete' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('repairs an open rule task stored with nobody on it: the full handover sweep gives it to hr, once', async () => {
    const own = (await ruleTasks(instanceId)).find((task) => task.node_id === 'rule:fallback-own')!;
    // As a row from before the fallback: open, nobody on it, invisible to every inbox.
    await db().updateTable('tasks').set({ assignees: JSON.stringify([]), assignee_id: null }).where('id', '=', own.id).execute();
    expect(await inbox('boss')).not.toContain(own.id);
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ orphansAssigned: 1, failed: 0 });
    const repaired = await db().selectFrom('tasks').selectAll().where('id', '=', own.id).executeTakeFirstOrThrow();
    expect(repaired).toMatchObject({ status: 'open', assignees: ['hr1'], assignee_id: 'hr1' });
    expect((await historyOf(instanceId, 'assignee.fallback')).at(-1)).toMatchObject({ actor: 'system', payload: { payload: { reason: 'no-assignees', via: 'role:hr', to: ['hr1'], taskId: own.id } } });
    expect((await historyOf(instanceId, 'task.reassigned')).at(-1)).toMatchObject({ payload: { payload: { reason: 'no-assignees', by: 'system' } } });
    const audit = await db().selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', instanceId).where('action', '=', 'task.handed-over').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: 'system', data: expect.objectContaining({ taskId: own.id, reason: 'no-assignees', to: ['hr1'] }) })]);
    expect(await notices(instanceId)).toEqual(expect.arrayContaining([expect.objectContaining({ to: ['hr1'], link: { instanceId, taskId: own.id } })]));
    expect(await inbox('hr1')).toContain(own.id);
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ orphansAssigned: 0, failed: 0 });
  });

  it('with nobody present in hr or admin either, refuses to start rather than store a task nobody sees', async () => {
    await importDirectory([...people.filter((p) => p.id !== 'hr1'), person('hr1', ['hr'], { leaveDate: '2020-01-31' })]);
    const before = await db().selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await start();
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('BATON_E_RULE_TASK_NOBODY');
    const after = await db().selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
