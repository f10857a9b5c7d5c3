import { expect, it } from 'vitest';
import { pdfText, squeeze } from '../../../../runtime-api/test/documents/pdf-text.js';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import {
  ADMIN_AFFAIRS, FINANCE, HR, INTERVIEW, IT, SETTLEMENT,
  act, actAt, call, importOffboardingPack, taskAt, instance, ok, People, request, type Reply,
} from './journey-kit.js';

// QA D1, D2, D3, D5: rows of the handover tables are guarded on the server. A successor confirms only the
// rows handed to them (whoever holds their task acts for them, and the checklist names who really did it);
// a step that only ticks rows off can neither add nor remove rows; the start refuses the check columns.
const SALES = 'demo-sales-1';
const MANAGER = 'demo-sales-director';
const LIU = 'demo-sales-2'; // 刘洋
const CHEN = 'demo-sales-3'; // 陈静
const DAY = '2030-06-20';

type Json = Record<string, any>;

function refusal(reply: Reply): { status: number; code: string; issues: Array<{ code: string; path: string; message: string }> } {
  return { status: reply.status, code: reply.body.error?.code, issues: reply.body.error?.issues ?? [] };
}

forEachDatabase('offboarding: handover rows are guarded per successor and per step', (ctx) => {
  const people = new People(ctx);
  let id = '';
  const customers = [
    { customerId: 'demo-customer-01', successorId: LIU },
    { customerId: 'demo-customer-02', successorId: CHEN },
  ];
  const data = request(SALES, {
    workItems: [{ title: 'Q3 商机复盘', successorId: LIU }],
    customers,
    accounts: [{ system: 'CRM', account: SALES }],
    assets: [{ assetId: 'demo-asset-lt-0101' }],
  });
  const current = async (): Promise<Json> => (await instance(ctx(), await people.token(HR), id)).data;
  const tick = (rows: Json[], who: string | null, column = 'confirmed') =>
    rows.map((r) => (who === null || r.successorId === who ? { ...r, [column]: true, confirmedAt: DAY } : r));

  it('D5: the start refuses the check columns the start node shows read-only (true or false alike), naming each cell', async () => {
    await importOffboardingPack(ctx());
    const token = await people.token(SALES);
    const sent = { ...data, customers: [{ ...customers[0], confirmed: true, confirmedAt: DAY }, customers[1]], accounts: [{ system: 'CRM', account: SALES, disabled: false }] };
    const reply = await call(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data: sent });
    const r = refusal(reply);
    expect(r.status).toBe(422);
    expect(r.code).toBe('BATON_E_DATA_INVALID');
    expect(r.issues.map((i) => [i.code, i.path]).sort()).toEqual([
      ['BATON_E_FORM_READONLY_CHANGED', '/data/accounts/0/disabled'],
      ['BATON_E_FORM_READONLY_CHANGED', '/data/customers/0/confirmed'],
      ['BATON_E_FORM_READONLY_CHANGED', '/data/customers/0/confirmedAt'],
    ]);
    const started = await ok(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data }, 201);
    id = started.id;
  });

  it('D3: the manager cannot add a work item (its title is read-only there) but may change a successor', async () => {
    const manager = await people.token(MANAGER);
    const added = await actAt(ctx(), manager, id, 'managerApproval', { action: 'approve', data: { workItems: [...data.workItems, { successorId: CHEN }] } });
    const r = refusal(added);
    expect(r.status).toBe(422);
    const fixed = r.issues.find((i) => i.code === 'BATON_E_FORM_ROWS_FIXED');
    expect(fixed?.path).toBe('/data/workItems');
    expect(fixed?.message).toContain('Rows of Work handed over cannot be added or removed at this step (it had 1 rows, 2 were sent)');
    // Removing the row is refused the same way, in Chinese for a Chinese reader.
    const task = await taskAt(ctx(), manager, id, 'managerApproval');
    const zh = await ctx().call({ method: 'POST', url: `/api/tasks/${task.id}/actions`, payload: { action: 'approve', data: { workItems: [] } }, token: manager, headers: { 'accept-language': 'zh-CN' } });
    const zhIssue = (zh.json().error.issues as Array<{ code: string; message: string }>).find((i) => i.code === 'BATON_E_FORM_ROWS_FIXED');
    expect(zhIssue?.message).toContain('工作交接在此环节不能增加或删除行');
    expect((await current()).workItems).toHaveLength(1);
    await act(ctx(), manager, id, 'managerApproval', { action: 'approve', data: { workItems: [{ ...data.workItems[0], successorId: LIU }] } });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
  });

  it('D2: IT cannot remove the account row and admin affairs cannot remove the asset row to get past the checklist', async () => {
    const it = await people.token(IT);
    const removed = refusal(await actAt(ctx(), it, id, 'itClearance', { action: 'complete', data: { accounts: [] } }));
    expect(removed.status).toBe(422);
    expect(removed.issues.find((i) => i.code === 'BATON_E_FORM_ROWS_FIXED')?.path).toBe('/data/accounts');
    const admin = await people.token(ADMIN_AFFAIRS);
    const gone = refusal(await actAt(ctx(), admin, id, 'adminAffairs', { action: 'complete', data: { assets: [] } }));
    expect(gone.issues.find((i) => i.code === 'BATON_E_FORM_ROWS_FIXED')?.path).toBe('/data/assets');
    // Nor add one (the asset column is read-only there).
    const more = refusal(await actAt(ctx(), admin, id, 'adminAffairs', { action: 'complete', data: { assets: [...data.assets, { returned: true, returnedOn: DAY }] } }));
    expect(more.issues.map((i) => i.code)).toContain('BATON_E_FORM_ROWS_FIXED');
    const now = await current();
    expect(now.accounts).toHaveLength(1);
    expect(now.assets).toHaveLength(1);
    await act(ctx(), it, id, 'itClearance', { action: 'complete', data: { accounts: [{ ...data.accounts[0], disabled: true }] } });
    await act(ctx(), admin, id, 'adminAffairs', { action: 'complete', data: { assets: [{ ...data.assets[0], returned: true, returnedOn: DAY }] } });
    await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
  });

  it('D1: 陈静 cannot confirm 刘洋\'s customer; each confirms only their own rows, and their own rows gate their own task', async () => {
    const chen = await people.token(CHEN);
    const liu = await people.token(LIU);
    const both = refusal(await actAt(ctx(), chen, id, 'customerHandover', { action: 'complete', data: { customers: tick(customers, null) } }));
    expect(both.status).toBe(403);
    expect(both.code).toBe('BATON_E_FLOW_ROW_NOT_YOURS');
    expect(both.issues[0]?.path).toBe('/data/customers/0');
    expect(both.issues[0]?.message).toContain('刘洋');
    expect((await current()).customers.some((c: Json) => c.confirmed === true)).toBe(false);
    // 刘洋 cannot complete with his own row unticked, though he is not the last: the refusal names his row.
    const unticked = refusal(await actAt(ctx(), liu, id, 'customerHandover', { action: 'complete' }));
    expect(unticked.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    expect(unticked.issues.map((i) => i.path)).toContain('/data/customers/0/confirmed');
    expect(unticked.issues.map((i) => i.path)).not.toContain('/data/customers/1/confirmed');
    await act(ctx(), liu, id, 'customerHandover', { action: 'complete', data: { customers: tick(customers, LIU) } });
    // 陈静 hands her task to HR, who acts for her: only her row, recorded as HR's.
    await act(ctx(), chen, id, 'customerHandover', { action: 'transfer', to: HR });
    const hr = await people.token(HR);
    const stored = (await current()).customers as Json[];
    expect(refusal(await actAt(ctx(), hr, id, 'customerHandover', { action: 'complete', data: { customers: stored.map((c, i) => (i === 0 ? { ...c, notes: 'changed' } : c)) } })).code).toBe('BATON_E_FLOW_ROW_NOT_YOURS');
    await act(ctx(), hr, id, 'customerHandover', { action: 'complete', data: { customers: tick(stored, CHEN) } });
    expect((await current()).customers.map((c: Json) => c.confirmed)).toEqual([true, true]);
  });

  it('the handover checklist names who really confirmed each customer', async () => {
    await act(ctx(), await people.token(LIU), id, 'workHandover', { action: 'complete', data: { workItems: tick((await current()).workItems, LIU) } });
    const list = await call(ctx(), await people.token(HR), 'GET', `/api/instances/${id}/documents/handover-checklist?locale=en`);
    expect(list.status, list.raw.body.slice(0, 300)).toBe(200);
    const text = (await pdfText(list.raw.rawPayload)).compact;
    // Customer 1 (刘洋's) was confirmed by 刘洋; customer 2 (陈静's) by HR (孙丽), who held her task.
    const customersPart = text.slice(text.indexOf(squeeze('华东精密制造有限公司（示例）')), text.indexOf('CRM'));
    expect(customersPart).toMatch(/^华东精密制造有限公司（示例）刘洋.*?Confirmed刘洋/u);
    expect(customersPart).toMatch(/锦程物流集团（示例）陈静.*?Confirmed孙丽\(for陈静\)/u);
    expect(customersPart).not.toMatch(/锦程物流集团（示例）陈静.*?Confirmed(刘洋|陈静)/u);
    // Rows their own successor confirmed name just them.
    expect(customersPart).not.toMatch(/刘洋\(for/u);
  });

  it('in Chinese, the row HR confirmed for 陈静 reads 孙丽（代陈静确认）', async () => {
    const list = await call(ctx(), await people.token(HR), 'GET', `/api/instances/${id}/documents/handover-checklist?locale=zh-CN`);
    expect(list.status, list.raw.body.slice(0, 300)).toBe(200);
    const text = (await pdfText(list.raw.rawPayload)).compact;
    const customersPart = text.slice(text.indexOf(squeeze('华东精密制造有限公司（示例）')), text.indexOf('CRM'));
    expect(customersPart).toMatch(/锦程物流集团（示例）陈静.*?已确认孙丽（代陈静确认）/u);
    expect(customersPart).toMatch(/华东精密制造有限公司（示例）刘洋.*?已确认刘洋\d{4}年/u);
    // Ids never reach the page.
    expect(text).not.toContain('demo-sales-3');
    expect(text).not.toContain('demo-hr-1');
  });
});
