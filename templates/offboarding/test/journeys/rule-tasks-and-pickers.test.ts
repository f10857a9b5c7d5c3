import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { publish } from '../../../../runtime-api/test/harness/publish-definition.js';
import {
  ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT,
  act, call, importOffboardingPack, instance, ok, People, request,
} from './journey-kit.js';

type Json = Record<string, any>;

// 黄敏 (demo-eng-2) holds LT-0105, MN-0106 and BD-0110; 李娜 (demo-sales-1) holds LT-0101 and PH-0102 and owns
// customers 01–03. A rule to-do about an instance must not outlive it: one that asks to close on completion,
// one that does not (work still to do after the request closes).
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
const SALES = 'demo-sales-1';

function ruleTaskRule(key: string, title: string, extra: Json): Json {
  return {
    kind: 'rule', key, version: 1,
    title: { en: title, 'zh-CN': title },
    scope: { flow: 'offboarding' },
    trigger: { type: 'node-entered', config: { nodeId: 'hrInterview' } },
    actions: [{
      type: 'create-task',
      params: { title: { en: `${title} of {employeeId.name}`, 'zh-CN': `${title}：{employeeId.name}` }, description: { en: 'Badge: {employeeId.name}', 'zh-CN': '门禁卡：{employeeId.name}' }, assignees: [{ kind: 'role', role: 'admin-affairs' }], ...extra },
    }],
  };
}

