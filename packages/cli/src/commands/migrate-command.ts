import path from 'node:path';
import { loadConfig, migrateToLatest, openDatabase } from '@baton/runtime-api';
import type { Command } from '../command.js';
import { UsageError } from '../cli-io.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema to the latest migration',
  help: `Usage: baton migrate [--database-url <url>] [--data-dir <dir>]

Runs the runtime's migrations against PostgreSQL (DATABASE_URL) or, without one, the embedded database
in the data folder (BATON_DATA_DIR, default ./.baton). The server also migrates when it starts; this
command lets an operator do it ahead of a deploy.

  --database-url <url>  postgres://… (default $DATABASE_URL)
  --data-dir <dir>      Embedded database folder (default $BATON_DATA_DIR, else ./.baton)`,
  options: { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError('migrate takes no arguments');
    const env = { ...io.env };
    if (typeof values['database-url'] === 'string') env.DATABASE_URL = values['database-url'];
    if (typeof values['data-dir'] === 'string') env.BATON_DATA_DIR = path.resolve(io.cwd, values['data-dir']);
    else if (env.BATON_DATA_DIR === undefined) env.BATON_DATA_DIR = path.resolve(io.cwd, '.baton');
    const config = loadConfig(env);
    const target = config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}` : `embedded database in ${config.dataDir}`;
    io.err(`migrating ${target}…`);
    // The operator asked for the migrations themselves: a new folder runs each one (and lists it) instead
    // of being copied from the server's migrated template.
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, seedFromTemplate: false });
    try {
      const applied = await migrateToLatest(database.db);
      for (const name of applied) io.out(`applied ${name}`);
      io.err(applied.length === 0 ? 'already at the latest migration' : `${applied.length} migration(s) applied`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
