import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { manifest, readPackJson } from '../pack-files.js';
import { act, ADMIN_AFFAIRS, FINANCE, HR, instance, INTERVIEW, IT, offboardingBundle, ok, People, request, SETTLEMENT } from './journey-kit.js';

type Json = Record<string, any>;

// Version 6 put returned assets back in stock but left the leaver as their holder (a set-data could not clear
// a field), so the leaver still read them through the asset form's readerFields. Version 7 clears holderId.
// Here an installation on version 6 upgrades through the template centre while an offboarding is running;
// when that offboarding completes, the upgraded rule runs and the leaver loses sight of the returned device.
const LEAVER = 'demo-eng-2';
const ASSET = 'demo-asset-lt-0105';

/** The shipped pack as version 6 shipped it: the same definitions, but return-assets without `holderId: null`. */
async function versionSix() {
  const bundle = await offboardingBundle({ demo: true });
  const current = readPackJson('rules/return-assets.json') as Json;
  const action = current.actions[0];
  const { holderId: _cleared, ...values } = action.params.values as Json;
  const old = { ...current, actions: [{ ...action, params: { ...action.params, values } }] };
  const definitions = (bundle.definitions as Json[]).map((d) => (d.kind === 'rule' && d.key === 'return-assets' ? old : d));
  return { ...bundle, definitions, manifest: { ...bundle.manifest, version: 6 } as typeof bundle.manifest };
}

forEachDatabase('offboarding pack: upgrade 6 → 7 in the template centre clears the holder of returned assets', (ctx) => {
  const people = new People(ctx);
  let id = '';
  const assetsOf = async (userId: string) =>
    ((await ok(ctx(), await people.token(userId), 'GET', '/api/records/asset?limit=100')).items as Json[]);

  it('runs version 6 with an offboarding under way; the leaver holds and reads the device', async () => {
    expect(manifest.version).toBe(7);
    const imported = await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', await versionSix(), 201);
    expect(imported.pack).toMatchObject({ key: 'offboarding', version: 6 });
    const started = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/flows/offboarding/instances', { data: request(LEAVER, { accounts: [], assets: [{ assetId: ASSET }] }) }, 201);
    id = started.id;
    await act(ctx(), await people.token('demo-eng-director'), id, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), id, 'hrInterview', { action: 'approve', data: INTERVIEW });
    await act(ctx(), await people.token(IT), id, 'itClearance', { action: 'complete', data: { dataBackedUp: true, devicesCollected: true } });
    await act(ctx(), await people.token(FINANCE), id, 'financeSettlement', { action: 'complete', data: SETTLEMENT });
    await act(ctx(), await people.token(ADMIN_AFFAIRS), id, 'adminAffairs', {
      action: 'complete', data: { assets: [{ assetId: ASSET, returned: true, returnedOn: '2030-06-27' }], badgeReturned: true },
    });
    expect((await instance(ctx(), await people.token(HR), id)).activeNodes).toEqual(['hrConfirmation']);
    expect((await assetsOf(LEAVER)).map((a) => a.id)).toContain(ASSET);
  });

  it('HR sees version 7 offered and installs it: only return-assets gets a new version', async () => {
    const hr = await people.token(HR);
    const listed = (await ok(ctx(), hr, 'GET', '/api/templates')).items as Json[];
    expect(listed.find((t) => t.key === 'offboarding')).toMatchObject({ version: 7, installedVersion: 6, status: 'upgrade-available', upgradeAvailable: true });
    const upgraded = await ok(ctx(), hr, 'POST', '/api/templates/offboarding/install', {}, 201);
    expect(upgraded.outcome).toBe('upgraded');
    expect(upgraded.template).toMatchObject({ installedVersion: 7, status: 'installed' });
    expect(upgraded.import.imported).toEqual([{ kind: 'rule', key: 'return-assets', version: 2 }]);
    expect(upgraded.import.retired).toEqual([]);
    const rule = await ok(ctx(), hr, 'GET', '/api/definitions/rule/return-assets');
    expect(rule).toMatchObject({ version: 2, status: 'published' });
    expect(rule.body.actions[0].params.values).toHaveProperty('holderId', null);
  });

  it('the offboarding started on 6 completes on 7: the device is in stock with no holder, the leaver no longer reads it', async () => {
    const hr = await people.token(HR);
    await act(ctx(), hr, id, 'hrConfirmation', { action: 'approve', data: { certificateIssued: true, socialInsuranceStopped: true } });
    expect((await instance(ctx(), hr, id)).status).toBe('completed');
    expect((await ctx().app.baton.workers.drain()).deliveries.dead).toBe(0);
    const device = (await assetsOf(ADMIN_AFFAIRS)).find((a) => a.id === ASSET);
    expect(device?.data).toMatchObject({ status: 'in-stock', previousHolderId: LEAVER, returnedOn: '2030-06-27' });
    expect(device?.data).not.toHaveProperty('holderId');
    expect((await assetsOf(LEAVER)).map((a) => a.id)).not.toContain(ASSET);
    // Nor is it among what the leaver's own request may pick (relation options filter on the reader too).
    const options = await ok(ctx(), await people.token(LEAVER), 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'assets.assetId', data: { employeeId: LEAVER } });
    expect((options.items as Json[]).map((a) => a.id)).not.toContain(ASSET);
  });
});
