import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, call, HR, importOffboardingPack, instance, ok, People, request } from './journey-kit.js';

type Json = Record<string, any>;

// HR files the request for 黄敏 (demo-eng-2) with her laptop LT-0105 (assets are filtered to records the
// person named in `employeeId` holds). After a return, the leaver cannot be swapped for 吴涛 (demo-eng-3):
// employeeId is the flow's subject field (flow.subject), fixed once the request started (QA defect 2). A
// resubmission that keeps the leaver does not re-judge the values already on it.
const FIRST = 'demo-eng-2';
const SECOND = 'demo-eng-3';
const MANAGER = 'demo-eng-director';

forEachDatabase('offboarding journey: a resubmission cannot name another leaver, and keeps what was judged', (ctx) => {
  const people = new People(ctx);
  let id = '';
  let hr = '';
  const resubmitTask = async (): Promise<string> => {
    const tasks = await ok(ctx(), hr, 'GET', `/api/tasks?mine=true&status=open&instanceId=${id}`);
    return tasks.items.find((t: Json) => t.nodeId === 'request').id;
  };

  it('HR files the request with the first leaver\'s laptop and it is returned to HR', async () => {
    await importOffboardingPack(ctx());
    hr = await people.token(HR);
    id = (await ok(ctx(), hr, 'POST', '/api/flows/offboarding/instances', { data: request(FIRST, { assets: [{ assetId: 'demo-asset-lt-0105' }] }) }, 201)).id;
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), hr, id, 'hrInterview', { action: 'return', to: 'request', comment: '员工填错了' });
    expect((await instance(ctx(), hr, id)).activeNodes).toEqual(['request']);
  });

  it('naming another leaver is refused at employeeId, in words, and nothing moves', async () => {
    const refused = await call(ctx(), hr, 'POST', `/api/tasks/${await resubmitTask()}/actions`, {
      action: 'resubmit', data: { employeeId: SECOND, assets: [{ assetId: 'demo-asset-lt-0107' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'BATON_E_FLOW_SUBJECT_LOCKED', path: '/data/employeeId' });
    expect(refused.body.error.message).toContain('cannot change once it has started');
    const view = await instance(ctx(), hr, id);
    expect(view.activeNodes).toEqual(['request']);
    expect(view.data).toMatchObject({ employeeId: FIRST, assets: [{ assetId: 'demo-asset-lt-0105' }] });
    await act(ctx(), hr, id, 'request', { action: 'resubmit', data: { reason: '补充说明' } });
  });

  it('a resubmission that keeps the leaver does not re-judge kept values', async () => {
    // The asset changes hands after it was put on the request (the asset register is edited, not the request).
    const admin = await people.token('demo-admin-1');
    const asset = (await ok(ctx(), admin, 'GET', '/api/records/asset?limit=100')).items.find((r: Json) => r.id === 'demo-asset-lt-0105');
    await ok(ctx(), admin, 'PATCH', '/api/records/asset/demo-asset-lt-0105', { data: { holderId: 'demo-eng-4' }, version: asset.version });
    await act(ctx(), hr, id, 'hrInterview', { action: 'return', to: 'request', comment: '请调整日期' });
    await act(ctx(), hr, id, 'request', { action: 'resubmit', data: { lastWorkingDay: '2030-07-15', terminationDate: '2030-07-15' } });
    expect((await instance(ctx(), hr, id)).data.lastWorkingDay).toBe('2030-07-15');
  });
});
