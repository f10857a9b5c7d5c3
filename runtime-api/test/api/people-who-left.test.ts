import { formatDate, parseDate } from '@baton/engine';
import { beforeAll, expect, it } from 'vitest';
import { organisationToday } from '../../src/directory/person-presence.js';
import { historyEvent } from '../../src/execution/history-rows.js';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

// UTC+14: from 10:00 UTC on, "yesterday" here is UTC's today, so a check that used UTC would still let
// `gone` be chosen; leaving today here (`lastDay`) is still present.
const ZONE = 'Pacific/Kiritimati';
const today = organisationToday(new Date(), ZONE);
const shift = (days: number) => formatDate(parseDate(today) + days);
const yesterday = shift(-1);
const tomorrow = shift(1);

const directory = {
  departments: [{ id: 'd-root', name: 'Company', headId: 'boss' }],
  users: [
    { id: 'boss', name: 'Boss Present', departmentId: 'd-root', roles: ['manager'] },
    { id: 'mgr-gone', name: 'Mia Gone', departmentId: 'd-root', managerId: 'boss', roles: ['manager'], leaveDate: yesterday },
    { id: 'emp', name: 'Emp Leaving', departmentId: 'd-root', managerId: 'mgr-gone', roles: [] },
    { id: 'hr1', name: 'Hana HR', departmentId: 'd-root', roles: ['hr'] },
    { id: 'gone', name: 'Gao Gone', departmentId: 'd-root', roles: [], leaveDate: yesterday },
    { id: 'last-day', name: 'Lu LastDay', departmentId: 'd-root', roles: [], leaveDate: today },
    { id: 'tomorrow', name: 'Tom Tomorrow', departmentId: 'd-root', roles: [], leaveDate: tomorrow },
    { id: 'off', name: 'Olga Off', departmentId: 'd-root', roles: [], active: false },
  ],
};

