import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
// The key covers every migration, the migrator (migrate.ts) and the PGlite version.
import { migrationsKey } from '../../src/db/pglite-template.js';
import { dropStaleTemplates, ensurePostgresTemplate, holdTemplate } from './postgres-template.js';

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
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
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
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('postgresTemplate', '');
    console.log('PostgreSQL suites skipped: DATABASE_URL is not set');
    return undefined;
  }
  // Hold this key's template for the run, then drop other keys' templates no run holds (they piled up).
  const release = await holdTemplate(url, key);
  await dropStaleTemplates(url, key);
  project.provide('postgresTemplate', await ensurePostgresTemplate(url, key));
  return release;
}
