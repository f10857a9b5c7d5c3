import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { act, ADMIN_AFFAIRS, HR, importOffboardingPack, INTERVIEW, ok, People, request, taskAt } from './journey-kit.js';

// A refused checklist names an asset row by the asset's tag (what the picker and the step's text show), not
// by the record id its relation cell holds: "Assets to return row 2 (MN-0106)", never "(demo-asset-mn-0106)".
const LEAVER = 'demo-eng-2';
const MANAGER = 'demo-eng-director';
type Json = Record<string, any>;

forEachDatabase('offboarding journey: a refused asset checklist names rows by asset tag', (ctx) => {
  const people = new People(ctx);
  let id = '';

  it('the leaver lists two of their devices; manager and HR approve', async () => {
    await importOffboardingPack(ctx());
    const assets = [{ assetId: 'demo-asset-lt-0105' }, { assetId: 'demo-asset-mn-0106' }];
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER, { assets }) }, 201);
    id = started.id;
    await act(ctx(), await people.token(MANAGER), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
  });

  it('admin affairs is refused while a device is not returned: the message names its tag, in en and zh-CN', async () => {
    const token = await people.token(ADMIN_AFFAIRS);
    const url = `/api/tasks/${(await taskAt(ctx(), token, id, 'adminAffairs')).id}/actions`;
    const oneBack = { assets: [{ assetId: 'demo-asset-lt-0105', returned: true, returnedOn: '2030-06-27' }, { assetId: 'demo-asset-mn-0106' }] };
    const refused = async (locale: 'en' | 'zh-CN'): Promise<Json> => {
      const reply = await ctx().call({ method: 'POST', url, payload: { action: 'complete', data: oneBack }, token, headers: { 'accept-language': locale } });
      expect(reply.statusCode, reply.body).toBe(409);
      return (reply.json() as Json).error;
    };
    const en = await refused('en');
    expect(en.code).toBe('BATON_E_FLOW_GATE_NOT_MET');
    expect(en.message).toMatch(/still open: [^;]+ row 2 \(MN-0106\): /);
    expect(en.issues.find((i: Json) => i.code === 'BATON_E_FLOW_GATE_ITEM_OPEN')).toMatchObject({ path: '/data/assets/1/returned', message: expect.stringMatching(/row 2 \(MN-0106\)/) });
    const zh = await refused('zh-CN');
    expect(zh.message).toMatch(/未完成：[^；]+第 2 行（MN-0106）：/);
    expect(zh.issues.find((i: Json) => i.code === 'BATON_E_FLOW_GATE_ITEM_OPEN').message).toMatch(/第 2 行（MN-0106）/);
    for (const error of [en, zh]) for (const text of [error.message, ...error.issues.map((i: Json) => i.message)]) expect(text).not.toContain('demo-asset');
  });

  it('answers in the caller\'s language, and both rows by tag when neither is returned', async () => {
    const token = await people.token(ADMIN_AFFAIRS);
    const url = `/api/tasks/${(await taskAt(ctx(), token, id, 'adminAffairs')).id}/actions`;
    const reply = await ctx().call({ method: 'POST', url, payload: { action: 'complete' }, token, headers: { 'accept-language': 'zh-CN' } });
    expect(reply.statusCode).toBe(409);
    const error = (reply.json() as Json).error;
    expect(error.message).toMatch(/第 1 行（LT-0105）：[^；]+；[^；]+第 2 行（MN-0106）：/);
    expect(error.message).not.toContain('demo-asset');
    await act(ctx(), token, id, 'adminAffairs', {
      action: 'complete',
      data: { assets: [{ assetId: 'demo-asset-lt-0105', returned: true, returnedOn: '2030-06-27' }, { assetId: 'demo-asset-mn-0106', returned: true, returnedOn: '2030-06-27' }], badgeReturned: true },
    });
  });
});
