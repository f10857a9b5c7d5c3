import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';
import { approverStep, oneStepFlow, requestFields, t } from '../harness/one-step-flow.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;

const form = {
  kind: 'form', key: 'budget-request', title: t('Budget request', '预算申请'),
  fields: [...requestFields, { key: 'budget', type: 'money', label: t('Budget', '预算') }],
};
const flow = oneStepFlow({ key: 'budget', title: t('Budget', '预算'), form: 'budget-request' }, approverStep);
const twoApprovals = {
  ...flow,
  key: 'budget-twice',
  nodes: [...flow.nodes.slice(0, 2), { ...approverStep, id: 'again', name: t('Approve again', '再次审批') }, flow.nodes[2]],
  edges: [{ id: 'e1', from: 'start', to: 'approve' }, { id: 'e2', from: 'approve', to: 'again' }, { id: 'e3', from: 'again', to: 'end' }],
};

// An approval that sends the form back as it was must not put "changed the data" on the timeline (the engine
// records no event for it; an older history's no-op event is left out); one that changes a value must. Key
// order inside a value is not a change.
forEachDatabase('the timeline shows a data change only when the data changed', (ctx) => {
  let employee = '';
  let approver = '';
  const data = { employeeId: 'employee', note: 'first', budget: { amount: '1200.00', currency: 'CNY' } };
  const act = async (c: TestContext, taskId: string, payload: Json) => {
    const res = await c.call({ method: 'POST', url: `/api/tasks/${taskId}/actions`, payload, token: approver });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };
  const timeline = async (c: TestContext, id: string) => {
    const res = await c.call({ method: 'GET', url: `/api/instances/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().history as Json[]).map((h) => h.type);
  };

  it('sets up the directory, the form and the flows', async () => {
    const c = ctx();
    const imported = await c.call({ method: 'POST', url: '/api/directory/import', payload: { users: [{ id: 'employee', name: 'E', roles: [] }, { id: 'approver', name: 'A', roles: [] }] } });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [form, flow, twoApprovals]) await publish(c, def);
    employee = await c.tokenFor('employee', []);
    approver = await c.tokenFor('approver', []);
  });

  it('leaves out an approval that re-sends the same data (keys in another order), keeps one that changes it', async () => {
    const c = ctx();
    const started = await c.call({ method: 'POST', url: '/api/flows/budget-twice/instances', payload: { data }, token: employee });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    const same = { note: 'first', budget: { currency: 'CNY', amount: '1200.00' }, employeeId: 'employee' };
    await act(c, started.json().openTasks[0].id, { action: 'approve', data: same });
    expect(await timeline(c, id)).not.toContain('data.changed');
    // The engine no longer records a change that changes nothing, so no rule or timer re-plan runs for it.
    const stored = await c.database.db.selectFrom('history').select('type').where('instance_id', '=', id).where('type', '=', 'data.changed').execute();
    expect(stored).toHaveLength(0);

    const waiting = (await c.call({ method: 'GET', url: `/api/instances/${id}` })).json() as Json;
    await act(c, waiting.openTasks[0].id, { action: 'approve', data: { note: 'second' } });
    const types = await timeline(c, id);
    expect(types.filter((type) => type === 'data.changed')).toHaveLength(1);
    const view = (await c.call({ method: 'GET', url: `/api/instances/${id}` })).json() as Json;
    expect(view.data.note).toBe('second');
  });

  it('keeps a change inside a nested value', async () => {
    const c = ctx();
    const started = await c.call({ method: 'POST', url: '/api/flows/budget/instances', payload: { data }, token: employee });
    expect(started.statusCode, started.body).toBe(201);
    await act(c, started.json().openTasks[0].id, { action: 'approve', data: { budget: { currency: 'CNY', amount: '1300.00' } } });
    expect(await timeline(c, started.json().id)).toContain('data.changed');
  });

  it('leaves out a no-op data.changed that an older engine recorded', async () => {
    const c = ctx();
    const started = await c.call({ method: 'POST', url: '/api/flows/budget/instances', payload: { data }, token: employee });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    await act(c, started.json().openTasks[0].id, { action: 'approve', data: { note: 'changed' } });
    // What the engine wrote before it dropped no-op patches: the patch, and equal before/after snapshots.
    const db = c.database.db;
    const row = await db.selectFrom('instances').select(['history_seq', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
    const snapshot = row.data as Json;
    const seq = row.history_seq + 1;
    const noOp = { type: 'data.changed', at: new Date().toISOString(), seq, instanceId: id, actor: 'approver', payload: { patch: { note: 'changed' } }, previous: snapshot, data: { ...snapshot } };
    await db.insertInto('history').values({ instance_id: id, seq, type: 'data.changed', payload: JSON.stringify(noOp), actor: 'approver', at: new Date(), source: 'flow' }).execute();
    await db.updateTable('instances').set({ history_seq: seq }).where('id', '=', id).execute();
    const stored = await db.selectFrom('history').select('seq').where('instance_id', '=', id).where('type', '=', 'data.changed').execute();
    expect(stored).toHaveLength(2);
    expect((await timeline(c, id)).filter((type) => type === 'data.changed')).toHaveLength(1);
  });
});
