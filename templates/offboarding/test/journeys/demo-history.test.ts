import { expect, it } from 'vitest';
import { forEachDatabase } from '../../../../runtime-api/test/harness/for-each-database.js';
import { readPackJson } from '../pack-files.js';
import { call, HR, importOffboardingPack, offboardingBundle, ok, People } from './journey-kit.js';

// The demo history behind the dashboard (seed/demo-history-directory.json): past leavers and their
// colleagues, dated {"$daysAgo": N} so a fresh start always shows the last 12 months.
type Row = Record<string, string | number | null>;
type SeedUser = { id: string; active?: boolean; hireDate?: { $daysAgo: number }; leaveDate?: { $daysAgo: number }; attributes?: Record<string, unknown> };
const history = readPackJson<{ users: SeedUser[] }>('seed/demo-history-directory.json').users;
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - n * DAY_MS).toISOString().slice(0, 10);
const withLeavers = (rows: Row[]) => rows.filter((r) => Number(r.leavers) > 0);

it('the demo history is marked demo, has ids demo-…, and past leavers over the last 18 months', () => {
  const leavers = history.filter((u) => u.leaveDate);
  expect(leavers.length).toBeGreaterThanOrEqual(40);
  expect(history.every((u) => u.id.startsWith('demo-') && u.attributes?.demo === true && u.attributes?.demoHistory === true)).toBe(true);
  expect(leavers.every((u) => u.active === false && u.leaveDate!.$daysAgo > 0 && u.leaveDate!.$daysAgo <= 548 && u.hireDate!.$daysAgo > u.leaveDate!.$daysAgo)).toBe(true);
});

forEachDatabase('offboarding pack: the demo history fills the attrition dashboard', (ctx) => {
  const people = new People(ctx);
  let hr = '';
  const run = async (key: string, params: Record<string, string> = {}) => ok(ctx(), hr, 'POST', `/api/reports/${key}/run`, { params });

  it('refuses a seed date that is neither a date nor {"$daysAgo": integer}, naming the path', async () => {
    const bundle = await offboardingBundle({ demo: true });
    const users = bundle.seed!.directory!.users!;
    const broken = { ...bundle, seed: { ...bundle.seed, directory: { ...bundle.seed!.directory, users: [{ ...users[0]!, hireDate: { $daysAgo: 'soon' } }, ...users.slice(1)] } } };
    const reply = await call(ctx(), undefined, 'POST', '/api/packs/import?demo=true', broken);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(JSON.stringify(reply.body)).toContain('hireDate');
  });

  it('imports the pack with demo data; relative seed dates become dates by the import clock', async () => {
    const body = await importOffboardingPack(ctx());
    expect(body.seed.directory.users.inserted).toBe(15 + history.length);
    hr = await people.token(HR);
    const first = history.find((u) => u.leaveDate)!;
    const drill = await ok(ctx(), hr, 'POST', '/api/reports/attrition-by-department/drill', {
      params: { from: daysAgo(first.leaveDate!.$daysAgo), to: daysAgo(first.leaveDate!.$daysAgo) },
      dimensionValues: {},
    });
    expect(drill.rows.map((r: Row) => r.leaveDate)).toContain(daysAgo(first.leaveDate!.$daysAgo));
    // The stored pack keeps the relative form: its export imports on any later day as the same content.
    const exported = await ok(ctx(), undefined, 'GET', '/api/packs/offboarding/export');
    const users = exported.seed.directory.users as SeedUser[];
    expect(users.find((u) => u.id === first.id)).toMatchObject({ leaveDate: first.leaveDate, hireDate: first.hireDate });
    expect((await call(ctx(), undefined, 'POST', '/api/packs/import?demo=true', await offboardingBundle({ demo: true }))).status).toBe(200);
  });

  it('the sign-in picker lists the named demo people, not the background colleagues of the history', async () => {
    const picker = await ok(ctx(), undefined, 'GET', '/api/auth/demo-users');
    const ids = (picker.items as Array<{ id: string }>).map((u) => u.id);
    expect(ids).toContain(HR);
    expect(ids.filter((id) => history.some((u) => u.id === id))).toEqual([]);
  });

  it('attrition by department: leavers in at least 3 departments, rates between 0 and 100 %', async () => {
    const rows = (await run('attrition-by-department')).rows as Row[];
    const departments = new Set(withLeavers(rows).map((r) => r.department));
    expect(departments.size).toBeGreaterThanOrEqual(3);
    expect(withLeavers(rows).reduce((n, r) => n + Number(r.leavers), 0)).toBeGreaterThanOrEqual(25); // the last 12 months
    for (const r of withLeavers(rows)) {
      expect(Number(r.headcount)).toBeGreaterThan(0);
      expect(Number(r.attritionRate)).toBeGreaterThan(0);
      expect(Number(r.attritionRate)).toBeLessThanOrEqual(100);
    }
    // Sales averages about one leaver a month out of a team of ~20: a single-digit or low-double-digit rate.
    const sales = withLeavers(rows).filter((r) => r.department === 'demo-sales');
    expect(sales.length).toBeGreaterThanOrEqual(4);
    expect(sales.every((r) => Number(r.headcount) >= 10)).toBe(true);
  });

  it('attrition by position and by tenure band spread over several positions and bands', async () => {
    const positions = new Set(withLeavers((await run('attrition-by-position')).rows as Row[]).map((r) => r.position));
    expect(positions.size).toBeGreaterThanOrEqual(5);
    const tenure = withLeavers((await run('attrition-by-tenure')).rows as Row[]);
    expect(new Set(tenure.map((r) => r.tenure)).size).toBeGreaterThanOrEqual(3);
    // Leavers are counted in the band headcount puts them in: no band ever loses more people than it has.
    for (const r of tenure) expect(Number(r.attritionRate)).toBeLessThanOrEqual(100);
  });

  it('drills from a department cell to demo leavers', async () => {
    const rows = withLeavers((await run('attrition-by-department')).rows as Row[]);
    const cell = rows.find((r) => r.department === 'demo-engineering')!;
    const drill = await ok(ctx(), hr, 'POST', '/api/reports/attrition-by-department/drill', { params: {}, dimensionValues: { month: cell.month, department: 'demo-engineering' } });
    expect(drill.rows).toHaveLength(Number(cell.leavers));
    expect(drill.rows.every((r: Row) => typeof r.name === 'string' && typeof r.hireDate === 'string')).toBe(true);
  });
});