forEachDatabase('offboarding journey: relation pickers filtered to the leaver; rule to-dos end with their request', (ctx) => {
  const people = new People(ctx);
  const ruleTasks = async (instanceId: string): Promise<Json[]> =>
    ctx().database.db.selectFrom('tasks').select(['id', 'node_id', 'status', 'outcome']).where('instance_id', '=', instanceId).where('source', '=', 'rule').orderBy('node_id').execute();

  it('imports the pack; publishes two rules that give admin affairs a to-do when HR is reached', async () => {
    await importOffboardingPack(ctx());
    await publish(ctx(), ruleTaskRule('badge-closes', 'Deactivate badge', { closeWhenInstanceCompletes: true }));
    await publish(ctx(), ruleTaskRule('badge-stays', 'Archive badge photo', {}));
  });

  it("the pickers offer only the leaver's own assets and customers", async () => {
    const token = await people.token(LEAVER);
    const assets = await ok(ctx(), token, 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'assets.assetId', data: { employeeId: LEAVER } });
    expect(assets.items.map((r: Json) => r.id).sort()).toEqual(['demo-asset-bd-0110', 'demo-asset-lt-0105', 'demo-asset-mn-0106']);
    const customers = await ok(ctx(), await people.token(SALES), 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'customers.customerId', data: { employeeId: SALES } });
    expect(customers.items.map((r: Json) => r.id).sort()).toEqual(['demo-customer-01', 'demo-customer-02', 'demo-customer-03']);
    const none = await ok(ctx(), token, 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'assets.assetId', data: {} });
    expect(none.items).toEqual([]); // no leaver named yet: nothing is theirs
    const unknown = await call(ctx(), token, 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'assets.tag', data: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'BATON_E_RELATION_FIELD_UNKNOWN', path: '/field' });
  });

  it("submitting someone else's badge or customer is refused with the code and path", async () => {
    const token = await people.token(LEAVER);
    const badge = await call(ctx(), token, 'POST', '/api/flows/offboarding/instances', {
      data: request(LEAVER, { assets: [{ assetId: 'demo-asset-lt-0105' }, { assetId: 'demo-asset-lt-0101' }] }),
    });
    expect(badge.status).toBe(422);
    expect(badge.body.error.code).toBe('BATON_E_RELATION_NOT_ALLOWED');
    expect(badge.body.error.issues.map((i: Json) => i.path)).toEqual(['/data/assets/1/assetId']);
    const customer = await call(ctx(), await people.token(SALES), 'POST', '/api/flows/offboarding/instances', {
      data: request(SALES, { customers: [{ customerId: 'demo-customer-04', successorId: 'demo-sales-2' }] }),
    });
    expect(customer.status).toBe(422);
    expect(customer.body.error).toMatchObject({ code: 'BATON_E_RELATION_NOT_ALLOWED', path: '/data/customers/0/customerId' });
  });

  it('a resubmission is judged too: a returned request cannot gain a badge the leaver does not hold', async () => {
    const token = await people.token(LEAVER);
    const started = await ok(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER, { assets: [{ assetId: 'demo-asset-lt-0105' }] }) }, 201);
    await act(ctx(), await people.token(MANAGER), started.id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), started.id, 'hrInterview', { action: 'return', to: 'request', comment: '请补充设备' });
    const tasks = await ok(ctx(), token, 'GET', `/api/tasks?mine=true&status=open&instanceId=${started.id}`);
    const resubmit = tasks.items.find((t: Json) => t.nodeId === 'request');
    const refused = await call(ctx(), token, 'POST', `/api/tasks/${resubmit.id}/actions`, {
      action: 'resubmit', data: { assets: [{ assetId: 'demo-asset-lt-0105' }, { assetId: 'demo-asset-ph-0102' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'BATON_E_RELATION_NOT_ALLOWED', path: '/data/assets/1/assetId' });
    await act(ctx(), token, started.id, 'request', { action: 'resubmit', data: { assets: [{ assetId: 'demo-asset-lt-0105' }, { assetId: 'demo-asset-bd-0110' }] } });
    await ok(ctx(), await people.token(HR), 'POST', `/api/instances/${started.id}/cancel`, { reason: 'test over' });
  });

  it("a rule's to-do shows its description and no form, not a copy of the request", async () => {
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER) }, 201);
    await act(ctx(), await people.token(MANAGER), started.id, 'managerApproval', { action: 'approve' });
    const admin = await people.token(ADMIN_AFFAIRS);
    const mine = await ok(ctx(), admin, 'GET', `/api/tasks?mine=true&status=open&instanceId=${started.id}`);
    const badge = mine.items.find((t: Json) => t.nodeId === 'rule:badge-closes');
    const detail = await ok(ctx(), admin, 'GET', `/api/tasks/${badge.id}`);
    expect(detail).toMatchObject({ source: 'rule', formKey: null, flowKey: null, data: {} });
    expect(detail.description).toEqual({ en: 'Badge: 黄敏', 'zh-CN': '门禁卡：黄敏' });
    await ok(ctx(), await people.token(HR), 'POST', `/api/instances/${started.id}/cancel`, { reason: 'test over' });
  });

  it('rejected or cancelled: every open rule to-do of the instance is cancelled, with history and audit', async () => {
    for (const end of ['reject', 'cancel'] as const) {
      const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER) }, 201);
      await act(ctx(), await people.token(MANAGER), started.id, 'managerApproval', { action: 'approve' });
      expect((await ruleTasks(started.id)).map((t) => t.status)).toEqual(['open', 'open']);
      if (end === 'reject') await act(ctx(), await people.token(HR), started.id, 'hrInterview', { action: 'reject', comment: '留任' });
      else await ok(ctx(), await people.token(HR), 'POST', `/api/instances/${started.id}/cancel`, { reason: '撤销' });
      const status = end === 'reject' ? 'rejected' : 'cancelled';
      expect((await instance(ctx(), await people.token(HR), started.id)).status).toBe(status);
      expect(await ruleTasks(started.id)).toEqual([
        expect.objectContaining({ node_id: 'rule:badge-closes', status: 'cancelled', outcome: `instance-${status}` }),
        expect.objectContaining({ node_id: 'rule:badge-stays', status: 'cancelled', outcome: `instance-${status}` }),
      ]);
      const history = await ctx().database.db.selectFrom('history').select(['payload']).where('instance_id', '=', started.id).where('type', '=', 'task.cancelled').where('source', '=', 'runtime').execute();
      expect(history.map((h) => (h.payload as Json).payload)).toEqual([
        expect.objectContaining({ reason: `instance-${status}`, source: 'rule' }),
        expect.objectContaining({ reason: `instance-${status}`, source: 'rule' }),
      ]);
      const audit = await ctx().database.db.selectFrom('audit_log').select(['data']).where('action', '=', 'task.cancelled').where('subject_id', '=', started.id).execute();
      expect(audit).toHaveLength(2);
      const inbox = await ok(ctx(), await people.token(ADMIN_AFFAIRS), 'GET', `/api/tasks?mine=true&status=open&instanceId=${started.id}`);
      expect(inbox.items).toEqual([]);
    }
  });

  it('completed: only the to-do that asked to close with it is cancelled; the other stays open', async () => {
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER) }, 201);
    const id = started.id;
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
    const accounts = request(LEAVER).accounts.map((a: Json) => ({ ...a, disabled: true }));
    await act(ctx(), await people.token(IT), id, 'itClearance', { action: 'complete', data: { accounts, dataBackedUp: true, devicesCollected: true } });
    await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
    await act(ctx(), await people.token(ADMIN_AFFAIRS), id, 'adminAffairs', { action: 'complete', data: { badgeReturned: true } });
    await act(ctx(), await people.token(HR), id, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
    expect((await instance(ctx(), await people.token(HR), id)).status).toBe('completed');
    expect(await ruleTasks(id)).toEqual([
      expect.objectContaining({ node_id: 'rule:badge-closes', status: 'cancelled', outcome: 'instance-completed' }),
      expect.objectContaining({ node_id: 'rule:badge-stays', status: 'open' }),
    ]);
    const audit = await ok(ctx(), undefined, 'GET', '/api/audit/verify');
    expect(audit.ok).toBe(true);
  });
});
