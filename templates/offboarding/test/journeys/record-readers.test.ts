import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { ADMIN_AFFAIRS, HR, INTERVIEW, IT, act, call, importOffboardingPack, ok, People, request } from './journey-kit.js';

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

  // A successor or an approver reads the names of the customers a request hands over, and nothing more of
  // them; someone who may not see the request learns nothing by naming it.
  it("whoever sees an offboarding sees its customers' names, not the records; a stranger gets nothing", async () => {
    const customers = [
      { customerId: 'demo-customer-01', successorId: 'demo-sales-2' },
      { customerId: 'demo-customer-02', successorId: 'demo-sales-3' },
    ];
    const hr = await people.token(HR);
    const started = await ok(ctx(), hr, 'POST', '/api/flows/offboarding/instances', { data: request('demo-sales-1', { customers }), initiator: 'demo-sales-1' }, 201);
    const names = Object.fromEntries(((await ok(ctx(), hr, 'GET', '/api/records/customer?limit=100')).items as Row[]).map((c) => [c.id, c.data.name]));
    const ask = { form: 'offboarding-request', field: 'customers.customerId', data: { employeeId: 'demo-sales-1' }, instanceId: started.id };
    const shown = async (userId: string) => ((await ok(ctx(), await people.token(userId), 'POST', '/api/relation-options', ask)).items as Row[]);

    const approver = await shown('demo-sales-director');
    expect(approver.map((c) => c.id).sort()).toEqual(['demo-customer-01', 'demo-customer-02']);
    await act(ctx(), await people.token('demo-sales-director'), started.id, 'managerApproval', { action: 'approve' });
    await act(ctx(), hr, started.id, 'hrInterview', { action: 'approve', data: INTERVIEW });

    const successor = await shown('demo-sales-2');
    expect(successor.map((c) => c.id).sort()).toEqual(['demo-customer-01', 'demo-customer-02']);
    for (const c of successor) expect(c.data).toEqual({ name: names[c.id] });
    // Names only: no version, authors or dates of a record the successor may not read.
    for (const c of successor) expect(c).toEqual({ id: c.id, data: { name: names[c.id] } });
    for (const c of successor) expect(c).not.toHaveProperty('createdBy');
    // A full reader (HR) still gets whole records.
    const whole = (await ok(ctx(), hr, 'POST', '/api/relation-options', ask)).items as Array<Row & { createdBy?: string }>;
    expect(whole.length).toBeGreaterThan(0);
    expect(whole.every((c) => typeof c.createdBy === 'string' && typeof c.data.ownerId === 'string')).toBe(true);
    expect(typeof names['demo-customer-01']).toBe('string');
    // Without the instance the successor (who owns none of them) is offered nothing of the leaver's.
    const { instanceId: _ignored, ...plain } = ask;
    expect((await ok(ctx(), await people.token('demo-sales-2'), 'POST', '/api/relation-options', plain)).items).toEqual([]);

    const stranger = await call(ctx(), await people.token('demo-eng-3'), 'POST', '/api/relation-options', ask);
    expect(stranger.status).toBe(200);
    expect(stranger.body.items).toEqual([]);
    // The instance is no way around a field the form does not have.
    const otherForm = await call(ctx(), await people.token('demo-sales-2'), 'POST', '/api/relation-options', { ...ask, form: 'asset-return' });
    expect(otherForm.status).toBe(422);
  });
});