const handoverForm = {
  kind: 'form',
  key: 'leaver-handover',
  title: t('Handover', '交接'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Leaving employee', '离职员工'), required: true, config: { allowPeopleWhoLeft: true } },
    {
      key: 'customers',
      type: 'sub-table',
      label: t('Customers', '客户'),
      fields: [
        { key: 'name', type: 'text', label: t('Customer', '客户'), required: true },
        { key: 'successorId', type: 'user', label: t('Successor', '接手人') },
      ],
    },
  ],
};
const handoverFlow = {
  kind: 'flow',
  key: 'leaver-handover',
  title: t('Handover', '交接'),
  form: 'leaver-handover',
  nodes: [
    { id: 'request', type: 'start', name: t('Request', '申请') },
    { id: 'approve', type: 'approval', name: t('Manager approves', '主管审批'), config: { assignees: [{ kind: 'manager-of', path: 'employeeId' }] } },
    { id: 'check', type: 'task', name: t('HR checks', 'HR 核对'), config: { assignees: [{ kind: 'user', id: 'hr1' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [
    { id: 'e1', from: 'request', to: 'approve' },
    { id: 'e2', from: 'approve', to: 'check' },
    { id: 'e3', from: 'check', to: 'end' },
  ],
};

forEachDatabase('people who have left cannot be chosen', (ctx) => {
  const tokens: Record<string, string> = {};
  const as = (user: string, method: 'GET' | 'POST', url: string, payload?: Json, locale = 'en') =>
    ctx().call({ method, url, ...(payload ? { payload } : {}), token: tokens[user], headers: { 'accept-language': locale } });
  const start = (data: Json, locale = 'en') => as('hr1', 'POST', '/api/flows/leaver-handover/instances', { data }, locale);
  const refusal = (res: { statusCode: number; json(): Json; body: string }) => {
    expect(res.statusCode, res.body).toBe(422);
    return res.json().error as Json;
  };
  const ids = (res: { json(): Json }) => (res.json().items as Json[]).map((p) => p.id as string);
  /** The open task of an instance at a node. */
  const openTask = async (instanceId: string, nodeId: string) => {
    const rows = await ctx().database.db.selectFrom('tasks').selectAll().where('instance_id', '=', instanceId).where('node_id', '=', nodeId).where('status', '=', 'open').execute();
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  beforeAll(async () => {
    const imported = await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [handoverForm, handoverFlow]) await publish(ctx(), def);
    for (const [user, roles] of [['hr1', ['hr']], ['boss', []], ['emp', []]] as const) tokens[user] = await ctx().tokenFor(user, [...roles]);
  });

  it('search offers only people present today in the organisation zone; include=all shows everyone with status and leave date', async () => {
    const present = ['boss', 'emp', 'hr1', 'last-day', 'tomorrow'];
    // By name: Boss, Emp, Gao(gone), Hana, Lu, Mia(gone), Olga(off), Tom.
    expect(ids(await as('emp', 'GET', '/api/directory/users'))).toEqual(present);
    const all = await as('emp', 'GET', '/api/directory/users?include=all');
    expect(ids(all)).toEqual(['boss', 'emp', 'gone', 'hr1', 'last-day', 'mgr-gone', 'off', 'tomorrow']);
    const byId = new Map((all.json().items as Json[]).map((p) => [p.id, p]));
    expect(byId.get('gone')).toMatchObject({ status: 'left', leaveDate: yesterday, active: true });
    expect(byId.get('off')).toMatchObject({ status: 'inactive', leaveDate: null, active: false });
    expect(byId.get('last-day')).toMatchObject({ status: 'active', leaveDate: today });
    // Pages of two: the people who left sit between pages and are skipped, nobody twice or missed.
    for (const [query, expected] of [['', present], ['&include=all', ids(all)]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await as('emp', 'GET', `/api/directory/users?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...ids(res));
        cursor = res.json().nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 2));
    }
    // Names of values already chosen: looked up with include=all.
    expect(ids(await as('emp', 'GET', '/api/directory/users?id=gone&id=boss'))).toEqual(['boss']);
    expect(ids(await as('emp', 'GET', '/api/directory/users?id=gone&id=boss&include=all'))).toEqual(['boss', 'gone']);
  });

  it('a handover naming a successor who left is refused with the field path (en, zh-CN); the leaving-employee field accepts a leaver', async () => {
    const before = Number((await ctx().database.db.selectFrom('instances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const data = { employeeId: 'gone', customers: [{ name: 'ACME', successorId: 'boss' }, { name: 'Globex', successorId: 'gone' }] };
    const error = refusal(await start(data));
    expect(error).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/data/customers/1/successorId' });
    expect(error.message).toBe(`Choose someone who is still here for "Successor" (/data/customers/1/successorId): Gao Gone ("gone") left on ${yesterday}.`);
    expect(refusal(await start(data, 'zh-CN')).message).toBe(`请为“接手人”（/data/customers/1/successorId）选择在职人员：Gao Gone（“gone”）已于 ${yesterday} 离职。`);
    const inactive = refusal(await start({ employeeId: 'emp', customers: [{ name: 'ACME', successorId: 'off' }] }));
    expect(inactive).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/data/customers/0/successorId' });
    expect(inactive.message).toContain('is no longer active');
    expect(Number((await ctx().database.db.selectFrom('instances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    // Leaving today or tomorrow: still here. The leaver themselves (late paperwork) is allowed by the field.
    const started = await start({ employeeId: 'gone', customers: [{ name: 'ACME', successorId: 'last-day' }, { name: 'Globex', successorId: 'tomorrow' }] });
    expect(started.statusCode, started.body).toBe(201);
  });

  it('an approver who left is replaced by their present manager, and the history says why', async () => {
    const started = await start({ employeeId: 'emp', customers: [] });
    expect(started.statusCode, started.body).toBe(201);
    const instanceId = started.json().id as string;
    const task = await openTask(instanceId, 'approve');
    expect(task.assignees).toEqual(['boss']);
    const replaced = (await ctx().database.db.selectFrom('history').selectAll().where('instance_id', '=', instanceId).where('type', '=', 'assignee.replaced').execute()).map((h) => ({ ...h, payload: historyEvent(h) }));
    expect(replaced).toHaveLength(1);
    // The history row keeps the whole event; its payload says who was replaced by whom, and why.
    expect(replaced[0]).toMatchObject({
      actor: 'system',
      payload: { nodeId: 'approve', payload: { from: 'mgr-gone', to: 'boss', presence: 'left', leaveDate: yesterday, spec: 'manager-of' } },
    });
    const view = await as('hr1', 'GET', `/api/instances/${instanceId}`);
    expect((view.json().history as Json[]).some((h) => h.type === 'assignee.replaced' && h.nodeId === 'approve')).toBe(true);
  });

  it('delegate, transfer and add-signer to someone who left are refused (422, code and path); to someone leaving tomorrow they go through', async () => {
    const instanceId = (await start({ employeeId: 'emp', customers: [] })).json().id as string;
    const approve = await openTask(instanceId, 'approve');
    const act = (body: Json, locale = 'en') => as('boss', 'POST', `/api/tasks/${approve.id}/actions`, body, locale);
    expect(refusal(await act({ action: 'delegate', to: 'gone' }))).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/to' });
    expect(refusal(await act({ action: 'transfer', to: 'off' }))).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/to' });
    const signers = refusal(await act({ action: 'add-signer', to: ['tomorrow', 'mgr-gone'] }, 'zh-CN'));
    expect(signers).toMatchObject({ code: 'BATON_E_PERSON_LEFT', path: '/to/1' });
    expect(signers.message).toBe(`请为“加签人”（/to/1）选择在职人员：Mia Gone（“mgr-gone”）已于 ${yesterday} 离职。`);
    // Unknown people are still refused as before.
    expect(refusal(await act({ action: 'delegate', to: 'ghost' }))).toMatchObject({ code: 'BATON_E_PERSON_NOT_FOUND', path: '/to' });
    // Nothing changed: the same task is still open.
    expect((await openTask(instanceId, 'approve')).id).toBe(approve.id);
    const added = await act({ action: 'add-signer', to: ['tomorrow', 'last-day'] });
    expect(added.statusCode, added.body).toBe(200);
    const other = (await start({ employeeId: 'emp', customers: [] })).json().id as string;
    const delegated = await as('boss', 'POST', `/api/tasks/${(await openTask(other, 'approve')).id}/actions`, { action: 'delegate', to: 'tomorrow' });
    expect(delegated.statusCode, delegated.body).toBe(200);
    expect((await openTask(other, 'approve')).assignees).toEqual(['tomorrow']);
  });
}, { config: { timeZone: ZONE } });
