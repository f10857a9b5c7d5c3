import { expect, it } from 'vitest';
import { forEachDatabase } from '../harness/for-each-database.js';
import { publish } from '../harness/publish-definition.js';
import { customerForm, customerRule, directory, exitFlow, exitForm } from './fixtures/exit-flow.js';

type Json = Record<string, any>;

const reminderRule = {
  kind: 'rule',
  key: 'exit-day-before',
  title: { en: 'Remind HR the day before', 'zh-CN': '前一天提醒 HR' },
  scope: { flow: 'exit' },
  trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: -1, unit: 'days', at: '09:00' } },
  actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'Tomorrow: {employeeId.name}' } }],
};

forEachDatabase('records, rule timers and the directory snapshot', (ctx) => {
  const tokens: Record<string, string> = {};
  const as = (user: string) => tokens[user]!;
  let customer: Json = {};

  it('sets up', async () => {
    expect((await ctx().call({ method: 'POST', url: '/api/directory/import', payload: directory })).statusCode).toBe(200);
    for (const user of [...directory.users.map((u) => u.id), 'mgr2']) tokens[user] = await ctx().tokenFor(user, []);
    for (const def of [customerForm, customerRule, exitForm, exitFlow, reminderRule]) await publish(ctx(), def);
  });

  it('creates a record (HR may write; others may not), validated by the form', async () => {
    const denied = await ctx().call({ method: 'POST', url: '/api/records/customer', payload: { data: { name: 'Acme' } }, token: as('emp') });
    expect(denied.statusCode).toBe(403);
    const bad = await ctx().call({ method: 'POST', url: '/api/records/customer', payload: { data: { ownerId: 'emp' } }, token: as('hr1') });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0].path).toBe('/data/name');
    const res = await ctx().call({ method: 'POST', url: '/api/records/customer', payload: { data: { name: 'Acme', ownerId: 'emp' } }, token: as('hr1') });
    expect(res.statusCode, res.body).toBe(201);
    customer = res.json();
    expect(customer).toMatchObject({ formKey: 'customer', version: 1, data: { name: 'Acme', ownerId: 'emp' }, createdBy: 'hr1' });
    const notCollection = await ctx().call({ method: 'GET', url: '/api/records/exit-request', token: as('emp') });
    expect(notCollection.statusCode).toBe(422);
    expect(notCollection.json().error.code).toBe('BATON_E_FORM_NOT_COLLECTION');
  });

  it('lists records to any authenticated user', async () => {
    const res = await ctx().call({ method: 'GET', url: '/api/records/customer', token: as('outsider') });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: Json) => r.id)).toEqual([customer.id]);
  });

  it('updates with the version read; a stale version is 409; record.updated reaches the rules', async () => {
    const res = await ctx().call({ method: 'PATCH', url: `/api/records/customer/${customer.id}`, payload: { data: { ownerId: 'mgr' }, version: 1 }, token: as('hr1') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, data: { name: 'Acme', ownerId: 'mgr' }, updatedBy: 'hr1' });
    const stale = await ctx().call({ method: 'PATCH', url: `/api/records/customer/${customer.id}`, payload: { data: { name: 'X' }, version: 1 }, token: as('hr1') });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('BATON_E_RECORD_VERSION_CONFLICT');
    const outbox = await ctx().database.db.selectFrom('outbox').selectAll().where('instance_id', 'is', null).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.effect).toMatchObject({ type: 'notify', to: ['mgr'], title: { en: 'You now own Acme' } });
    const audit = await ctx().database.db.selectFrom('audit_log').select('action').where('subject_kind', '=', 'record').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['record.created', 'record.updated']);
  });

  it('answers a patch that changes nothing with the record as it is: same version, no event, no audit entry', async () => {
    const db = ctx().database.db;
    const events = async () => Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const outboxBefore = await events();
    const same = await ctx().call({ method: 'PATCH', url: `/api/records/customer/${customer.id}`, payload: { data: { ownerId: 'mgr', name: 'Acme' }, version: 2 }, token: as('hr1') });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ version: 2, data: { name: 'Acme', ownerId: 'mgr' }, updatedBy: 'hr1' });
    const stored = await db.selectFrom('records').select(['version', 'updated_at']).where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(stored.version).toBe(2);
    expect(new Date(same.json().updatedAt).getTime()).toBe(stored.updated_at.getTime());
    expect(await events()).toBe(outboxBefore);
    const audit = await db.selectFrom('audit_log').select('action').where('subject_kind', '=', 'record').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['record.created', 'record.updated']);
    // Still validated first: a bad patch is refused, and the version check still applies.
    const bad = await ctx().call({ method: 'PATCH', url: `/api/records/customer/${customer.id}`, payload: { data: { name: '' }, version: 2 }, token: as('hr1') });
    expect(bad.statusCode, bad.body).toBe(422);
    const stale = await ctx().call({ method: 'PATCH', url: `/api/records/customer/${customer.id}`, payload: { data: { ownerId: 'mgr' }, version: 1 }, token: as('hr1') });
    expect(stale.statusCode).toBe(409);
  });

  it('plans a date-offset rule timer at start and moves it when the date changes', async () => {
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-07-31' } }, token: as('emp') });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id;
    const db = ctx().database.db;
    const timers = await db.selectFrom('timers').selectAll().where('instance_id', '=', id).where('kind', '=', 'rule').execute();
    expect(timers).toHaveLength(1);
    // 09:00 in Shanghai on the day before = 01:00 UTC.
    expect(timers[0]!.due_at.toISOString()).toBe('2025-07-30T01:00:00.000Z');
    const approval = (await ctx().call({ method: 'GET', url: `/api/tasks?instanceId=${id}`, token: as('mgr') })).json().items[0];
    const moved = await ctx().call({ method: 'POST', url: `/api/tasks/${approval.id}/actions`, payload: { action: 'approve', data: { lastWorkingDay: '2025-08-15' } }, token: as('mgr') });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await db.selectFrom('timers').selectAll().where('instance_id', '=', id).where('kind', '=', 'rule').execute();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(timers[0]!.id);
    expect(after[0]!.due_at.toISOString()).toBe('2025-08-14T01:00:00.000Z');
  });

  it('reloads the directory snapshot after an import: a new manager gets the next approval', async () => {
    const imported = await ctx().call({
      method: 'POST',
      url: '/api/directory/import',
      payload: { users: [{ id: 'mgr2', name: 'New Manager', roles: [] }, { id: 'emp', name: 'Zhang San', departmentId: 'd-eng', managerId: 'mgr2' }] },
    });
    expect(imported.statusCode).toBe(200);
    const started = await ctx().call({ method: 'POST', url: '/api/flows/exit/instances', payload: { data: { employeeId: 'emp', lastWorkingDay: '2025-09-30' } }, token: as('emp') });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().openTasks[0].assignees).toEqual(['mgr2']);
  });
});
