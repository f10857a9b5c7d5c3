import { addBusinessDays, addBusinessHours, CN_CALENDAR, isWorkday, zonedDateTimeToInstant } from '@baton/engine';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { readPackJson } from '../pack-files.js';
import { call, HR, importOffboardingPack, offboardingBundle, ok, People, shanghaiDate } from './journey-kit.js';

// The past offboardings of the demo seed (seed/demo-history-offboardings.json), replayed through the engine
// on import: every dashboard widget has data, and its numbers follow from the script.
type Row = Record<string, string | number | null>;
type Step = { node?: string; action: string; hours: number };
type SeedRow = { $id: string; $startedAt: { $daysAgo: number; time?: string }; $steps: Step[]; employeeId: string; reasonCategory: string; reason: string };
const seed = readPackJson<SeedRow[]>('seed/demo-history-offboardings.json');
const people = readPackJson<{ users: Array<{ id: string; departmentId: string }> }>('seed/demo-history-directory.json').users;
const departmentOf = new Map(people.map((u) => [u.id, u.departmentId]));
const ended = (r: SeedRow) => (r.$steps.some((s) => s.action === 'reject' || s.action === 'withdraw') ? 'other' : 'completed');
const completed = seed.filter((r) => ended(r) === 'completed');
/** A scripted step breaches the two-business-day SLA when it took 24 business hours or more (the seed keeps ≤ 12 or ≥ 24). */
const breaches = (rows: SeedRow[]) => rows.flatMap((r) => r.$steps).filter((s) => s.node && s.node !== 'request' && s.hours >= 24);
const ALL = { from: shanghaiDate(-800), to: shanghaiDate(0) };

