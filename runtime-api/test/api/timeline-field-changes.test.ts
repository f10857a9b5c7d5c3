import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../harness/for-each-database.js';
import { t } from '../harness/one-step-flow.js';
import { publish } from '../harness/publish-definition.js';

type Json = Record<string, any>;

// Canary values: a salary and sub-table costs the approver may never see, PINs nobody reads in an answer.
const SALARY_BEFORE = 73519;
const SALARY_AFTER = 84621;
const COST_BEFORE = 61237;
const COST_AFTER = 61999;
const PIN_BEFORE = 'pin-canary-1357';
const PIN_AFTER = 'pin-canary-2468';

const form = {
  kind: 'form', key: 'pay-review', title: t('Pay review', '薪酬复核'),
  fields: [
    { key: 'employeeId', type: 'user', label: t('Employee', '员工'), required: true },
    { key: 'note', type: 'text', label: t('Note', '备注') },
    { key: 'salary', type: 'number', label: t('Salary', '薪资') },
    { key: 'pin', type: 'secret', label: t('PIN', '密码') },
    {
      key: 'items', type: 'sub-table', label: t('Items', '物品'),
      fields: [{ key: 'name', type: 'text', label: t('Name', '名称') }, { key: 'cost', type: 'number', label: t('Cost', '费用') }],
    },
  ],
  // The approver sees neither the salary nor what the items cost.
  access: { approve: { salary: 'hidden', 'items.cost': 'hidden' } },
};
const flow = {
  kind: 'flow', key: 'pay-review', title: t('Pay review', '薪酬复核'), form: 'pay-review',
  nodes: [
    { id: 'start', type: 'start', name: t('Start', '开始') },
    { id: 'approve', type: 'approval', name: t('Approve', '审批'), config: { assignees: [{ kind: 'user', id: 'approver' }] } },
    { id: 'review', type: 'task', name: t('Review', '复核'), config: { assignees: [{ kind: 'user', id: 'reviewer' }] } },
    { id: 'end', type: 'end', name: t('End', '结束') },
  ],
  edges: [{ id: 'e1', from: 'start', to: 'approve' }, { id: 'e2', from: 'approve', to: 'review' }, { id: 'e3', from: 'review', to: 'end' }],
};

forEachDatabase('the timeline names the fields a step changed, only those the caller may see', (ctx) => {
  const tokens: Record<string, string> = {};
  let id = '';
  const view = async (c: TestContext, who: string) => {
    const res = await c.call({ method: 'GET', url: `/api/instances/${id}`, token: tokens[who]! });
    expect(res.statusCode, res.body).toBe(200);
    return { body: res.body, changes: (res.json().history as Json[]).filter((h) => h.type === 'data.changed').map((h) => [h.actor, h.nodeId, h.changes]) };
  };
  const act = async (c: TestContext, who: string, payload: Json) => {
    const instance = (await c.call({ method: 'GET', url: `/api/instances/${id}`, token: tokens[who]! })).json() as Json;
    const res = await c.call({ method: 'POST', url: `/api/tasks/${instance.openTasks[0].id}/actions`, payload, token: tokens[who]! });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('runs a request whose approver changes the note and the PIN, then whose reviewer changes only hidden fields', async () => {
    const c = ctx();
    const users = ['employee', 'approver', 'reviewer'].map((u) => ({ id: u, name: u, roles: [] }));
    const imported = await c.call({ method: 'POST', url: '/api/directory/import', payload: { users } });
    expect(imported.statusCode, imported.body).toBe(200);
    for (const def of [form, flow]) await publish(c, def);
    for (const u of ['employee', 'approver', 'reviewer']) tokens[u] = await c.tokenFor(u, []);
    tokens.hr = await c.tokenFor('hr-person', ['hr']);
    const data = { employeeId: 'employee', note: 'first', salary: SALARY_BEFORE, pin: PIN_BEFORE, items: [{ name: 'Laptop', cost: COST_BEFORE }] };
    const started = await c.call({ method: 'POST', url: '/api/flows/pay-review/instances', payload: { data }, token: tokens.employee! });
    expect(started.statusCode, started.body).toBe(201);
    id = started.json().id as string;
    await act(c, 'approver', { action: 'approve', data: { note: 'second', pin: PIN_AFTER } });
    await act(c, 'reviewer', { action: 'complete', data: { salary: SALARY_AFTER, items: [{ name: 'Laptop', cost: COST_AFTER }] } });
  });

  it('shows the approver their own change, the PIN as changed without a value, and nothing of the hidden change', async () => {
    const { body, changes } = await view(ctx(), 'approver');
    expect(changes).toEqual([['approver', 'approve', [{ field: 'note', from: 'first', to: 'second' }, { field: 'pin', secret: true }]]]);
    // The reviewer's change touched only fields hidden from the approver: the entry is not there at all.
    for (const canary of [SALARY_BEFORE, SALARY_AFTER, COST_BEFORE, COST_AFTER, PIN_BEFORE, PIN_AFTER]) expect(body).not.toContain(String(canary));
    expect(body).not.toContain('salary');
  });

  it('shows the reviewer and HR the hidden fields that changed, old and new, but never a PIN', async () => {
    for (const who of ['reviewer', 'hr']) {
      const { body, changes } = await view(ctx(), who);
      expect(changes, who).toEqual([
        ['approver', 'approve', [{ field: 'note', from: 'first', to: 'second' }, { field: 'pin', secret: true }]],
        ['reviewer', 'review', [{ field: 'salary', from: SALARY_BEFORE, to: SALARY_AFTER }, { field: 'items', from: [{ name: 'Laptop', cost: COST_BEFORE }], to: [{ name: 'Laptop', cost: COST_AFTER }] }]],
      ]);
      expect(body).not.toContain(PIN_BEFORE);
      expect(body).not.toContain(PIN_AFTER);
    }
  });

  it('shows the initiator what their start form lets them see', async () => {
    const { changes } = await view(ctx(), 'employee');
    expect(changes.map(([, node, fields]) => [node, (fields as Json[]).map((f) => f.field)])).toEqual([['approve', ['note', 'pin']], ['review', ['salary', 'items']]]);
  });
});
