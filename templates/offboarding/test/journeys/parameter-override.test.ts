import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import {
  act, call, FINANCE, HR, INTERVIEW, importOffboardingPack, offboardingBundle, ok, People, reminderAt, reminderTimers, request, settlementNotices, shanghaiDate,
} from './journey-kit.js';

const URL = '/api/packs/offboarding/parameters';
const LWD = '2030-10-11';

forEachDatabase('offboarding pack: an operator sets settlementReminderDays for this installation', (ctx) => {
  const people = new People(ctx);
  let running = '';
  let fired = '';

  const start = async (employeeId: string, lastWorkingDay: string) => {
    const body = await ok(ctx(), await people.token(employeeId), 'POST', '/api/flows/offboarding/instances', { data: request(employeeId, { lastWorkingDay, terminationDate: lastWorkingDay }) }, 201);
    return body.id as string;
  };
  const dueAt = async (instanceId: string) => {
    const rows = (await reminderTimers(ctx(), instanceId)).filter((r) => r.status === 'scheduled');
    expect(rows).toHaveLength(1);
    return rows[0]!.due_at.toISOString();
  };

  it('shows the parameter with its default; a running offboarding plans its reminder with it', async () => {
    await importOffboardingPack(ctx());
    const view = await ok(ctx(), undefined, 'GET', URL);
    expect(view.parameters[0]).toEqual(expect.objectContaining({ key: 'settlementReminderDays', type: 'integer', default: 3, value: 3, overridden: false, minimum: 0, maximum: 30 }));
    // The employer's name for the leaving certificate has no default: an admin sets it (issued-documents.test.ts).
    expect(view.parameters.map((p: { key: string }) => p.key)).toEqual(['settlementReminderDays', 'organizationName', 'organizationNameEn']);
    running = await start('demo-eng-3', LWD);
    expect(await dueAt(running)).toBe(reminderAt(LWD, 3));
  });

  it('a reminder that already went out stays sent (the one due yesterday fires now)', async () => {
    fired = await start('demo-eng-4', shanghaiDate(1));
    await ctx().app.baton.workers.drain();
    expect(await settlementNotices(ctx(), await people.token(FINANCE), '胡斌')).toHaveLength(1);
    // The offboarding goes on; its data changes re-plan the rule timers, and the sent reminder stays sent.
    await act(ctx(), await people.token('demo-eng-director'), fired, 'managerApproval', { action: 'approve' });
    await act(ctx(), await people.token(HR), fired, 'hrInterview', { action: 'approve', data: INTERVIEW });
    await ctx().app.baton.workers.drain();
    expect(await settlementNotices(ctx(), await people.token(FINANCE), '胡斌')).toHaveLength(1);
    expect((await reminderTimers(ctx(), fired)).map((r) => r.status)).toEqual(['fired']);
    // …and fired only once (a data change does not schedule a fired timer again).
    const firings = await ctx().database.db.selectFrom('audit_log').select(['data']).where('action', '=', 'rule.timer-fired').where('subject_id', '=', fired).execute();
    expect(firings.filter((f) => JSON.stringify(f.data).includes('settlement-reminder'))).toHaveLength(1);
  });

  it('refuses values the pack does not declare or allow, and callers who are not administrators', async () => {
    const tooMany = await call(ctx(), undefined, 'PUT', URL, { values: { settlementReminderDays: 31 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('BATON_E_PACK_PARAMETER_VALUE');
    expect(tooMany.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['/body/values/settlementReminderDays']);
    expect((await call(ctx(), undefined, 'PUT', URL, { values: { settlementReminderDays: 2.5 } })).status).toBe(422);
    expect((await call(ctx(), undefined, 'PUT', URL, { values: { settlementReminderDays: '5' } })).status).toBe(422);
    const unknown = await call(ctx(), undefined, 'PUT', URL, { values: { reminderDays: 5 } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'BATON_E_PACK_PARAMETER_UNKNOWN', path: '/body/values/reminderDays' });
    expect(unknown.body.error.message).toContain('settlementReminderDays');
    expect((await call(ctx(), await people.token(HR), 'PUT', URL, { values: { settlementReminderDays: 5 } })).status).toBe(403);
    expect((await call(ctx(), undefined, 'PUT', '/api/packs/no-such-pack/parameters', { values: { settlementReminderDays: 5 } })).status).toBe(404);
    // Nothing changed.
    expect((await ok(ctx(), undefined, 'GET', URL)).parameters[0]).toMatchObject({ value: 3, overridden: false });
    expect(await dueAt(running)).toBe(reminderAt(LWD, 3));
  });

  it('sets 5: the running offboarding\'s reminder moves to five business days ahead at once, and is audited', async () => {
    const set = await ok(ctx(), undefined, 'PUT', URL, { values: { settlementReminderDays: 5 } });
    expect(set.parameters[0]).toMatchObject({ key: 'settlementReminderDays', default: 3, value: 5, overridden: true });
    expect(set.replannedTimers).toBeGreaterThanOrEqual(1);
    expect(await dueAt(running)).toBe(reminderAt(LWD, 5));
    // The reminder that already went out is not planned again.
    expect((await reminderTimers(ctx(), fired)).map((r) => r.status)).toEqual(['fired']);
    await ctx().app.baton.workers.drain();
    expect(await settlementNotices(ctx(), await people.token(FINANCE), '胡斌')).toHaveLength(1);
    const audit = await ctx().database.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'pack.parameters-set').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ before: { settlementReminderDays: 3 }, after: { settlementReminderDays: 5 } });
  });

  it('keeps the installation\'s value when the pack is imported again (a new version, default still 3)', async () => {
    const bundle = await offboardingBundle({ demo: false });
    await ok(ctx(), undefined, 'POST', '/api/packs/import', { ...bundle, manifest: { ...bundle.manifest, version: Number(bundle.manifest.version) + 1 } }, 201);
    expect((await ok(ctx(), undefined, 'GET', URL)).parameters[0]).toMatchObject({ default: 3, value: 5, overridden: true });
    const next = await start('demo-sales-3', LWD);
    expect(await dueAt(next)).toBe(reminderAt(LWD, 5));
    expect(await dueAt(running)).toBe(reminderAt(LWD, 5));
  });

  it('null goes back to the pack\'s default and re-plans again', async () => {
    const reset = await ok(ctx(), undefined, 'PUT', URL, { values: { settlementReminderDays: null } });
    expect(reset.parameters[0]).toMatchObject({ value: 3, overridden: false });
    expect(await dueAt(running)).toBe(reminderAt(LWD, 3));
  });

  it('leaves an audit chain that verifies', async () => {
    expect((await ok(ctx(), undefined, 'GET', '/api/audit/verify')).ok).toBe(true);
  });
});
