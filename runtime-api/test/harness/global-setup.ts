import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
// The key covers every migration, the migrator (migrate.ts) and the PGlite version.
import { migrationsKey } from '../../src/db/pglite-template.js';
import { ensurePostgresTemplate } from './postgres-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The migrated template database on the DATABASE_URL server ('' when PostgreSQL suites are skipped). */
    postgresTemplate: string;
  }
}

/**
 * A fresh PGlite folder costs 3-4 s and ~900 MB to initialise; a migrated template is built once (and kept
 * in the temp folder between runs) and every test suite starts from a copy of it.
 */
export default async function setup(project: TestProject): Promise<void> {
  const key = await migrationsKey();
  const file = path.join(os.tmpdir(), `baton-pglite-template-${key}.tar.gz`);
  try {
    await fs.access(file);
  } catch {
    const database = await openDatabase({});
    await migrateToLatest(database.db);
    const dump = await database.pglite!.dumpDataDir('gzip');
    const partial = `${file}.${process.pid}.tmp`;
    await fs.writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await fs.rename(partial, file);
    await database.close();
  }
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', process.env.DATABASE_URL ? await ensurePostgresTemplate(process.env.DATABASE_URL, key) : '');
  if (!process.env.DATABASE_URL) {
    console.log('PostgreSQL suites skipped: DATABASE_URL is not set');
  }
}
