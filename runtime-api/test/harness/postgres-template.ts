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

/**
 * A migrated, empty database on the DATABASE_URL server, named after the migrations key. Each suite copies
 * it (CREATE DATABASE … TEMPLATE, a file copy) instead of running every migration again, which cost a
 * suite 1-2 s. Built once per key and published by a rename, so a run that races us uses whichever copy
 * won; nothing connects to it afterwards (a copy needs its template idle).
 */
export async function ensurePostgresTemplate(serverUrl: string, key: string): Promise<string> {
  const name = `baton_tpl_${key}`;
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
