import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { manifest } from '../pack-files.js';
import {
  ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT,
  act, actAt, call, importOffboardingPack, instance, ok, outboxEffects, People, request, taskAt,
} from './journey-kit.js';

// 黄敏 (demo-eng-2), an engineer reporting to 杨磊 (demo-eng-director), hands one work item to 吴涛 (demo-eng-3).
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
const SUCCESSOR = 'demo-eng-3';

forEachDatabase('offboarding journey: a plain leaver, a rejection, a return, the asset gate', (ctx) => {
  const people = new People(ctx);
  let id = '';
  const data = request(LEAVER, {
    workItems: [{ title: '3.2 版本测试计划', description: '测试计划与未关闭缺陷', successorId: SUCCESSOR }],
    assets: [{ assetId: 'demo-asset-lt-0105' }, { assetId: 'demo-asset-mn-0106' }],
  });

  it('imports the pack with its demo directory, customers and assets', async () => {
    const body = await importOffboardingPack(ctx());
    expect(body.pack).toMatchObject({ key: 'offboarding', version: 7 });
    expect(body.imported).toHaveLength(manifest.definitions.length); // every definition the manifest lists
    expect(body.seed.directory.users.inserted).toBe(15 + 95); // the demo people + the dashboard's demo history
    expect(body.seed.records).toMatchObject({ written: true, inserted: { customer: 8, asset: 12 } });
    const assets = await ok(ctx(), await people.token(ADMIN_AFFAIRS), 'GET', '/api/records/asset?limit=100');
    expect(assets.items.map((r: { id: string }) => r.id)).toContain('demo-asset-lt-0105');
  });

  it('the employee submits; they cannot mark their own assets returned', async () => {
    const token = await people.token(LEAVER);
    const sneaky = { ...data, assets: [{ assetId: 'demo-asset-lt-0105', returned: true, returnedOn: '2030-06-01' }] };
    const refused = await call(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data: sneaky });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues.map((i: { path: string }) => i.path)).toContain('/data/assets/0/returned');
    const started = await ok(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data }, 201);
    id = started.id;
    expect(started.activeNodes).toEqual(['managerApproval']);
    expect(started.data).toMatchObject({ employeeId: LEAVER, lastWorkingDay: '2030-06-28' });
  });

  it('the manager approves', async () => {
    const token = await people.token(MANAGER);
    const task = await taskAt(ctx(), token, id, 'managerApproval');
    expect(task.dueAt).toBeTruthy(); // the two-business-day SLA
    await act(ctx(), token, id, 'managerApproval', { action: 'approve', comment: '同意' });
    expect((await instance(ctx(), await people.token(HR), id)).activeNodes).toEqual(['hrInterview']);
  });

  it('HR holds the exit interview: its form is required, its notes stay with HR', async () => {
    const token = await people.token(HR);
    const missing = await actAt(ctx(), token, id, 'hrInterview', { action: 'approve', data: { interviewNotes: '没有日期' } });
    expect(missing.status).toBe(422);
    // An empty submission is judged too: each missing required field is named by its path.
    for (const body of [{ action: 'approve' }, { action: 'approve', data: {} }]) {
      const empty = await actAt(ctx(), token, id, 'hrInterview', body);
      expect(empty.status, JSON.stringify(empty.body)).toBe(422);
      expect(empty.body.error.code).toBe('BATON_E_DATA_INVALID');
      expect(empty.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/data/interviewDate', '/data/interviewReason']);
    }
    const unknown = await actAt(ctx(), token, id, 'hrInterview', { action: 'approve', data: { ...INTERVIEW, salaryHistory: 'x' } });
    expect(unknown.status).toBe(422);
    await act(ctx(), token, id, 'hrInterview', { action: 'approve', data: INTERVIEW });
    const view = await instance(ctx(), token, id);
    expect(view.activeNodes.sort()).toEqual(['adminAffairs', 'financeSettlement', 'itClearance', 'workHandover']);
    expect(view.data.interviewNotes).toBe(INTERVIEW.interviewNotes);
    // The leaver and the other steps never see the interview.
    const own = await instance(ctx(), await people.token(LEAVER), id);
    expect(own.data.interviewNotes).toBeUndefined();
    expect(own.data.reason).toBe(data.reason);
  });

  it("IT's step is the to-do and says what to do: accounts and asset tags, no second rule to-do", async () => {
    const token = await people.token(IT);
    const tasks = await ok(ctx(), token, 'GET', `/api/tasks?mine=true&status=open&instanceId=${id}`);
    // One to-do for IT: the flow step (rules add tasks only for work the flow has no step for).
    expect(tasks.items.map((t: { nodeId: string; source: string }) => [t.nodeId, t.source])).toEqual([['itClearance', 'flow']]);
    const step = tasks.items[0];
    expect(step.description['zh-CN']).toContain('停用 黄敏（研发部）的账号');
    expect(step.description['zh-CN']).toContain('2030-06-28');
    // …and the devices to collect, by their asset tags (read from the asset records), not their record ids.
    expect(step.description.en).toContain('Accounts to disable: Git (demo-eng-2), Wiki (demo-eng-2).');
    expect(step.description['zh-CN']).toContain('需停用的账号：Git（demo-eng-2）、Wiki（demo-eng-2）。');
    expect(step.description.en).toContain('Devices (asset tags): LT-0105, MN-0106.');
    expect(step.description['zh-CN']).toContain('设备（资产编号）：LT-0105、MN-0106。');
    expect(step.description.en).not.toContain('demo-asset-');
    expect(step.description.en).not.toMatch(/\{[a-zA-Z.]+\}/); // every placeholder filled
  });

  it('IT sees the accounts but not the reason; the gate holds until every account is disabled', async () => {
    const token = await people.token(IT);
    const task = await taskAt(ctx(), token, id, 'itClearance');
    const detail = await ok(ctx(), token, 'GET', `/api/tasks/${task.id}`);
    expect(detail.data.accounts).toHaveLength(2);
    expect(detail.data.reason).toBeUndefined();
    expect(detail.data.interviewNotes).toBeUndefined();
    expect((await actAt(ctx(), token, id, 'itClearance', { action: 'complete' })).body.error.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    // A read-only column (the account name) cannot be changed here.
    const renamed = await actAt(ctx(), token, id, 'itClearance', { action: 'complete', data: { accounts: data.accounts.map((a: object) => ({ ...a, account: 'x', disabled: true })) } });
    expect(renamed.status).toBe(422);
    await act(ctx(), token, id, 'itClearance', {
      action: 'complete', data: { accounts: data.accounts.map((a: object) => ({ ...a, disabled: true })), dataBackedUp: true, devicesCollected: true },
    });
  });

  it('finance settles', async () => {
    await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
  });

  it('admin affairs cannot finish while an asset is not returned, then can; its step lists the devices', async () => {
    const token = await people.token(ADMIN_AFFAIRS);
    const tasks = await ok(ctx(), token, 'GET', `/api/tasks?mine=true&status=open&instanceId=${id}`);
    expect(tasks.items.map((t: { nodeId: string; source: string }) => [t.nodeId, t.source])).toEqual([['adminAffairs', 'flow']]);
    const collect = tasks.items[0];
    expect(collect.description['zh-CN']).toContain('回收 黄敏 的固定资产');
    expect(collect.description.en).toContain('Devices listed in the request (asset tags): LT-0105, MN-0106.');
    expect(collect.description['zh-CN']).toContain('申请中列出的设备（资产编号）：LT-0105、MN-0106。');
    const oneBack = { assets: [{ assetId: 'demo-asset-lt-0105', returned: true, returnedOn: '2030-06-27' }, { assetId: 'demo-asset-mn-0106' }] };
    const blocked = await actAt(ctx(), token, id, 'adminAffairs', { action: 'complete', data: oneBack });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    const still = await instance(ctx(), await people.token(HR), id);
    expect(still.activeNodes).toContain('adminAffairs');
    expect(still.data.assets[0].returned).toBeUndefined(); // a refused command changes nothing
    await act(ctx(), token, id, 'adminAffairs', {
      action: 'complete',
      data: { assets: oneBack.assets.map((a) => ({ ...a, returned: true, returnedOn: '2030-06-27' })), badgeReturned: true },
    });
  });

  it('the successor confirms the work handover; HR confirms last and the offboarding completes', async () => {
    const successor = await people.token(SUCCESSOR);
    const task = await taskAt(ctx(), successor, id, 'workHandover');
    const detail = await ok(ctx(), successor, 'GET', `/api/tasks/${task.id}`);
    expect(detail.data.workItems).toHaveLength(1);
    expect(detail.data.assets).toBeUndefined();
    await act(ctx(), successor, id, 'workHandover', {
      action: 'complete', data: { workItems: data.workItems.map((w: object) => ({ ...w, confirmed: true, confirmedAt: '2030-06-20' })) },
    });
    const hr = await people.token(HR);
    expect((await instance(ctx(), hr, id)).activeNodes).toEqual(['hrConfirmation']);
    const empty = await actAt(ctx(), hr, id, 'hrConfirmation', { action: 'approve' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['/data/certificateIssued', '/data/socialInsuranceStopped']);
    expect((await instance(ctx(), hr, id)).status).toBe('running');
    await act(ctx(), hr, id, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
    const done = await instance(ctx(), hr, id);
    expect(done.status).toBe('completed');
    const effects = await outboxEffects(ctx(), id);
    // On completion: mark the leaver as left, tell the people involved, issue both documents.
    expect(effects).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'setData', userId: LEAVER, patch: { leaveDate: '2030-06-28', attributes: { employmentStatus: 'left' } } }),
      expect.objectContaining({ type: 'notify', to: expect.arrayContaining([LEAVER, MANAGER, HR, SUCCESSOR]) }),
      expect.objectContaining({ type: 'renderDocument', document: 'leaving-certificate' }),
      expect.objectContaining({ type: 'renderDocument', document: 'handover-checklist' }),
    ]));
  });

  it('the asset register takes back the returned devices: in stock, no holder, previous holder and return day recorded', async () => {
    const leaverSees = async () => ((await ok(ctx(), await people.token(LEAVER), 'GET', '/api/records/asset?limit=100')).items as Array<{ id: string }>).map((r) => r.id);
    expect(await leaverSees()).toEqual(expect.arrayContaining(['demo-asset-lt-0105', 'demo-asset-mn-0106']));
    const first = await ctx().app.baton.workers.drain();
    expect(first.deliveries.dead).toBe(0);
    const register = async () => (await ok(ctx(), await people.token(ADMIN_AFFAIRS), 'GET', '/api/records/asset?limit=100')).items as Array<{ id: string; version: number; data: Record<string, unknown> }>;
    const after = await register();
    for (const assetId of ['demo-asset-lt-0105', 'demo-asset-mn-0106']) {
      const returned = after.find((r) => r.id === assetId)?.data;
      expect(returned).toMatchObject({ status: 'in-stock', previousHolderId: LEAVER, returnedOn: '2030-06-27' });
      // Cleared, not blanked: the stored record has no holder at all, so readerFields no longer name the leaver.
      expect(returned && 'holderId' in returned).toBe(false);
    }
    // The leaver reads the register through readerFields only: the returned devices are gone from it; IT still reads them.
    expect((await leaverSees()).filter((id) => id === 'demo-asset-lt-0105' || id === 'demo-asset-mn-0106')).toEqual([]);
    const itSees = ((await ok(ctx(), await people.token(IT), 'GET', '/api/records/asset?limit=100')).items as Array<{ id: string }>).map((r) => r.id);
    expect(itSees).toEqual(expect.arrayContaining(['demo-asset-lt-0105', 'demo-asset-mn-0106']));
    const audit = await ctx().database.db.selectFrom('audit_log').select(['data']).where('action', '=', 'record.updated').where('subject_id', '=', 'asset/demo-asset-lt-0105').execute();
    expect(audit.map((a) => (a.data as { cleared?: string[] }).cleared)).toEqual([['holderId']]);
    expect(after.find((r) => r.id === 'demo-asset-lt-0103')?.data.status).toBe('in-use'); // someone else's device is untouched
    // Idempotent: delivering again (a replay) writes nothing new.
    await ctx().app.baton.workers.drain();
    const again = await register();
    expect(again.map((r) => r.version)).toEqual(after.map((r) => r.version));
  });

  it('a manager who rejects ends the request as rejected, with no completion rules', async () => {
    const leaver = await people.token('demo-eng-4');
    const started = await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request('demo-eng-4') }, 201);
    await act(ctx(), await people.token(MANAGER), started.id, 'managerApproval', { action: 'reject', comment: '项目关键期，请再考虑' });
    const view = await instance(ctx(), leaver, started.id);
    expect(view.status).toBe('rejected');
    expect(view.openTasks).toEqual([]);
    expect((await outboxEffects(ctx(), started.id)).filter((e) => ['setData', 'renderDocument', 'invoke'].includes(e.type))).toEqual([]);
  });

  it('HR returns the request to the employee; the resubmission goes straight back to HR', async () => {
    const leaver = await people.token('demo-eng-4');
    const started = await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request('demo-eng-4') }, 201);
    await act(ctx(), await people.token(MANAGER), started.id, 'managerApproval', { action: 'approve' });
    const hr = await people.token(HR);
    await act(ctx(), hr, started.id, 'hrInterview', { action: 'return', to: 'request', comment: '最后工作日与交接冲突，请调整' });
    expect((await instance(ctx(), leaver, started.id)).activeNodes).toEqual(['request']);
    await act(ctx(), leaver, started.id, 'request', { action: 'resubmit', data: { lastWorkingDay: '2030-07-15', terminationDate: '2030-07-15' } });
    const back = await instance(ctx(), hr, started.id);
    expect(back.activeNodes).toEqual(['hrInterview']);
    expect(back.data.lastWorkingDay).toBe('2030-07-15');
    expect(back.history.some((h: { action: string | null }) => h.action === 'return')).toBe(true);
  });

  it('leaves an audit chain that verifies', async () => {
    const audit = await ok(ctx(), undefined, 'GET', '/api/audit/verify');
    expect(audit.ok).toBe(true);
  });
});
