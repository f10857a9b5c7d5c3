import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { FINANCE, importOffboardingPack, ok, People, reminderTimers, request, settlementNotices, shanghaiDate } from './journey-kit.js';

// 吴涛 (demo-eng-3) holds laptop LT-0107 and leaves tomorrow: the finance reminder was due days ago, so the
// timer worker fires it at once. Its text names the devices by their asset tags (read from the asset records
// when the timer fires), so finance can check them before any deduction.
const LEAVER = 'demo-eng-3';

forEachDatabase('offboarding journey: the settlement reminder lists the devices on the request by asset tag', (ctx) => {
  const people = new People(ctx);

  it('fires through the worker with the asset tags in both languages', async () => {
    await importOffboardingPack(ctx());
    const lastWorkingDay = shanghaiDate(1);
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', {
      data: request(LEAVER, { lastWorkingDay, terminationDate: lastWorkingDay, assets: [{ assetId: 'demo-asset-lt-0107' }] }),
    }, 201);
    await ctx().app.baton.workers.drain();
    expect((await reminderTimers(ctx(), started.id)).map((t) => t.status)).toEqual(['fired']);

    const notices = await settlementNotices(ctx(), await people.token(FINANCE), '吴涛');
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0])).toContain('LT-0107');
    expect(JSON.stringify(notices[0])).not.toContain('demo-asset-lt-0107');
    const [effect] = (await ctx().database.db.selectFrom('outbox').select('effect').where('instance_id', '=', started.id).execute())
      .map((r) => r.effect as { type: string; rule?: string; body?: Record<string, string> })
      .filter((e) => e.type === 'notify' && JSON.stringify(e).includes('settlement'));
    expect(effect?.body).toEqual({
      en: `Last working day: ${lastWorkingDay} (研发部). Company devices on the request, to check before any deduction (asset tags): LT-0107.`,
      'zh-CN': `最后工作日：${lastWorkingDay}（研发部）。申请中列出的公司设备，扣款前请核对（资产编号）：LT-0107。`,
    });
  });
});
