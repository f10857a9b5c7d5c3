import { buildApp } from './app/build-app.js';
import { ensureBootstrapToken } from './auth/bootstrap-token.js';
import { loadConfig } from './config/runtime-config.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import { loadStarterPack, starterPackHint } from './packs/starter-pack.js';

/** `pnpm start`: configuration from the environment, migrations, then the HTTP server until a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (err) => console.error(JSON.stringify({ level: 50, msg: 'idle PostgreSQL connection failed', err: err.message })),
  });
  await migrateToLatest(database.db);
  await ensureBootstrapToken(database.db, config.bootstrapToken, (token) => {
    // Plain stdout, once: the JSON log may be shipped elsewhere, and this secret must not be.
    process.stdout.write(
      `\nBaton admin token (shown only this once; store it now, or set BATON_BOOTSTRAP_TOKEN):\n  ${token}\n\n`,
    );
  });
  // An empty database gets the starter pack (templates/offboarding) with its demo data: see BATON_STARTER_PACK.
  const starter = await loadStarterPack(database.db, config.starterPack);
  if (starter.status === 'loaded') process.stdout.write(`${starterPackHint(starter, `http://${config.host}:${config.port}`)}\n\n`);
  // Demo data just loaded: the "sign in as" picker is on for this run (BATON_DEMO=1 keeps it on later).
  const app = await buildApp({ db: database, config: starter.status === 'loaded' ? { ...config, demo: true } : config });
  app.log.info({ db: database.dialect, dataDir: database.dialect === 'pglite' ? config.dataDir : undefined }, 'database ready');

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

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
