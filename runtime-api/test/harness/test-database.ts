import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type BatonDatabase, type DatabaseDialect } from '../../src/db/open-database.js';
import { databaseUrl } from './postgres-template.js';

export interface TestDatabase {
  database: BatonDatabase;
  /** Closes the database and, on PostgreSQL, drops it. */
  dispose(): Promise<void>;
}

// The template tarball, unzipped once per worker (files share a worker: isolate is off). Handed a gzip,
// PGlite first fails to untar it, then gunzips through web streams; a plain tar halves a clone's time.
const unzipped = new Map<string, Promise<Buffer>>();

function templateTar(templateFile: string): Promise<Buffer> {
  let tar = unzipped.get(templateFile);
  if (!tar) {
    tar = fs.readFile(templateFile).then((gz) => gunzipSync(gz));
    unzipped.set(templateFile, tar);
  }
  return tar;
}

/** A private PGlite database: an in-memory copy of the migrated template. */
export async function clonePgliteTemplate(templateFile: string): Promise<TestDatabase> {
  const blob = new Blob([await templateTar(templateFile)]);
  const database = await openDatabase({ loadDataDir: blob });
  return { database, dispose: () => database.close() };
}

/**
 * A private PostgreSQL database on the DATABASE_URL server: created under a unique name — a copy of the
 * migrated `template` when given (see postgres-template.ts), else migrated here — and dropped afterwards
 * (WITH (FORCE) ends any connection a failed test left open).
 */
export async function createPostgresDatabase(serverUrl: string, template?: string): Promise<TestDatabase> {
  const name = `baton_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  // Dropping the database WITH (FORCE) kills connections the pool is still closing: expected, not news.
  const database = await openDatabase({ databaseUrl: databaseUrl(serverUrl, name), poolSize: 5, onConnectionError: () => {} });
  if (!template) await migrateToLatest(database.db);
  return {
    database,
    async dispose() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface DatabaseTarget {
  dialect: DatabaseDialect;
  /** Why this target does not run here, or undefined when it does. */
  skipReason: string | undefined;
  create(): Promise<TestDatabase>;
}
