/**
 * Reports benchmark (issue 7): seeds offboardings on real PostgreSQL in stages (1,000 → 10,000 → 100,000
 * offboardings = 10k → 100k → 1M history events, 20,000 people), and at each stage times every dashboard
 * widget warm through the HTTP route (median of 5) and the whole dashboard (all widgets at once, as a
 * browser asks for them). Targets: each widget ≤ 300 ms warm, the dashboard ≤ 1 s. Not a test: it prints.
 *
 *   pnpm --filter @baton/tests bench:reports
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_REPORT_STAGES=1000,10000 pnpm … bench:reports
 *   BENCH_REPORT_KEEP=1 …   (keep the baton_bench_reports database afterwards, to explore it)
 *   BENCH_REPORT_REUSE=1 …  (time the widgets again on a kept database, without seeding)
 */
import pg from 'pg';
import { buildApp } from '../../../runtime-api/src/app/build-app.js';
import { insertToken } from '../../../runtime-api/src/auth/api-tokens.js';
import { loadConfig } from '../../../runtime-api/src/config/runtime-config.js';
import { migrateToLatest } from '../../../runtime-api/src/db/migrate.js';
import { openDatabase } from '../../../runtime-api/src/db/open-database.js';
import { BENCH_PERIOD, dashboardPack } from './dashboard-reports.js';
import { seedDirectory, seedOffboardings } from './seed-offboardings.js';

const DB_NAME = 'baton_bench_reports';
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STAGES = (process.env.BENCH_REPORT_STAGES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const WIDGET_TARGET_MS = 300;
const DASHBOARD_TARGET_MS = 1000;
const REUSE = process.env.BENCH_REPORT_REUSE === '1';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + name;
  return parsed.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(BASE_URL, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number) => `${n.toFixed(0)} ms`;

function progress(label: string, total: number, offset: number): (done: number) => void {
  const started = performance.now();
  return (done) => {
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`\r  ${label} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round(((done - offset) / (total - offset)) * 100)} %) ${seconds.toFixed(1)} s   `);
    if (done >= total) process.stdout.write('\n');
  };
}

