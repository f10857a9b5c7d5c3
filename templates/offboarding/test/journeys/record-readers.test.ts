import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { ADMIN_AFFAIRS, HR, IT, call, importOffboardingPack, ok, People } from './journey-kit.js';

type Row = { id: string; data: Record<string, unknown> };

// The customer master and the asset register are not for every employee: HR, admin affairs and IT read them
// whole; anyone else sees only the records that name them (the customers they own, the devices they hold).
forEachDatabase('offboarding pack: who may read customers and assets', (ctx) => {
  const people = new People(ctx);

  it('imports the pack', async () => {
    await importOffboardingPack(ctx());
  });

  it('HR, admin affairs and IT read the whole register', async () => {
    expect((await ok(ctx(), await people.token(HR), 'GET', '/api/records/customer?limit=100')).items).toHaveLength(8);
    for (const role of [ADMIN_AFFAIRS, IT]) {
      expect((await ok(ctx(), await people.token(role), 'GET', '/api/records/asset?limit=100')).items).toHaveLength(12);
    }
  });

  it('an engineer sees only the devices they hold and no customers', async () => {
    const eng = await people.token('demo-eng-1');
    const assets = (await ok(ctx(), eng, 'GET', '/api/records/asset?limit=100')).items as Row[];
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.every((a) => a.data.holderId === 'demo-eng-1')).toBe(true);
    expect((await ok(ctx(), eng, 'GET', '/api/records/customer?limit=100')).items).toEqual([]);
  });

  it('the leaver still picks their own assets and customers; naming a colleague lists nothing of theirs', async () => {
    const sales = await people.token('demo-sales-1');
    const own = await ok(ctx(), sales, 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'customers.customerId', data: { employeeId: 'demo-sales-1' } });
    expect(own.items.length).toBeGreaterThan(0);
    expect((own.items as Row[]).every((c) => c.data.ownerId === 'demo-sales-1')).toBe(true);
    const ownAssets = await ok(ctx(), sales, 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'assets.assetId', data: { employeeId: 'demo-sales-1' } });
    expect(ownAssets.items.length).toBeGreaterThan(0);
    const snooping = await call(ctx(), await people.token('demo-eng-3'), 'POST', '/api/relation-options', { form: 'offboarding-request', field: 'customers.customerId', data: { employeeId: 'demo-sales-1' } });
    expect(snooping.status).toBe(200);
    expect(snooping.body.items).toEqual([]);
  });
});
