import type { PerformanceMark } from 'node:perf_hooks';
import { startBackgroundWorkAfterListen } from './app/start-after-listen.js';
import { ensureBootstrapToken } from './auth/bootstrap-token.js';
import { loadConfig } from './config/runtime-config.js';
import { migrateToLatest } from './db/migrate.js';
import { migrationsCurrent } from './db/migrations-current.js';
import { openDatabase } from './db/open-database.js';

/**
 * Each start-up phase's wall time and CPU time in ms (performance.now() counts from process start), logged
 * at debug level: on a busy machine the CPU time tells what the phase costs, the wall time what it waited.
 */
const phases: Record<string, { wallMs: number; cpuMs: number }> = {};
let lastMark = 0;
let lastCpu = 0;
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
function phase(name: string, now = performance.now(), cpu = cpuMs()): void {
  phases[name] = { wallMs: Math.round(now - lastMark), cpuMs: Math.round(cpu - lastCpu) };
  lastMark = now;
  lastCpu = cpu;
}

/** `pnpm start`: configuration from the environment, migrations, then the HTTP server until a signal. */
async function main(): Promise<void> {
  // scripts/start.mjs marks when Node has started and the bundle is checked (or built), and before that when
  // the designer's build is checked (`pnpm start` from the root); tsx has no mark.
  const markCpu = (mark: PerformanceMark) => (mark.detail as { cpuMs?: number } | null)?.cpuMs ?? 0;
  const designer = performance.getEntriesByName('baton:designer-ready')[0] as PerformanceMark | undefined;
  if (designer) phase('node and designer check', designer.startTime, markCpu(designer));
  const launched = performance.getEntriesByName('baton:bundle-ready')[0] as PerformanceMark | undefined;
  if (launched) phase(designer ? 'bundle check' : 'node and bundle check', launched.startTime, markCpu(launched));
  phase(launched ? 'server modules' : 'node and first modules');
  const config = loadConfig();
  // The app's modules (Fastify, the engine, every route) load while the database opens: PGlite compiles
  // its WebAssembly and copies its folder off the main thread meanwhile.
  const appModules = Promise.all([import('./app/build-app.js'), import('./packs/starter-pack.js')]);
  appModules.then(([{ preloadAppDependencies }]) => preloadAppDependencies(), () => undefined);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    dataDir: config.dataDir,
    onConnectionError: (err) => console.error(JSON.stringify({ level: 50, msg: 'idle PostgreSQL connection failed', err: err.message })),
  });
  phase(database.seeded === 'template-built' ? 'open database (template built)' : database.seeded === 'from-template' ? 'open database (from template)' : 'open database');
  // A folder just copied from the template is at the latest migration already (the template's key covers
  // every migration and the migrator); anything else is brought up to date, unless it already is.
  const fromTemplate = database.seeded === 'from-template' || database.seeded === 'template-built';
  if (!fromTemplate && !(await migrationsCurrent(database.db))) {
    await migrateToLatest(database.db);
    phase('migrate');
  } else {
    phase('migrations check');
  }
  await ensureBootstrapToken(database.db, config.bootstrapToken, (token) => {
    // Plain stdout, once: the JSON log may be shipped elsewhere, and this secret must not be.
    process.stdout.write(
      `\nBaton admin token (shown only this once; store it now, or set BATON_BOOTSTRAP_TOKEN):\n  ${token}\n\n`,
    );
  });
  phase('bootstrap token');
  const [{ buildApp }, { loadStarterPack, starterPackHint }] = await appModules;
  phase('load app modules');
  // The "sign in as" picker follows the demo people in the database (BATON_DEMO unset), not this run: see
  // src/accounts/demo-mode.ts.
  // BATON_PLUGINS (baton serve --plugin): modules whose default export is a plugin, refused at start when wrong.
  const { loadPlugins, pluginSpecifiers } = await import('./app/load-plugins.js');
  const plugins = await loadPlugins(pluginSpecifiers(process.env.BATON_PLUGINS), process.cwd());
  const app = await buildApp({ db: database, config, plugins });
  if (plugins.length > 0) app.log.info({ plugins: plugins.map((p) => p.name) }, 'plugins installed');
  app.log.info({ db: database.dialect, dataDir: database.dialect === 'pglite' ? config.dataDir : undefined }, 'database ready');
  phase('build app');
  // An empty database gets the starter pack (templates/offboarding) with its demo data: see BATON_STARTER_PACK.
  // Embedded, its one transaction takes PGlite's only connection before the server listens, so the server
  // answers /api/health at once while every request that needs the database waits for the pack, whole. On
  // PostgreSQL, where requests would run beside it, the server listens once the pack is in.
  const printStarter = (starter: Awaited<ReturnType<typeof loadStarterPack>>) => {
    if (starter.status === 'loaded') process.stdout.write(`${starterPackHint(starter, `http://${config.host}:${config.port}`)}\n\n`);
  };
  const starting = loadStarterPack(database.db, config.starterPack, config.timeZone);
  if (database.dialect === 'postgres') {
    const starter = await starting;
    printStarter(starter);
    phase(`starter pack (${starter.status})`);
  } else {
    starting.then(printStarter, (err: unknown) => app.log.error({ err }, 'the starter pack could not be imported; the database is unchanged'));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A hung request must not keep the process alive forever.
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  // The workers and the audit chainer start just after the server listens: their first queries no longer
  // delay the first answer, and due timers still fire at start-up (app/start-after-listen.ts).
  startBackgroundWorkAfterListen(app);
  await app.listen({ port: config.port, host: config.host });
  phase('listen');
  app.log.info({ startupMs: Math.round(performance.now()), startupCpuMs: Math.round(cpuMs()) }, 'ready');
  if (database.dialect === 'pglite') {
    const starter = await starting.catch(() => undefined);
    phase(`starter pack after listen (${starter?.status ?? 'failed'})`);
  }
  app.log.debug({ phases }, 'start-up phases');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
