import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';

async function adminQuery<T extends pg.QueryResultRow>(serverUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function exists(serverUrl: string, name: string): Promise<boolean> {
  return (await adminQuery(serverUrl, 'select 1 from pg_database where datname = $1', [name])).length > 0;
}

/** The database name in a postgres:// URL, swapped for `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return url.toString();
}

const TEMPLATE_PREFIX = 'baton_tpl_';
/** A template (`baton_tpl_<key>`) or a copy being built for it (`baton_tpl_<key>_<8 hex>`). */
const TEMPLATE_NAME = /^baton_tpl_([0-9a-f]+)(?:_[0-9a-f]{8})?$/;

/** The advisory lock a run holds (shared) on the template family of `key` while it may use it. */
function lockSql(mode: 'shared' | 'try-exclusive' | 'unlock'): string {
  const fn = mode === 'shared' ? 'pg_advisory_lock_shared' : mode === 'try-exclusive' ? 'pg_try_advisory_lock' : 'pg_advisory_unlock';
  return `select ${fn}(hashtext('baton:test-template:' || $1)) as ok`;
}

/**
 * Drops the templates of other migration keys (and copies a crashed run left half built). Each run holds a
 * shared advisory lock on its own key's template for as long as it runs (see `holdTemplate`), so a template
 * is dropped only when no run holds it: its exclusive lock is free. A drop that still meets a connection
 * (a run of an older harness, with no lock) fails and is skipped — never forced.
 */
export async function dropStaleTemplates(serverUrl: string, currentKey: string): Promise<string[]> {
  const names = (await adminQuery<{ datname: string }>(serverUrl, 'select datname from pg_database where datname like $1', [`${TEMPLATE_PREFIX}%`])).map((r) => r.datname);
  const byKey = new Map<string, string[]>();
  for (const name of names) {
    const key = TEMPLATE_NAME.exec(name)?.[1];
    if (key === undefined || key === currentKey) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  if (byKey.size === 0) return [];
  const dropped: string[] = [];
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const [key, family] of byKey) {
      const locked = (await client.query<{ ok: boolean }>(lockSql('try-exclusive'), [key])).rows[0]?.ok === true;
      if (!locked) continue; // another run uses it now
      try {
        for (const name of family) {
          try {
            await client.query(`drop database if exists ${name}`);
            dropped.push(name);
          } catch {
            // In use by a run that holds no lock: left for a later run.
          }
        }
      } finally {
        await client.query(lockSql('unlock'), [key]);
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}

/**
 * Marks the template of `key` as in use for the whole run (a shared advisory lock on a connection of its
 * own): other runs' clean-up leaves it alone. Call the returned function when the run ends.
 */
export async function holdTemplate(serverUrl: string, key: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  // The server ending this idle connection (a restart) only ends the hold; it must not crash the run.
  client.on('error', () => {});
  await client.query(lockSql('shared'), [key]);
  return () => client.end().catch(() => {});
}

/**
 * A migrated, empty database on the DATABASE_URL server, named after the migrations key. Each suite copies
 * it (CREATE DATABASE … TEMPLATE, a file copy) instead of running every migration again, which cost a
 * suite 1-2 s. Built once per key and published by a rename, so a run that races us uses whichever copy
 * won; nothing connects to it afterwards (a copy needs its template idle). Hold it (`holdTemplate`) before
 * calling this, so a concurrent run's `dropStaleTemplates` cannot drop it or its copy being built.
 */
export async function ensurePostgresTemplate(serverUrl: string, key: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${key}`;
  if (await exists(serverUrl, name)) return name;
  const building = `${name}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${building}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(serverUrl, building), poolSize: 1, onConnectionError: () => {} });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  try {
    await adminQuery(serverUrl, `alter database ${building} rename to ${name}`);
  } catch (err) {
    await adminQuery(serverUrl, `drop database if exists ${building} with (force)`);
    if (!(await exists(serverUrl, name))) throw err;
  }
  return name;
}
