import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, ADMIN_AFFAIRS, FINANCE, HR, importOffboardingPack, instance, INTERVIEW, IT, ok, People, SETTLEMENT, taskAt } from './journey-kit.js';

// 黄敏 (demo-eng-2) leaves with nothing listed: the start form on screen leaves empty sub-tables out, so the
// request carries no workItems, customers, accounts or assets key at all (the other journeys send `[]`).
// IT's gate reads `none(accounts …)` and admin affairs' `none(assets …)`: both must hold for a list nobody
// filled in, and the offboarding must complete (QA B1: admin affairs got a 422 expression error instead).
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';

forEachDatabase('offboarding journey: a request that lists no assets, accounts or work completes', (ctx) => {
  const people = new People(ctx);
  let id = '';

  it('starts from a request without any sub-table, stored with empty lists', async () => {
    await importOffboardingPack(ctx());
    const data = {
      employeeId: LEAVER, type: 'resignation', lastWorkingDay: '2030-06-28', terminationDate: '2030-06-28', reasonCategory: 'career',
    };
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data }, 201);
    id = started.id;
    expect(started.activeNodes).toEqual(['managerApproval']);
    // The request, its gates and its documents all read the same empty lists.
    const view = await instance(ctx(), await people.token(HR), id);
    expect(view.data).toMatchObject({ workItems: [], customers: [], accounts: [], assets: [] });
  });

  it('goes through the manager and the HR interview to the clearance steps', async () => {
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
    const active = (await instance(ctx(), await people.token(HR), id)).activeNodes;
    expect(active, JSON.stringify(active)).toEqual(expect.arrayContaining(['adminAffairs', 'financeSettlement', 'itClearance']));
  });

  it('IT completes with no accounts to disable', async () => {
    const token = await people.token(IT);
    const step = await taskAt(ctx(), token, id, 'itClearance');
    for (const text of [step.description.en, step.description['zh-CN']]) expect(text).not.toMatch(/\{[#/]?[\w$.]+\}/);
    const detail = await ok(ctx(), token, 'GET', `/api/tasks/${(await taskAt(ctx(), token, id, 'itClearance')).id}`);
    expect(detail.data.accounts).toEqual([]);
    await act(ctx(), token, id, 'itClearance', { action: 'complete', data: { dataBackedUp: true, devicesCollected: true } });
  });

  it('finance settles', async () => {
    await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
  });

  it('admin affairs completes with no assets to collect: exactly what QA did in the browser (no row added)', async () => {
    const token = await people.token(ADMIN_AFFAIRS);
    // QA D12: the step's instructions print no raw placeholder for the missing list, in either language.
    const step = await taskAt(ctx(), token, id, 'adminAffairs');
    for (const text of [step.description.en, step.description['zh-CN']]) expect(text).not.toMatch(/\{[#/]?[\w$.]+\}/);
    const body = await act(ctx(), token, id, 'adminAffairs', { action: 'complete', data: { badgeReturned: true, lockerCleared: true } });
    expect(JSON.stringify(body)).not.toContain('BATON_E_EXPR_EVALUATION');
    expect((await instance(ctx(), await people.token(HR), id)).activeNodes).toEqual(['hrConfirmation']);
  });

  it('HR confirms last and the offboarding completes', async () => {
    const hr = await people.token(HR);
    await act(ctx(), hr, id, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
    const done = await instance(ctx(), hr, id);
    expect(done.status).toBe('completed');
    expect(done.data.assets).toEqual([]);
  });
});
