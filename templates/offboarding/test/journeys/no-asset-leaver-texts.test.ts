import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, ADMIN_AFFAIRS, FINANCE, HR, importOffboardingPack, INTERVIEW, IT, ok, People, reminderTimers, request, settlementNotices, shanghaiDate, taskAt } from './journey-kit.js';

// 吴涛 (demo-eng-3) leaves tomorrow with no devices and no accounts on the request. The pack's texts use
// sections ({#if …}…{else}…{/if}, text-template.ts), so no step or notice reads "(asset tags): ." — each says
// plainly that nothing is listed, in both languages.
const LEAVER = 'demo-eng-3';
const MANAGER = 'demo-eng-director';
/** What an empty list used to leave behind: a label followed by nothing. */
const EMPTY_LIST = /[:：]\s*[.。;；]|\(\s*\)|（\s*）|\{[#/]?[\w$.]+\}/;

forEachDatabase('offboarding journey: a leaver with nothing listed gets texts without empty lists', (ctx) => {
  const people = new People(ctx);
  let id = '';

  it('the settlement reminder says no devices are listed, in en and zh-CN', async () => {
    await importOffboardingPack(ctx());
    const lastWorkingDay = shanghaiDate(1);
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', {
      data: request(LEAVER, { lastWorkingDay, terminationDate: lastWorkingDay, accounts: [], assets: [] }),
    }, 201);
    id = started.id;
    await ctx().app.baton.workers.drain();
    expect((await reminderTimers(ctx(), id)).map((t) => t.status)).toEqual(['fired']);
    const [effect] = (await ctx().database.db.selectFrom('outbox').select('effect').where('instance_id', '=', id).execute())
      .map((r) => r.effect as { type: string; body?: Record<string, string> })
      .filter((e) => e.type === 'notify' && JSON.stringify(e).includes('settlement'));
    expect(effect?.body).toEqual({
      en: `Last working day: ${lastWorkingDay} (研发部). No company devices are listed on the request.`,
      'zh-CN': `最后工作日：${lastWorkingDay}（研发部）。申请中未列出公司设备。`,
    });
    const notices = await settlementNotices(ctx(), await people.token(FINANCE), '吴涛');
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0])).toContain('No company devices are listed on the request.');
  });

  it("IT's and admin affairs' steps say nothing is listed instead of printing empty lists", async () => {
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
    const it = await taskAt(ctx(), await people.token(IT), id, 'itClearance');
    expect(it.description.en).toContain('No accounts are listed on the request: check the directory for any the leaver still holds. No company devices are listed on the request.');
    expect(it.description['zh-CN']).toContain('申请中未列出账号：请在通讯录中核对其仍持有的账号。申请中未列出公司设备。');
    const admin = await taskAt(ctx(), await people.token(ADMIN_AFFAIRS), id, 'adminAffairs');
    expect(admin.description.en).toContain('Collect the fixed assets of 吴涛. No devices are listed in the request: check the asset register');
    expect(admin.description['zh-CN']).toContain('回收 吴涛 的固定资产。申请中未列出设备：请在资产台账中核对');
    for (const text of [it.description.en, it.description['zh-CN'], admin.description.en, admin.description['zh-CN']]) expect(text).not.toMatch(EMPTY_LIST);
  });
});