forEachDatabase('offboarding pack: past offboardings replayed from the demo seed fill the process charts', (ctx) => {
  const tokens = new People(ctx);
  let hr = '';
  const run = async (key: string, params: Record<string, string> = ALL) => (await ok(ctx(), hr, 'POST', `/api/reports/${key}/run`, { params })).rows as Row[];
  const db = () => ctx().database.db;
  let demoIds: string[] = [];

  it('refuses a script the flow does not accept, naming each row and step; nothing is imported', async () => {
    const bundle = await offboardingBundle({ demo: true, pastOffboardings: true });
    const [first] = seed;
    const steps = first!.$steps;
    const rows = [
      { ...first, $id: 'bad-1', $steps: steps.map((s) => (s.node === 'itClearance' ? { ...s, action: 'approve' } : s)) },
      { ...first, $id: 'bad-2', $steps: [steps[0], { node: 'ndaSigning', action: 'complete', hours: 2 }, ...steps.slice(1)] },
      { ...first, $id: 'bad-3', $steps: steps.slice(0, 2) },
    ];
    const broken = { ...bundle, seed: { ...bundle.seed, records: { ...bundle.seed!.records, 'offboarding-request': rows } } };
    const reply = await call(ctx(), undefined, 'POST', '/api/packs/import?demo=true', broken);
    expect(reply.status).toBe(422);
    const issues = reply.body.error.issues as Array<{ code: string; path: string }>;
    const it = steps.findIndex((s) => s.node === 'itClearance');
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['BATON_E_PACK_SEED_REPLAY_REFUSED', `/seed/records/offboarding-request/0/$steps/${it}`],
      ['BATON_E_PACK_SEED_REPLAY_NO_TASK', '/seed/records/offboarding-request/1/$steps/1'],
      ['BATON_E_PACK_SEED_REPLAY_UNFINISHED', '/seed/records/offboarding-request/2/$steps'],
    ]);
    expect(await db().selectFrom('packs').select('key').execute()).toEqual([]);
  });

  it('imports the pack with demo data: every scripted offboarding is an instance marked demo, ended as scripted', async () => {
    const body = await importOffboardingPack(ctx(), { pastOffboardings: true });
    expect(body.seed.instances).toEqual({ replayed: { offboarding: seed.length }, existing: 0 });
    hr = await tokens.token(HR);
    const rows = await db().selectFrom('instances').select(['id', 'status', 'demo', 'subject_id', 'created_at']).where('demo', '=', true).execute();
    demoIds = rows.map((r) => r.id);
    expect(rows).toHaveLength(seed.length);
    expect(rows.filter((r) => r.status === 'completed')).toHaveLength(completed.length);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['completed', 'rejected', 'withdrawn']));
    // Started on the scripted day (moved to the next working day when it is not one), at the scripted time.
    const first = seed[0]!;
    let day = shanghaiDate(0) && new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - first.$startedAt.$daysAgo * 86_400_000).toISOString().slice(0, 10);
    if (!isWorkday(day, CN_CALENDAR)) day = addBusinessDays(day, 1, CN_CALENDAR);
    const started = rows.find((r) => r.subject_id === first.employeeId)!.created_at;
    expect(new Date(started).toISOString()).toBe(zonedDateTimeToInstant(day, first.$startedAt.time ?? '10:00', 'Asia/Shanghai'));
  });

  it('the replay delivers nothing: no outbox rows, timers or documents, and one audit entry for the import', async () => {
    expect(await db().selectFrom('outbox').select('id').where('instance_id', 'in', demoIds).execute()).toEqual([]);
    expect(await db().selectFrom('timers').select('id').where('instance_id', 'in', demoIds).execute()).toEqual([]);
    expect(await db().selectFrom('tasks').select('id').where('instance_id', 'in', demoIds).where('status', '=', 'open').execute()).toEqual([]);
    const audit = await db().selectFrom('audit_log').select(['action', 'data']).where('action', '=', 'pack.demo-instances-replayed').execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.data as { instances: string[] }).instances).toHaveLength(seed.length);
  });

  it('exit reasons by category and their trend match the scripted categories', async () => {
    const expected: Record<string, number> = {};
    for (const r of completed) expected[r.reasonCategory] = (expected[r.reasonCategory] ?? 0) + 1;
    const rows = await run('exit-reasons');
    expect(Object.fromEntries(rows.map((r) => [r.reason, r.leavers]))).toEqual(expected);
    const trend = await run('exit-reasons-trend');
    expect(trend.reduce((n, r) => n + Number(r.leavers), 0)).toBe(completed.length);
    expect(new Set(trend.map((r) => r.month)).size).toBeGreaterThanOrEqual(10);
  });

  it('the reason words come from the scripted reasons, Chinese and English', async () => {
    const words = await run('exit-reason-words');
    expect(words.length).toBeGreaterThanOrEqual(20);
    const text = completed.map((r) => r.reason.toLowerCase()).join(' ');
    for (const w of words.slice(0, 10)) expect(text).toContain(String(w.word));
    expect(words.some((w) => /^[a-z]+$/.test(String(w.word)))).toBe(true);
  });

  it('cycle time per offboarding and its median lie within the scripted durations', async () => {
    // Business days between start and end: the scripted business hours of the path (9 a day), give or take a day.
    const days = completed.map((r) => {
      const by = (node: string) => r.$steps.filter((s) => s.node === node).reduce((n, s) => n + s.hours, 0);
      const parallel = Math.max(by('itClearance'), by('financeSettlement'), by('adminAffairs'));
      return (by('request') + by('managerApproval') + by('hrInterview') + parallel + by('hrConfirmation')) / 9;
    });
    const perInstance = await run('cycle-time-per-instance');
    expect(perInstance).toHaveLength(completed.length);
    for (const r of perInstance) {
      expect(Number(r.days)).toBeGreaterThanOrEqual(Math.min(...days) - 1);
      expect(Number(r.days)).toBeLessThanOrEqual(Math.max(...days) + 1);
    }
    const months = await run('cycle-time');
    expect(months.reduce((n, r) => n + Number(r.instances), 0)).toBe(completed.length);
    const sorted = [...days].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    for (const m of months) expect(Number(m.p50Days)).toBeGreaterThan(0);
    const overall = perInstance.map((r) => Number(r.days)).sort((a, b) => a - b)[Math.floor(perInstance.length / 2)]!;
    expect(Math.abs(overall - median)).toBeLessThanOrEqual(1);
  });

  it('per-step time counts every scripted visit, and the slowest step is the one the script made slowest', async () => {
    const steps = await run('step-cycle-time');
    // A withdrawal ends the visit it happens at (the manager's approval, in the seed) without a decision there.
    const withdrawn = seed.filter((r) => r.$steps.some((s) => s.action === 'withdraw') && !r.$steps.some((s) => s.node === 'managerApproval')).length;
    const visits = (node: string) => seed.flatMap((r) => r.$steps).filter((s) => s.node === node).length + (node === 'managerApproval' ? withdrawn : 0);
    for (const node of ['managerApproval', 'hrInterview', 'itClearance', 'financeSettlement', 'adminAffairs', 'hrConfirmation']) {
      expect(steps.find((r) => r.step === node)?.visits, node).toBe(visits(node));
    }
    const mean = (node: string) => {
      const hours = seed.flatMap((r) => r.$steps).filter((s) => s.node === node).map((s) => s.hours);
      return hours.reduce((a, b) => a + b, 0) / hours.length;
    };
    const slowestScripted = ['managerApproval', 'hrInterview', 'itClearance', 'financeSettlement', 'adminAffairs', 'hrConfirmation'].sort((a, b) => mean(b) - mean(a))[0];
    expect((await run('slowest-step')).map((r) => r.step)).toEqual([slowestScripted]);
    // No people step of an ended offboarding is left open (its history is written in one statement per instance).
    const open = await db().withTables<{ report_step_visits: { instance_id: string; node_type: string; left_at: Date | null } }>()
      .selectFrom('report_step_visits').select('instance_id').where('instance_id', 'in', demoIds).where('node_type', 'in', ['approval', 'task']).where('left_at', 'is', null).execute();
    expect(open).toEqual([]);
  });

  it('SLA breaches per step equal the scripted late steps', async () => {
    const rows = await run('sla-breaches');
    const expected: Record<string, number> = {};
    for (const s of breaches(seed)) expected[s.node!] = (expected[s.node!] ?? 0) + 1;
    expect(Object.fromEntries(rows.filter((r) => Number(r.breaches) > 0).map((r) => [r.step, r.breaches]))).toEqual(expected);
  });

  it('the department filter applies to the task-based widgets too (a department includes its sub-departments)', async () => {
    const sales = seed.filter((r) => departmentOf.get(r.employeeId) === 'demo-sales');
    const inSales = { ...ALL, department: 'demo-sales' };
    const steps = await run('step-cycle-time', inSales);
    expect(steps.find((r) => r.step === 'hrInterview')?.visits).toBe(sales.flatMap((r) => r.$steps).filter((s) => s.node === 'hrInterview').length);
    const sla = await run('sla-breaches', inSales);
    expect(sla.reduce((n, r) => n + Number(r.breaches), 0)).toBe(breaches(sales).length);
    expect((await run('slowest-step', inSales))).toHaveLength(1);
    const company = await run('sla-breaches', { ...ALL, department: 'demo-company' });
    expect(company.reduce((n, r) => n + Number(r.breaches), 0)).toBe(breaches(seed).length);
  });

  it('importing again (a later pack version) replays nothing twice', async () => {
    const bundle = await offboardingBundle({ demo: true, pastOffboardings: true });
    const next = { ...bundle, manifest: { ...bundle.manifest, version: Number(bundle.manifest.version) + 1 } };
    const body = await ok(ctx(), undefined, 'POST', '/api/packs/import?demo=true', next, 201);
    expect(body.seed.instances).toEqual({ replayed: {}, existing: seed.length });
    expect(await db().selectFrom('instances').select('id').where('demo', '=', true).execute()).toHaveLength(seed.length);
    expect((await call(ctx(), undefined, 'POST', '/api/packs/import?demo=true', next)).status).toBe(200);
  });
});

it('the seed scripts stay clear of the SLA boundary, so breaches do not depend on the import day', () => {
  const hours = seed.flatMap((r) => r.$steps).filter((s) => s.node && s.node !== 'request').map((s) => s.hours);
  expect(hours.every((h) => h <= 12 || h >= 24)).toBe(true);
  // 12 business hours from any working instant end before the due time two business days later; 24 after it.
  const start = zonedDateTimeToInstant('2026-03-06', '17:30', 'Asia/Shanghai');
  const due = zonedDateTimeToInstant(addBusinessDays('2026-03-06', 2, CN_CALENDAR), '17:30', 'Asia/Shanghai');
  expect(Date.parse(addBusinessHours(start, 12, CN_CALENDAR, 'Asia/Shanghai'))).toBeLessThan(Date.parse(due));
  expect(Date.parse(addBusinessHours(start, 24, CN_CALENDAR, 'Asia/Shanghai'))).toBeGreaterThan(Date.parse(due));
  expect(seed.length).toBeGreaterThanOrEqual(45);
});
