import { formatDate, parseDate } from '@baton/engine';
import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/runtime-config.js';
import { organisationToday } from '../../src/directory/person-presence.js';
import { Workers } from '../../src/workers/workers.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

// UTC+14 for the organisation; the time-zone flow keeps its dates in UTC-11. The two dates always differ
// (by one or two days), so "yesterday" in Kiritimati is today or later in Pago Pago: a flow that judged
// presence in its own zone would still assign to someone the sweep treats as gone.
const ZONE = 'Pacific/Kiritimati';
const today = organisationToday(new Date(), ZONE);
const yesterday = formatDate(parseDate(today) - 1);

const person = (id: string, managerId?: string, roles: string[] = []) => ({ id, name: `Name ${id}`, departmentId: 'd-root', roles, ...(managerId ? { managerId } : {}) });
const people = [
  person('boss', undefined, ['manager']), person('hr1', undefined, ['hr']),
  person('s1', 'boss'), person('s2', 'boss'), person('it1', 'boss', ['it']), person('it2', 'boss', ['it']), person('it3', 'boss'),
  person('fac1', undefined, ['facilities']), person('named', 'nmgr'), person('nmgr', 'boss'), person('todo1', 'boss'),
  person('kz', 'kzm'), person('kzm', 'boss'), person('kz2', 'kzm'), person('c1', 'cm'), person('cm', 'boss'), person('c2', 'boss'), person('c3', 'c3m'), person('c3m', 'boss'),
];
const leave = (ids: string[], leaveDate: string) => ({ users: people.filter((p) => ids.includes(p.id)).map((p) => ({ ...p, leaveDate })) });

const form = { kind: 'form', key: 'shared-handover', title: t('Shared', '共享'), fields: [{ key: 'note', type: 'text', label: t('Note', '备注') }] };
const step = (id: string, type: string, assignees: Json[], config: Json = {}) => ({ id, type, name: t(id, id), config: { assignees, ...config } });
const flowOf = (key: string, middle: Json, extra: Json = {}) => ({
  kind: 'flow', key, title: t(key, key), form: 'shared-handover', ...extra,
  nodes: [{ id: 'start', type: 'start', name: t('Start', '开始') }, middle, { id: 'end', type: 'end', name: t('End', '结束') }],
  edges: [{ id: 'e1', from: 'start', to: middle.id }, { id: 'e2', from: middle.id, to: 'end' }],
});
const user = (id: string) => ({ kind: 'user', id });
// A shared approval (either may decide), a to-do for the IT role, one for a person, and a flow in another zone.
const pairFlow = flowOf('shared-pair', step('approve', 'approval', [user('s1'), user('s2')]));
const roleFlow = flowOf('shared-role', step('wipe', 'task', [{ kind: 'role', role: 'it' }]));
const boardFlow = flowOf('shared-board', step('approve', 'approval', [user('boss')]));
// A countersign (会签): c1's manager cm signs too; c3's manager does not.
const countersignFlow = flowOf('shared-countersign', step('approve', 'approval', [user('c1'), user('cm'), user('c2'), user('c3')], { mode: 'all' }));
const zoneFlow = flowOf('shared-zone', step('approve', 'approval', [user('kz')]), { timeZone: 'Pacific/Pago_Pago' });
const zoneFlow2 = flowOf('shared-zone2', step('approve', 'approval', [user('kz2')]), { timeZone: 'Pacific/Pago_Pago' });
// Rules on shared-board: a to-do for "named" (who may already have left), one for the facilities role, one for todo1.
const todoRule = (key: string, title: string, assignees: Json[]) => ({
  kind: 'rule', key, title: t(title, title), scope: { flow: 'shared-board' }, trigger: { type: 'flow-started' },
  actions: [{ type: 'create-task', params: { title: t(title, title), assignees } }],
});
const rules = [todoRule('shared-named', 'Return the badge', [user('named')]), todoRule('shared-fac', 'Clear the desk', [{ kind: 'role', role: 'facilities' }]), todoRule('shared-todo', 'Sign the form', [user('todo1')])];

