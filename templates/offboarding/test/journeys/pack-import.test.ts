import { addBusinessDays, CN_CALENDAR, zonedDateTimeToInstant } from '@baton/engine';
import { loadStarterPack } from '@baton/runtime-api';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { PACK_DIR, seedFile } from '../pack-files.js';
import { act, HR, INTERVIEW, offboardingBundle, ok, People, request } from './journey-kit.js';

/** 09:00 in Shanghai, `days` business days before `date`. */
const reminderAt = (date: string, days: number) => new Date(zonedDateTimeToInstant(addBusinessDays(date, -days, CN_CALENDAR), '09:00', 'Asia/Shanghai')).toISOString();

forEachDatabase('offboarding pack: import without demo data, then the directory; re-imports; parameters', (ctx) => {
  const people = new People(ctx);

  it('imports without demo data: definitions only, then HR imports the directory through the API', async () => {
    const body = await ok(ctx(), undefined, 'POST', '/api/packs/import', await offboardingBundle({ demo: false }), 201);
    expect(body.seed).toEqual({ directory: null, records: { written: false, counts: {} } });
    expect((await ok(ctx(), undefined, 'GET', '/api/records/customer')).items).toEqual([]);
    const directory = seedFile('directory');
    const imported = await ok(ctx(), undefined, 'POST', '/api/directory/import', directory);
    expect(imported.users.inserted).toBe(15);
  });

  it('the same pack again changes nothing; the demo seed then comes with a new pack version, idempotently', async () => {
    const again = await ok(ctx(), undefined, 'POST', '/api/packs/import', await offboardingBundle({ demo: false }), 200);
    expect(again.imported).toEqual([]);
    const bundle = await offboardingBundle({ demo: true });
    const v2 = { ...bundle, manifest: { ...bundle.manifest, version: Number(bundle.manifest.version) + 1 } };
    const first = await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', v2, 201);
    expect(first.imported).toEqual([]); // no definition changed
    expect(first.seed.records.inserted).toEqual({ customer: 8, asset: 12 });
    // People change a seeded record; a later version of the pack with the same seed keeps their change.
    const hr = await people.token(HR);
    const customer = (await ok(ctx(), hr, 'GET', '/api/records/customer?limit=100')).items.find((r: { id: string }) => r.id === 'demo-customer-05');
    await ok(ctx(), hr, 'PATCH', `/api/records/customer/${customer.id}`, { data: { ownerId: 'demo-sales-3' }, version: customer.version });
    const v3 = await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', { ...v2, manifest: { ...v2.manifest, version: v2.manifest.version + 1 } }, 201);
    expect(v3.seed.records.inserted).toEqual({ customer: 0, asset: 0 });
    const records = (await ok(ctx(), hr, 'GET', '/api/records/customer?limit=100')).items;
    expect(records).toHaveLength(8);
    expect(records.find((r: { id: string }) => r.id === 'demo-customer-05').data.ownerId).toBe('demo-sales-3');
  });

  it('admin affairs may write assets (the form lists them as writers); the leaver may not', async () => {
    const admin = await people.token('demo-admin-1');
    const created = await ok(ctx(), admin, 'POST', '/api/records/asset', { data: { tag: 'LT-0999', kind: 'laptop', status: 'in-stock' } }, 201);
    expect(created.data.tag).toBe('LT-0999');
    const leaver = await people.token('demo-eng-2');
    const refused = await ctx().call({ method: 'POST', url: '/api/records/asset', payload: { data: { tag: 'LT-1000', kind: 'laptop', status: 'in-stock' } }, token: leaver });
    expect(refused.statusCode).toBe(403);
  });

  it('plans the settlement reminder settlementReminderDays business days ahead at 09:00 and re-plans it when the date changes', async () => {
    const leaver = await people.token('demo-eng-3');
    const started = await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request('demo-eng-3', { lastWorkingDay: '2030-10-11', terminationDate: '2030-10-11' }) }, 201);
    const reminder = async () => {
      const rows = await ctx().database.db.selectFrom('timers').select(['id', 'due_at', 'status']).where('kind', '=', 'rule').where('status', '=', 'scheduled').execute();
      return rows.filter((r) => r.id.includes('settlement-reminder') && r.id.includes(started.id));
    };
    const planned = await reminder();
    expect(planned).toHaveLength(1);
    expect(planned[0]!.due_at.toISOString()).toBe(reminderAt('2030-10-11', 3));
    await act(ctx(), await people.token('demo-eng-director'), started.id, 'managerApproval', { action: 'approve' });
    // HR moves the last working day in the exit interview: the same timer moves with it.
    await act(ctx(), await people.token(HR), started.id, 'hrInterview', { action: 'approve', data: { ...INTERVIEW, lastWorkingDay: '2030-10-31', terminationDate: '2030-10-31' } });
    const moved = await reminder();
    expect(moved.map((r) => r.id)).toEqual(planned.map((r) => r.id));
    expect(moved[0]!.due_at.toISOString()).toBe(reminderAt('2030-10-31', 3));
  });

  it('reads settlementReminderDays from the pack: a new pack version with 5 plans five business days ahead', async () => {
    const bundle = await offboardingBundle({ demo: false });
    const parameters = (bundle.manifest.parameters as Array<Record<string, unknown>>).map((p) => (p.key === 'settlementReminderDays' ? { ...p, default: 5 } : p));
    await ok(ctx(), undefined, 'POST', '/api/packs/import', { ...bundle, manifest: { ...bundle.manifest, version: Number(bundle.manifest.version) + 3, parameters } }, 201);
    const leaver = await people.token('demo-eng-4');
    const started = await ok(ctx(), leaver, 'POST', '/api/flows/offboarding/instances', { data: request('demo-eng-4', { lastWorkingDay: '2030-10-11', terminationDate: '2030-10-11' }) }, 201);
    const rows = await ctx().database.db.selectFrom('timers').select(['id', 'due_at']).where('kind', '=', 'rule').where('status', '=', 'scheduled').execute();
    const timer = rows.find((r) => r.id.includes('settlement-reminder') && r.id.includes(started.id));
    expect(timer?.due_at.toISOString()).toBe(reminderAt('2030-10-11', 5));
  });
});

forEachDatabase('offboarding pack: `pnpm start` loads it into an empty database, once', (ctx) => {
  it('imports the starter pack with its demo data into an empty database and leaves a used one alone', async () => {
    const first = await loadStarterPack(ctx().database.db, PACK_DIR);
    expect(first.status).toBe('loaded');
    if (first.status !== 'loaded') return;
    expect(first.result.pack.key).toBe('offboarding');
    expect(first.result.seed.records.inserted).toEqual({ customer: 8, asset: 12 });
    expect(first.demoUsers.map((u) => u.id)).toContain('demo-hr-1');
    expect(await loadStarterPack(ctx().database.db, PACK_DIR)).toEqual({ status: 'skipped', reason: 'not-empty' });
    expect(await loadStarterPack(ctx().database.db, null)).toEqual({ status: 'skipped', reason: 'disabled' });
    // The demo people can act at once: HR sees the customers seeded for the walk-through.
    const hr = await ctx().tokenFor('demo-hr-1', []);
    const customers = await ctx().call({ method: 'GET', url: '/api/records/customer', token: hr });
    expect(customers.json().items).toHaveLength(8);
  });
});