async function main(): Promise<void> {
  console.log(`Reports benchmark on ${withDatabase(BASE_URL, DB_NAME).replace(/\/\/[^@]*@/, '//')}; stages ${STAGES.map((s) => s.toLocaleString('en')).join(' → ')} offboardings`);
  if (!REUSE) {
    await admin(async (c) => {
      await c.query(`drop database if exists ${DB_NAME} with (force)`);
      await c.query(`create database ${DB_NAME}`);
    });
  }
  const url = withDatabase(BASE_URL, DB_NAME);
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  await migrateToLatest(database.db);
  const base = loadConfig({ DATABASE_URL: url });
  const config = { ...base, masterKey: '5a'.repeat(32), logLevel: 'silent', rateLimit: { max: 1_000_000, timeWindowMs: 60_000 }, workers: { ...base.workers, enabled: false } };
  const app = await buildApp({ db: database, config, logger: false });
  await app.ready();
  const token = (await insertToken(database.db, { userId: 'bench-hr', roles: ['hr'], createdBy: 'bench' })).token;
  const call = (method: 'POST', url: string, payload: unknown) => app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
  // The offboarding pack itself (forms, flow, the dashboard's reports), imported as `baton import` does.
  // Imported on a reused database too: changed reports are published as new versions, the rest is kept.
  const pack = await dashboardPack();
  const adminToken = (await insertToken(database.db, { userId: 'bench-admin', roles: ['admin'], createdBy: 'bench' })).token;
  // A kept database already holds version 1: changed reports come as the next pack version.
  const imports = await database.db.selectFrom('packs').select('version').where('key', '=', 'offboarding').execute();
  const version = REUSE && imports.length > 0 ? Math.max(...imports.map((p) => Number(p.version))) + 1 : undefined;
  const bundle = version ? { ...pack.bundle, manifest: { ...pack.bundle.manifest, version } } : pack.bundle;
  const imported = await app.inject({ method: 'POST', url: '/api/packs/import', payload: bundle as object, headers: { authorization: `Bearer ${adminToken}` } });
  if (imported.statusCode >= 300) throw new Error(`importing the offboarding pack: ${imported.body}`);

  const seeder = new pg.Client({ connectionString: url });
  await seeder.connect();
  if (!REUSE) await seedDirectory(seeder);
  const keys = pack.keys;
  const table = new Map<string, number[]>();
  const dashboards: number[] = [];
  const events: number[] = [];
  let seeded = 0;
  const runWidget = async (key: string): Promise<number> => {
    const started = performance.now();
    const res = await call('POST', `/api/reports/${key}/run`, { params: BENCH_PERIOD });
    const elapsed = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${key}: ${res.statusCode} ${res.body}`);
    return elapsed;
  };

  if (REUSE) seeded = Number((await seeder.query('select count(*)::int as n from instances')).rows[0].n);
  for (const stage of REUSE ? [seeded] : STAGES) {
    console.log(`\nStage: ${stage.toLocaleString('en')} offboardings`);
    const seedStart = performance.now();
    if (!REUSE) await seedOffboardings(seeder, seeded, stage, progress('seeding offboardings', stage, seeded));
    seeded = stage;
    process.stdout.write('  vacuum analyze … ');
    if (!REUSE) await seeder.query('vacuum analyze');
    const counts = (await seeder.query(`select (select count(*) from history)::int as history, (select count(*) from directory_users)::int as people,
      (select count(*) from tasks)::int as tasks, (select count(*) from report_step_visits)::int as visits`)).rows[0] as Record<string, number>;
    events.push(counts.history ?? 0);
    console.log(`done. ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}; seeding took ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    for (const key of keys) {
      const cold = await runWidget(key);
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(await runWidget(key));
      const m = median(warm);
      table.set(key, [...(table.get(key) ?? []), m]);
      console.log(`  ${key.padEnd(26)} first ${ms(cold).padStart(8)}   warm median ${ms(m).padStart(7)}  ${m <= WIDGET_TARGET_MS ? 'ok' : 'OVER ' + WIDGET_TARGET_MS + ' ms'}`);
    }
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await Promise.all(keys.map((k) => runWidget(k)));
      walls.push(performance.now() - started);
    }
    dashboards.push(median(walls));
    console.log(`  whole dashboard (${keys.length} widgets at once) ${ms(median(walls))}  ${median(walls) <= DASHBOARD_TARGET_MS ? 'ok' : 'OVER ' + DASHBOARD_TARGET_MS + ' ms'}`);
  }

  console.log('\nWarm median per widget as the history grows (events):');
  console.log(`  ${'widget'.padEnd(26)}${events.map((e) => e.toLocaleString('en').padStart(12)).join('')}`);
  for (const key of keys) console.log(`  ${key.padEnd(26)}${(table.get(key) ?? []).map((v) => ms(v).padStart(12)).join('')}`);
  console.log(`  ${'whole dashboard'.padEnd(26)}${dashboards.map((v) => ms(v).padStart(12)).join('')}`);
  const worst = Math.max(...keys.map((k) => (table.get(k) ?? []).at(-1) ?? 0));
  console.log(`\nTargets at ${events.at(-1)?.toLocaleString('en')} events: each widget ≤ ${WIDGET_TARGET_MS} ms (slowest ${ms(worst)}: ${worst <= WIDGET_TARGET_MS ? 'met' : 'NOT met'}); ` +
    `dashboard ≤ ${DASHBOARD_TARGET_MS} ms (${ms(dashboards.at(-1) ?? NaN)}: ${(dashboards.at(-1) ?? Infinity) <= DASHBOARD_TARGET_MS ? 'met' : 'NOT met'})`);

  await seeder.end();
  await app.close();
  await database.close();
  if (!process.env.BENCH_REPORT_KEEP && !REUSE) await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
