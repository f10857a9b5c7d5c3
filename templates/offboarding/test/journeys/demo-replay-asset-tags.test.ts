import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { demoInstanceId } from '../../../../runtime-api/src/packs/replay-demo-instances.js';
import { readPackJson } from '../pack-files.js';
import { call, offboardingBundle } from './journey-kit.js';

type Json = Record<string, any>;

// A past offboarding of the demo seed that lists a device, replayed on import: its IT and admin-affairs
// to-dos name the device by its asset tag (read from the seed's asset record, written earlier in the same
// import), exactly as a live request's steps do — not blank, not "no devices".
const [first, second] = readPackJson<Json[]>('seed/demo-history-offboardings.json');
const withDevice: Json = {
  ...first,
  $id: 'demo-offboarding-with-device',
  assets: [{ assetId: 'demo-asset-lt-0101' }],
  $steps: (first!.$steps as Json[]).map((s) => (s.node === 'adminAffairs'
    ? { ...s, data: { ...s.data, assets: [{ assetId: 'demo-asset-lt-0101', returned: true, returnedOn: { $daysAgo: 216 } }] } }
    : s)),
};

forEachDatabase('offboarding pack: replayed demo offboardings name their devices by asset tag', (ctx) => {
  const descriptions = async (seedId: string) => {
    const rows = await ctx().database.db.selectFrom('tasks').select(['node_id', 'description'])
      .where('instance_id', '=', demoInstanceId('offboarding', 'offboarding', seedId)).where('node_id', 'in', ['itClearance', 'adminAffairs']).orderBy('node_id').execute();
    return Object.fromEntries(rows.map((r) => [r.node_id, r.description as Record<string, string>]));
  };

  it('imports a seed with one past offboarding that lists a laptop and one that lists none', async () => {
    const bundle = await offboardingBundle({ demo: true, pastOffboardings: true });
    const records = { ...bundle.seed!.records, 'offboarding-request': [withDevice, second] };
    const reply = await call(ctx(), undefined, 'POST', '/api/packs/import?demo=true', { ...bundle, seed: { ...bundle.seed, records } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.seed.instances).toEqual({ replayed: { offboarding: 2 }, existing: 0 });
  });

  it("the device's tag is in both steps' instructions, in en and zh-CN", async () => {
    const steps = await descriptions('demo-offboarding-with-device');
    expect(steps.itClearance?.en).toContain('Devices (asset tags): LT-0101.');
    expect(steps.itClearance?.['zh-CN']).toContain('设备（资产编号）：LT-0101。');
    expect(steps.adminAffairs?.en).toContain('Devices listed in the request (asset tags): LT-0101.');
    expect(steps.adminAffairs?.['zh-CN']).toContain('申请中列出的设备（资产编号）：LT-0101。');
    expect(JSON.stringify(steps)).not.toContain('demo-asset-lt-0101');
  });

  it('a past offboarding without devices says so, as a live one does', async () => {
    const steps = await descriptions(second!.$id);
    expect(steps.itClearance?.en).toContain('No company devices are listed on the request.');
    expect(steps.adminAffairs?.['zh-CN']).toContain('申请中未列出设备');
  });
});
