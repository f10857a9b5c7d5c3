import { expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, FINANCE, HR, importOffboardingPack, INTERVIEW, IT, ok, People, request, SETTLEMENT, taskAt } from './journey-kit.js';

// What people read when the server refuses: field problems before expressions (QA D10), steps and fields by
// their labels rather than ids (D6), and what to type rather than a regular expression (D7), in en and zh-CN.
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
type Json = Record<string, any>;

async function refusal(ctx: TestContext, token: string, locale: 'en' | 'zh-CN', url: string, payload: Json): Promise<{ status: number; error: Json }> {
  const reply = await ctx.call({ method: 'POST', url, payload, token, headers: { 'accept-language': locale } });
  return { status: reply.statusCode, error: (reply.json() as Json).error };
}

const texts = (error: Json): string[] => [error.message, ...error.issues.map((i: Json) => i.message)];

forEachDatabase('offboarding journey: refusals say what to fix in words', (ctx) => {
  const people = new People(ctx);
  let id = '';

  it('a wrongly typed request lists every field problem with its path, before any rule runs', async () => {
    await importOffboardingPack(ctx());
    const token = await people.token(LEAVER);
    const data = { ...request(LEAVER), type: 'quit', lastWorkingDay: '2030-13-45', terminationDate: 12 };
    for (const locale of ['en', 'zh-CN'] as const) {
      const { status, error } = await refusal(ctx(), token, locale, '/api/flows/offboarding/instances', { data });
      expect(status, JSON.stringify(error)).toBe(422);
      expect(error.code).toBe('BATON_E_DATA_INVALID');
      expect(error.issues.map((i: Json) => i.path)).toEqual(['/data/type', '/data/lastWorkingDay', '/data/terminationDate']);
      expect(error.issues.some((i: Json) => i.code === 'BATON_E_EXPR_EVALUATION')).toBe(false);
      const termination = error.issues.find((i: Json) => i.path === '/data/terminationDate');
      expect(termination.message).toBe(locale === 'en'
        ? 'Termination date: enter a date as YYYY-MM-DD, for example 2030-06-28.'
        : '劳动关系终止日：请按 YYYY-MM-DD 格式填写日期，例如 2030-06-28。');
    }
    const started = await ok(ctx(), token, 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER, { accounts: [{ system: 'Git', account: 'huang.min' }] }) }, 201);
    id = started.id;
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
  });

  it("IT's refused checklist names the step, the table, the row and the column by their labels", async () => {
    const token = await people.token(IT);
    const url = `/api/tasks/${(await taskAt(ctx(), token, id, 'itClearance')).id}/actions`;
    const en = await refusal(ctx(), token, 'en', url, { action: 'complete' });
    expect(en.status).toBe(409);
    expect(en.error.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    expect(en.error.message).toContain('Step "IT: disable accounts, collect devices" cannot be completed yet');
    expect(en.error.message).toContain('still open: Accounts to disable row 1 (Git): Disabled');
    const item = en.error.issues.find((i: Json) => i.code === 'BATON_E_FLOW_GATE_ITEM_OPEN');
    expect(item).toMatchObject({ path: '/data/accounts/0/disabled' });
    expect(item.message).toBe('Not done yet: "Accounts to disable row 1 (Git): Disabled" on the checklist of step "IT: disable accounts, collect devices" must be done before the step can be completed.');
    const zh = await refusal(ctx(), token, 'zh-CN', url, { action: 'complete' });
    expect(zh.error.message).toContain('步骤“IT：停用账号、收回设备”还不能完成');
    expect(zh.error.message).toContain('需停用的账号第 1 行（Git）：已停用');
    // The ids (node itClearance, table accounts, column disabled) are in paths only.
    for (const text of [...texts(en.error), ...texts(zh.error)]) expect(text).not.toMatch(/itClearance|accounts (row|#|第)|[:：] ?disabled/);
    await act(ctx(), token, id, 'itClearance', { action: 'complete', data: { accounts: [{ system: 'Git', account: 'huang.min', disabled: true }] } });
  });

  it('finance is told how to write an amount, never shown its pattern', async () => {
    const token = await people.token(FINANCE);
    const url = `/api/tasks/${(await taskAt(ctx(), token, id, 'financeSettlement')).id}/actions`;
    const data = { ...SETTLEMENT, finalSalary: { amount: 'abc', currency: 'CNY' } };
    const en = await refusal(ctx(), token, 'en', url, { action: 'complete', data });
    expect(en.status).toBe(422);
    const amount = (error: Json) => error.issues.find((i: Json) => i.path === '/data/finalSalary/amount');
    expect(amount(en.error).message).toBe('Salary up to the last day: enter an amount such as 1234.56 (digits only, at most 2 after the decimal point, not negative).');
    const zh = await refusal(ctx(), token, 'zh-CN', url, { action: 'complete', data });
    expect(amount(zh.error).message).toBe('结算工资：请填写金额，例如 1234.56（只填数字，最多 2 位小数，不能为负数）。');
    for (const text of [...texts(en.error), ...texts(zh.error)]) expect(text).not.toMatch(/\^|\[0-9\]|pattern/);
  });

  it("finance's unticked settlement is named by its label and its step's name, in en and zh-CN", async () => {
    const token = await people.token(FINANCE);
    const url = `/api/tasks/${(await taskAt(ctx(), token, id, 'financeSettlement')).id}/actions`;
    const { settlementConfirmed: _ticked, ...unticked } = SETTLEMENT;
    const en = await refusal(ctx(), token, 'en', url, { action: 'complete', data: unticked });
    expect(en.status).toBe(409);
    expect(en.error.path).toBe('/data/settlementConfirmed');
    expect(en.error.message).toContain('Step "Finance: final settlement" cannot be completed yet');
    expect(en.error.issues[1].message).toBe('Not done yet: "Settlement completed" on the checklist of step "Finance: final settlement" must be done before the step can be completed.');
    const zh = await refusal(ctx(), token, 'zh-CN', url, { action: 'complete', data: unticked });
    expect(zh.error.issues[1].message).toBe('尚未完成：步骤“财务：离职结算”的检查清单中的“结算已完成”，完成后才能提交该步骤。');
    for (const text of [...texts(en.error), ...texts(zh.error)]) expect(text).not.toMatch(/settlementConfirmed|financeSettlement/);
    await act(ctx(), token, id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
  });
});
