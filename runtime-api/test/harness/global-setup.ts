import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';

const here = path.dirname(fileURLToPath(import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** Changes whenever a migration or the PGlite version does, so a stale template is never reused. */
async function templateKey(): Promise<string> {
  const dir = path.resolve(here, '../../src/db/migrations');
  const hash = createHash('sha256');
  for (const file of (await fs.readdir(dir)).sort()) hash.update(file).update(await fs.readFile(path.join(dir, file)));
  const pkg = JSON.parse(await fs.readFile(path.resolve(here, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(pkg.version);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A fresh PGlite folder costs 3-4 s and ~900 MB to initialise; a migrated template is built once (and kept
 * in the temp folder between runs) and every test suite starts from a copy of it.
 */
export default async function setup(project: TestProject): Promise<void> {
  const file = path.join(os.tmpdir(), `baton-pglite-template-${await templateKey()}.tar.gz`);
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
  if (!process.env.DATABASE_URL) {
    console.log('PostgreSQL suites skipped: DATABASE_URL is not set');
  }
}
