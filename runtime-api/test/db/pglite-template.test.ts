import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, MIGRATIONS } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { holdsDatabase, migrationsKey, seedDataDir } from '../../src/db/pglite-template.js';

// A new embedded data folder is copied from a migrated template instead of initdb + every migration.
describe('PGlite data-folder template', () => {
  const scratch: string[] = [];
  const tempDir = async (prefix: string) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    scratch.push(dir);
    return dir;
  };
  afterAll(async () => {
    delete process.env.BATON_PGLITE_TEMPLATE_DIR;
    for (const dir of scratch) await fs.rm(dir, { recursive: true, force: true });
  });

  it('keys templates by every migration and the migrator itself', async () => {
    const key = await migrationsKey();
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(await migrationsKey()).toBe(key);
  });

  it('builds the template once, then seeds each new folder from it, migrated and persistent', { timeout: 120_000 }, async () => {
    process.env.BATON_PGLITE_TEMPLATE_DIR = await tempDir('baton-templates-');
    const builds: string[] = [];
    const build = async (dir: string) => {
      builds.push(dir);
      const db = await openDatabase({ dataDir: dir, seedFromTemplate: false });
      try {
        await migrateToLatest(db.db);
      } finally {
        await db.close();
      }
    };
    const first = path.join(await tempDir('baton-seed-'), 'data');
    expect(await seedDataDir(first, build)).toBe('template-built');
    const templates = await fs.readdir(process.env.BATON_PGLITE_TEMPLATE_DIR);
    expect(templates).toEqual([`pglite-${await migrationsKey()}`]);
    // A second new folder (an empty one, as mkdtemp makes) is a plain copy: no second build.
    const second = await tempDir('baton-seed-');
    expect(await seedDataDir(second, build)).toBe('from-template');
    expect(builds).toHaveLength(1);
    expect(await seedDataDir(second, build)).toBe('existing');

    // openDatabase seeds by itself; the copy holds every migration already, and writes stay in its folder.
    const third = path.join(await tempDir('baton-seed-'), 'data');
    const database = await openDatabase({ dataDir: third });
    expect(database.seeded).toBe('from-template');
    expect(await migrateToLatest(database.db)).toEqual([]);
    const applied = await database.db.selectFrom('baton_migrations' as never).select('name' as never).execute();
    expect(applied).toHaveLength(Object.keys(MIGRATIONS).length);
    await database.db.insertInto('directory_departments').values({ id: 'kept', name: 'Kept', parent_id: null, head_id: null }).execute();
    await database.close();
    const reopened = await openDatabase({ dataDir: third });
    expect(reopened.seeded).toBe('existing');
    expect(await reopened.db.selectFrom('directory_departments').select('id').execute()).toEqual([{ id: 'kept' }]);
    await reopened.close();
    // The template itself is untouched by what the copies did.
    const template = await openDatabase({ dataDir: path.join(process.env.BATON_PGLITE_TEMPLATE_DIR, templates[0]!), seedFromTemplate: false });
    expect(await template.db.selectFrom('directory_departments').select('id').execute()).toEqual([]);
    await template.close();
  });

  it('leaves a folder that holds anything alone', async () => {
    const dir = await tempDir('baton-seed-');
    await fs.writeFile(path.join(dir, 'notes.txt'), 'mine');
    expect(await seedDataDir(dir, async () => { throw new Error('must not build'); })).toBe('not-empty');
    expect(await holdsDatabase(dir)).toBe(false);
    expect(await fs.readdir(dir)).toEqual(['notes.txt']);
  });
});