forEachDatabase('shared and role tasks of people who left', (ctx) => {
  const db = () => ctx().database.db;
  const tokens: Record<string, string> = {};
  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: Json) => ctx().call({ method, url, ...(payload ? { payload } : {}), token: tokens[who] });
  const importDirectory = async (body: Json) => {
    const res = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: body });
    expect(res.statusCode, res.body).toBe(200);
  };
  const start = async (flowKey: string) => {
    const res = await as('hr1', 'POST', `/api/flows/${flowKey}/instances`, { data: {} });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const openTasks = (instanceId: string) => db().selectFrom('tasks').selectAll().where('instance_id', '=', instanceId).where('status', '=', 'open').orderBy('created_at').orderBy('id').execute();
  const history = async (instanceId: string) =>
    (await db().selectFrom('history').select(['type', 'payload', 'actor']).where('instance_id', '=', instanceId).orderBy('seq').execute()).map((h) => ({ type: h.type, actor: h.actor, payload: (h.payload as Json).payload as Json }));
  const notified = async (instanceId: string) => (await db().selectFrom('outbox').select('effect').where('instance_id', '=', instanceId).execute()).map((n) => n.effect as Json).filter((e) => e.type === 'notify');
  const handOver = () => ctx().app.baton.workers.handOver();

  beforeAll(async () => {
    await importDirectory({ departments: [{ id: 'd-root', name: 'Company', headId: 'boss' }], users: people });
    for (const def of [form, pairFlow, roleFlow, boardFlow, countersignFlow, zoneFlow, zoneFlow2, ...rules]) await publish(ctx(), def);
    for (const who of ['hr1', 's1', 's2', 'it2', 'it3', 'todo1', 'boss', 'cm', 'c2', 'c3m']) tokens[who] = await ctx().tokenFor(who, who === 'hr1' ? ['hr'] : []);
  });

  it('a shared approval: a leaver cannot act, the sweep drops them (assignee.removed, audited), the one still here decides', async () => {
    const instanceId = await start('shared-pair');
    const [task] = await openTasks(instanceId);
    // This process swept fully before the leave was imported: the next sweep is incremental (the GIN path).
    const { app, database, config } = ctx();
    const workers = new Workers({ database, config, handlers: app.baton.outboxHandlers, log: app.log });
    await workers.handOver();
    await importDirectory(leave(['s1'], yesterday));
    // Still listed until the sweep, but refused: 403 with its code.
    const refused = await as('s1', 'POST', `/api/tasks/${task!.id}/actions`, { action: 'approve' });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'BATON_E_FLOW_ASSIGNEE_LEFT' });
    expect(refused.json().error.message).toBe(`User s1 has left (their leave date has passed), so they cannot act on task ${task!.id} any more: it goes to the people still on it or to their manager.`);
    expect(await workers.handOver({ incremental: true })).toMatchObject({ handedOver: 1, failed: 0 });
    const [after] = await openTasks(instanceId);
    expect(after).toMatchObject({ assignees: ['s2'], assignee_id: 's2' });
    const events = (await history(instanceId)).filter((h) => h.type === 'assignee.removed' || h.type === 'task.reassigned');
    expect(events).toEqual([
      { type: 'assignee.removed', actor: 'system', payload: { from: 's1', presence: 'left', leaveDate: yesterday, coveredBy: 'assignees', taskId: task!.id } },
      { type: 'task.reassigned', actor: 'system', payload: expect.objectContaining({ from: task!.id, reason: 'left', by: 'system' }) },
    ]);
    const audit = await db().selectFrom('audit_log').select(['actor', 'data']).where('subject_id', '=', instanceId).where('action', '=', 'task.handed-over').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: 'system', data: expect.objectContaining({ taskId: task!.id, reason: 'left', from: ['s1', 's2'] }) })]);
    expect(await handOver()).toMatchObject({ handedOver: 0, nobody: 0, failed: 0 });
    const done = await as('s2', 'POST', `/api/tasks/${after!.id}/actions`, { action: 'approve' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().instance.status).toBe('completed');
  });

  it('a countersign is not blocked by signers who left: a place whose manager already signs is withdrawn, another goes to its manager', async () => {
    const instanceId = await start('shared-countersign');
    const before = await openTasks(instanceId);
    expect(before.map((task) => task.assignees).sort()).toEqual([['c1'], ['c2'], ['c3'], ['cm']]);
    await importDirectory(leave(['c1', 'c3'], yesterday));
    expect(await handOver()).toMatchObject({ handedOver: 2, failed: 0 });
    const c1Task = before.find((task) => task.assignees[0] === 'c1')!;
    expect((await db().selectFrom('tasks').select('status').where('id', '=', c1Task.id).executeTakeFirstOrThrow()).status).toBe('cancelled');
    const after = await openTasks(instanceId);
    expect(after.map((task) => task.assignees).sort()).toEqual([['c2'], ['c3m'], ['cm']]);
    const events = await history(instanceId);
    expect(events.find((h) => h.type === 'assignee.removed')?.payload).toEqual({ from: 'c1', presence: 'left', leaveDate: yesterday, coveredBy: 'co-signer', signer: 'cm', taskId: c1Task.id });
    expect(events.find((h) => h.type === 'assignee.replaced' && h.payload.spec === 'open-task')?.payload).toMatchObject({ from: 'c3', to: 'c3m' });
    expect((await notified(instanceId)).filter((e) => e.title?.en?.startsWith('Handed over')).map((e) => e.to)).toEqual([['c3m']]);
    for (const who of ['cm', 'c2', 'c3m']) {
      const task = after.find((t) => t.assignees[0] === who)!;
      const res = await as(who, 'POST', `/api/tasks/${task.id}/actions`, { action: 'approve' });
      expect(res.statusCode, res.body).toBe(200);
      if (who === 'c3m') expect(res.json().instance.status).toBe('completed');
    }
  });

  it("a role's to-do whose holders all left goes to whoever holds the role now, who is told", async () => {
    const instanceId = await start('shared-role');
    const [task] = await openTasks(instanceId);
    expect(task).toMatchObject({ assignees: ['it1', 'it2'], candidate_roles: ['it'] });
    await importDirectory({ users: [...leave(['it1', 'it2'], yesterday).users, { ...person('it3', 'boss', ['it']) }] });
    expect((await as('it2', 'POST', `/api/tasks/${task!.id}/actions`, { action: 'complete' })).statusCode).toBe(403);
    expect(await handOver()).toMatchObject({ handedOver: 1, failed: 0 });
    const [after] = await openTasks(instanceId);
    expect(after).toMatchObject({ assignees: ['it3'], candidate_roles: ['it'] });
    const removed = (await history(instanceId)).filter((h) => h.type === 'assignee.removed').map((h) => [h.payload.from, h.payload.coveredBy]);
    expect(removed).toEqual([['it1', 'candidates'], ['it2', 'candidates']]);
    expect((await notified(instanceId)).filter((e) => e.link?.taskId === after!.id)).toEqual([expect.objectContaining({ to: ['it3'] })]);
    const done = await as('it3', 'POST', `/api/tasks/${after!.id}/actions`, { action: 'complete' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it("a rule's to-do for someone who already left goes to their manager with assignee.replaced before task.created", async () => {
    await importDirectory(leave(['named'], yesterday));
    const instanceId = await start('shared-board');
    const badge = (await openTasks(instanceId)).find((task) => task.title.en === 'Return the badge')!;
    expect(badge).toMatchObject({ source: 'rule', assignees: ['nmgr'] });
    const mine = (await history(instanceId)).filter((h) => h.payload?.taskId === badge.id || h.payload?.task?.taskId === badge.id);
    expect(mine.map((h) => h.type)).toEqual(['assignee.replaced', 'task.created']);
    expect(mine[0]).toEqual({ type: 'assignee.replaced', actor: 'system', payload: { from: 'named', to: 'nmgr', presence: 'left', leaveDate: yesterday, spec: 'user', taskId: badge.id, source: 'rule' } });
    expect(mine[1]!.payload.task).not.toHaveProperty('replacedAssignees');
  });

  it("a rule's to-do: its assignee who left cannot complete it; a role task with no one left above is reported to HR", async () => {
    const instanceId = await start('shared-board');
    const tasks = await openTasks(instanceId);
    const todo = tasks.find((task) => task.title.en === 'Sign the form')!;
    const desk = tasks.find((task) => task.title.en === 'Clear the desk')!;
    expect(desk).toMatchObject({ assignees: ['fac1'], candidate_roles: ['facilities'] });
    await importDirectory(leave(['todo1', 'fac1'], yesterday));
    const refused = await as('todo1', 'POST', `/api/tasks/${todo.id}/actions`, { action: 'complete' });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'BATON_E_FLOW_ASSIGNEE_LEFT' });
    const report = await handOver();
    expect(report).toMatchObject({ failed: 0 });
    expect(report.nobody).toBeGreaterThanOrEqual(1);
    expect((await db().selectFrom('tasks').select('assignees').where('id', '=', todo.id).executeTakeFirstOrThrow()).assignees).toEqual(['boss']);
    expect((await db().selectFrom('tasks').select('assignees').where('id', '=', desk.id).executeTakeFirstOrThrow()).assignees).toEqual(['fac1']);
    expect((await notified(instanceId)).filter((e) => e.key === `handover-nobody:${desk.id}`)).toEqual([expect.objectContaining({ to: ['hr1'] })]);
  });

  it("presence is judged in the organisation's zone even for a flow kept in another: at creation and by the sweep", async () => {
    // Left yesterday in Kiritimati, which is today (or tomorrow) in Pago Pago.
    await importDirectory(leave(['kz'], yesterday));
    const atStart = await start('shared-zone');
    expect((await openTasks(atStart)).map((task) => task.assignees)).toEqual([['kzm']]);
    expect((await history(atStart)).find((h) => h.type === 'assignee.replaced')?.payload).toMatchObject({ from: 'kz', to: 'kzm', leaveDate: yesterday });
    // Given the task while here, then left: the sweep and the engine agree that they are gone.
    const later = await start('shared-zone2');
    await importDirectory(leave(['kz2'], yesterday));
    expect(await handOver()).toMatchObject({ failed: 0 });
    expect((await openTasks(later)).map((task) => task.assignees)).toEqual([['kzm']]);
  });
}, { config: { timeZone: ZONE, workers: { ...loadConfig({}).workers, enabled: false, handoverIntervalMs: 3_600_000 } } });
