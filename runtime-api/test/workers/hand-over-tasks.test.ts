import { formatDate, parseDate } from '@baton/engine';
import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/runtime-config.js';
import { organisationToday } from '../../src/directory/person-presence.js';
import { Workers } from '../../src/workers/workers.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

const ZONE = 'Asia/Shanghai';
const today = organisationToday(new Date(), ZONE);
const yesterday = formatDate(parseDate(today) - 1);

// Reporting lines: a → mgr → boss; x → xm → boss; solo has no manager; two pairs for the race and the loop.
const person = (id: string, managerId?: string, roles: string[] = []) => ({ id, name: `Name ${id}`, departmentId: 'd-root', roles, ...(managerId ? { managerId } : {}) });
const people = [
  person('boss', undefined, ['manager']), person('hr1', undefined, ['hr']),
  person('a', 'mgr'), person('mgr', 'boss'), person('x', 'xm'), person('xm', 'boss'), person('solo'),
  person('lastday', 'boss'), person('race', 'boss'), person('later', 'boss'), person('looped', 'boss'),
  person('ruled', 'rmgr'), person('rmgr', 'boss'), person('p1', 'pm'), person('pm', 'boss'), person('p2', 'boss'),
];
const leave = (ids: string[], leaveDate: string) => ({ users: people.filter((p) => ids.includes(p.id)).map((p) => ({ ...p, leaveDate })) });

const form = {
  kind: 'form', key: 'handover-approval', title: t('Approval', '审批'),
  fields: [{ key: 'approver', type: 'user', label: t('Approver', '审批人'), required: true }],
};
const flow = {
  kind: 'flow', key: 'handover-approval', title: t('Approval', '审批'), form: 'handover-approval',
  nodes: [
    { id: 'start', type: 'start', name: t('Start', '开始') },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'field', path: 'approver' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'approve' }, { id: 'e2', from: 'approve', to: 'end' }],
};

// One shared task for two approvers (single mode: either may decide).
const pairFlow = { ...flow, key: 'handover-pair', nodes: [flow.nodes[0], { ...flow.nodes[1], config: { assignees: [{ kind: 'user', id: 'p1' }, { kind: 'user', id: 'p2' }] } }, flow.nodes[2]] };

// A rule's to-do (no place in the flow's state) for the person the form names, beside an approval by boss.
const todoFlow = { ...flow, key: 'handover-todo', nodes: [flow.nodes[0], { ...flow.nodes[1], config: { assignees: [{ kind: 'user', id: 'boss' }] } }, flow.nodes[2]] };
const todoRule = {
  kind: 'rule', key: 'handover-todo-rule', title: t('To-do for the approver', '审批人待办'),
  scope: { flow: 'handover-todo' }, trigger: { type: 'flow-started' },
  actions: [{ type: 'create-task', params: { title: t('Return the laptop', '归还电脑'), assignees: [{ kind: 'field', path: 'approver' }] } }],
};

forEachDatabase('open tasks of people who left are handed over', (ctx) => {
  const db = () => ctx().database.db;
  const tokens: Record<string, string> = {};
  const as = (user: string, method: 'GET' | 'POST', url: string, payload?: Json) => ctx().call({ method, url, ...(payload ? { payload } : {}), token: tokens[user] });
  const importDirectory = async (body: Json) => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: body });
    expect(res.statusCode, res.body).toBe(200);
  };
  const start = async (approver: string) => {
    const res = await as('hr1', 'POST', '/api/flows/handover-approval/instances', { data: { approver } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const openTasks = (instanceId: string) => db().selectFrom('tasks').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'open').execute();
  const inbox = async (user: string) => ((await as(user, 'GET', '/api/tasks?mine=true&status=open')).json().items as Json[]).map((task) => task.instanceId as string);
  const historyOf = (instanceId: string, type: string) => db().selectFrom('history').select(['payload', 'actor']).where('instance_id', '=', instanceId).where('type', '=', type).execute();

  beforeAll(async () => {
    await importDirectory({ departments: [{ id: 'd-root', name: 'Company', headId: 'boss' }], users: people });
    for (const def of [form, flow, todoFlow, todoRule, pairFlow]) await publish(ctx(), def);
    for (const user of ['hr1', 'a', 'mgr', 'boss', 'rmgr']) tokens[user] = await ctx().tokenFor(user, user === 'hr1' ? ['hr'] : []);
  });

  it("moves an open task to the leaver's manager once their leave date has passed; history, audit and inboxes say so; the manager completes it", async () => {
    const instanceId = await start('a');
    const [before] = await openTasks(instanceId);
    expect(before!.assignees).toEqual(['a']);
    await importDirectory(leave(['a'], yesterday));
    const report = await ctx().app.baton.workers.handOver();
    expect(report).toMatchObject({ handedOver: 1, failed: 0 });
    const [after] = await openTasks(instanceId);
    expect(after).toMatchObject({ assignees: ['mgr'], assignee_id: 'mgr', node_id: 'approve' });
    expect((await db().selectFrom('tasks').select('status').where('id', '=', before!.id).executeTakeFirstOrThrow()).status).not.toBe('open');
    // Why, in the history and the audit log.
    const replaced = await historyOf(instanceId, 'assignee.replaced');
    expect(replaced.at(-1)).toMatchObject({ actor: 'system', payload: { taskId: before!.id, payload: { from: 'a', to: 'mgr', presence: 'left', leaveDate: yesterday, spec: 'open-task', taskId: before!.id } } });
    expect((await historyOf(instanceId, 'task.reassigned'))[0]).toMatchObject({ payload: { payload: { from: before!.id, reason: 'left', by: 'system' } } });
    const audit = await db().selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', instanceId).where('action', '=', 'task.handed-over').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: 'system', data: expect.objectContaining({ taskId: before!.id, reason: 'left' }) })]);
    // The new assignee is told, as with any task handed to them.
    const notes = await db().selectFrom('outbox').select('effect').where('instance_id', '=', instanceId).execute();
    expect(notes.map((n) => n.effect as Json).filter((e) => e.type === 'notify')).toEqual([expect.objectContaining({ to: ['mgr'], link: { instanceId, taskId: after!.id } })]);
    // Inboxes: gone from A's, in the manager's.
    expect(await inbox('a')).not.toContain(instanceId);
    expect(await inbox('mgr')).toContain(instanceId);
    // A second sweep finds nothing more to do.
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ handedOver: 0, failed: 0 });
    const done = await as('mgr', 'POST', `/api/tasks/${after!.id}/actions`, { action: 'approve' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().instance.status).toBe('completed');
  });

  it('skips a manager who left too: the task goes to the next present one up the line', async () => {
    const instanceId = await start('x');
    await importDirectory(leave(['x', 'xm'], yesterday));
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ handedOver: 1, failed: 0 });
    expect((await openTasks(instanceId)).map((task) => task.assignees)).toEqual([['boss']]);
    const replaced = await historyOf(instanceId, 'assignee.replaced');
    expect(replaced.at(-1)).toMatchObject({ payload: { payload: { from: 'x', to: 'boss' } } });
  });

  it('leaves a task with nobody present above its assignee where it is, and tells HR once', async () => {
    const instanceId = await start('solo');
    const [task] = await openTasks(instanceId);
    await importDirectory(leave(['solo'], yesterday));
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ handedOver: 0, nobody: 1, failed: 0 });
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ nobody: 1 });
    expect((await openTasks(instanceId)).map((t) => [t.id, t.assignees])).toEqual([[task!.id, ['solo']]]);
    expect(await historyOf(instanceId, 'task.reassigned')).toEqual([]);
    const notes = (await db().selectFrom('outbox').select(['effect', 'idempotency_key']).where('instance_id', '=', instanceId).execute()).filter((n) => (n.effect as Json).type === 'notify');
    expect(notes).toEqual([{ idempotency_key: `handover-nobody:${task!.id}`, effect: expect.objectContaining({ to: ['hr1'], link: { instanceId, taskId: task!.id } }) }]);
    expect((notes[0]!.effect as Json).body['zh-CN']).toContain('汇报线');
  });

  it('someone leaving today keeps their tasks (the leave date is their last working day)', async () => {
    const instanceId = await start('lastday');
    await importDirectory(leave(['lastday'], today));
    await ctx().app.baton.workers.handOver();
    expect((await openTasks(instanceId)).map((task) => task.assignees)).toEqual([['lastday']]);
  });

  it("a rule's to-do moves in place (same task id) with the same history, audit and notification", async () => {
    const res = await as('hr1', 'POST', '/api/flows/handover-todo/instances', { data: { approver: 'ruled' } });
    expect(res.statusCode, res.body).toBe(201);
    const instanceId = res.json().id as string;
    const todo = (await openTasks(instanceId)).find((task) => task.source === 'rule')!;
    expect(todo.assignees).toEqual(['ruled']);
    await importDirectory(leave(['ruled'], yesterday));
    expect(await ctx().app.baton.workers.handOver()).toMatchObject({ handedOver: 1, failed: 0 });
    const moved = await db().selectFrom('tasks').selectAll().where('id', '=', todo.id).executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ status: 'open', assignees: ['rmgr'], assignee_id: 'rmgr' });
    expect((await historyOf(instanceId, 'task.reassigned'))[0]).toMatchObject({ actor: 'system', payload: { payload: { from: todo.id, reason: 'left', source: 'rule' } } });
    expect((await historyOf(instanceId, 'assignee.replaced')).at(-1)).toMatchObject({ payload: { payload: { from: 'ruled', to: 'rmgr', spec: 'open-task' } } });
    const audit = await db().selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', instanceId).where('action', '=', 'task.handed-over').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: 'system', data: expect.objectContaining({ taskId: todo.id, from: ['ruled'], to: ['rmgr'] }) })]);
    const notes = (await db().selectFrom('outbox').select('effect').where('instance_id', '=', instanceId).execute()).map((n) => n.effect as Json);
    expect(notes.filter((e) => e.type === 'notify' && e.link?.taskId === todo.id)).toEqual([expect.objectContaining({ to: ['rmgr'] })]);
    expect(await inbox('rmgr')).toContain(instanceId);
    const done = await as('rmgr', 'POST', `/api/tasks/${todo.id}/actions`, { action: moved.actions[0] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().task.status).toBe('completed');
  });

  it('a task shared by several people drops a leaver while the others are here, then goes to the manager of the last one', async () => {
    const res = await as('hr1', 'POST', '/api/flows/handover-pair/instances', { data: { approver: 'boss' } });
    expect(res.statusCode, res.body).toBe(201);
    const instanceId = res.json().id as string;
    expect((await openTasks(instanceId)).map((task) => [task.assignees, task.assignee_id])).toEqual([[['p1', 'p2'], null]]);
    await importDirectory(leave(['p1'], yesterday));
    const { app, database, config } = ctx();
    const workers = new Workers({ database, config, handlers: app.baton.outboxHandlers, log: app.log });
    expect(await workers.handOver()).toMatchObject({ handedOver: 1, failed: 0 });
    expect((await openTasks(instanceId)).map((task) => [task.assignees, task.assignee_id])).toEqual([[['p2'], 'p2']]);
    expect((await historyOf(instanceId, 'assignee.removed')).map((h) => (h.payload as Json).payload)).toEqual([
      expect.objectContaining({ from: 'p1', presence: 'left', leaveDate: yesterday, coveredBy: 'assignees' }),
    ]);
    // Nobody is new on the task: nobody is told.
    const notes = await db().selectFrom('outbox').select('effect').where('instance_id', '=', instanceId).execute();
    expect(notes.map((n) => n.effect as Json).filter((e) => e.type === 'notify' && e.title?.en?.startsWith('Handed over'))).toEqual([]);
    await importDirectory(leave(['p2'], yesterday));
    // Incremental this time (the GIN path); the first sweep above was full (the per-assignee lookup path).
    expect(await workers.handOver({ incremental: true })).toMatchObject({ handedOver: 1, failed: 0 });
    expect((await openTasks(instanceId)).map((task) => task.assignees)).toEqual([['boss']]);
    expect((await historyOf(instanceId, 'assignee.replaced')).map((h) => (h.payload as Json).payload.from)).toEqual(['p2']);
  });

  it('two workers sweeping at once move the task once', async () => {
    const instanceId = await start('race');
    await importDirectory(leave(['race'], yesterday));
    const { app, database, config } = ctx();
    const two = [1, 2].map(() => new Workers({ database, config, handlers: app.baton.outboxHandlers, log: app.log }));
    const reports = await Promise.all(two.map((w) => w.handOver()));
    expect(reports.reduce((n, r) => n + r.handedOver, 0)).toBe(1);
    expect(reports.every((r) => r.failed === 0)).toBe(true);
    expect((await openTasks(instanceId)).map((task) => task.assignees)).toEqual([['boss']]);
    expect(await historyOf(instanceId, 'task.reassigned')).toHaveLength(1);
  });

  it('an incremental sweep (people changed since the last sweep, less a few minutes of slack) finds a new leaver', async () => {
    const { app, database, config } = ctx();
    const workers = new Workers({ database, config, handlers: app.baton.outboxHandlers, log: app.log });
    await workers.handOver();
    const instanceId = await start('later');
    await importDirectory(leave(['later'], yesterday));
    expect(await workers.handOver({ incremental: true })).toMatchObject({ handedOver: 1, failed: 0 });
    expect((await openTasks(instanceId)).map((task) => task.assignees)).toEqual([['boss']]);
  });

  it('the background loop hands over right after a directory import, long before its interval', async () => {
    const instanceId = await start('looped');
    const { app } = ctx();
    app.baton.workers.start();
    // Its first sweep at start found nothing; the next one is an hour away unless the import asks.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await importDirectory(leave(['looped'], yesterday));
    let assignees: string[] = [];
    for (let i = 0; i < 100; i++) {
      assignees = (await openTasks(instanceId))[0]?.assignees ?? [];
      if (assignees[0] === 'boss') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await app.baton.workers.stop();
    expect(assignees).toEqual(['boss']);
  });
}, { config: { timeZone: ZONE, workers: { ...loadConfig({}).workers, enabled: false, handoverIntervalMs: 3_600_000 } } });
