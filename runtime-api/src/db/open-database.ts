import fs from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { seedDataDir, type SeedOutcome } from './pglite-template.js';
import { nameHotStatements } from '../execution/prepared-statements.js';

export type DatabaseDialect = 'postgres' | 'pglite';

export interface BatonDatabase {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /**
   * Runs a script of several statements (migrations' triggers, test set-up). PGlite refuses
   * multi-statement SQL through a prepared statement, so it goes through `exec` there. On PGlite it bypasses
   * the dialect's queue: call it only while no other query runs (start-up, test set-up).
   */
  execScript(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance (PGlite only): for dumpDataDir in tests and backups. */
  pglite?: PGlite;
  /** How a PGlite data folder was come by (a new one is copied from a migrated template). */
  seeded?: SeedOutcome;
}

export interface OpenDatabaseOptions {
  /** postgres://… for PostgreSQL; undefined for embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; undefined keeps the database in memory (tests). */
  dataDir?: string | undefined;
  /** A PGlite data-folder tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob | undefined;
  /** Largest number of PostgreSQL connections in the pool. */
  poolSize?: number;
  /**
   * Called when an idle pooled connection dies (PostgreSQL restarted, connection killed). Without a
   * listener node-postgres would crash the process; the pool replaces the connection on next use.
   */
  onConnectionError?: (err: Error) => void;
  /**
   * A new PGlite data folder starts as a copy of a migrated template (built once, see pglite-template.ts)
   * instead of initdb + every migration. Default on; off builds the folder from scratch.
   */
  seedFromTemplate?: boolean;
}

const INT8 = 20;
const DATE = 1082;

// Both drivers hand back the same JS shapes: int8 as number (ids and sequences stay far below 2^53) and
// DATE as 'YYYY-MM-DD' text, because a Date at local midnight shifts a hire date across time zones.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export async function openDatabase(options: OpenDatabaseOptions): Promise<BatonDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, types: pgTypes });
    const onConnectionError = options.onConnectionError ?? ((err: Error) => console.error('PostgreSQL connection failed:', err.message));
    pool.on('error', onConnectionError);
    // The pool listens for errors only on idle clients. A client checked out by a transaction whose server
    // goes away (shutdown, restart) still emits 'error' after failing its query; with no listener that is an
    // uncaught exception that kills the process. The query itself rejects, and the pool drops the client.
    pool.on('connect', (client) => {
      client.on('error', onConnectionError);
      nameHotStatements(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      async execScript(sqlText) {
        // The simple query protocol (no parameters) accepts several statements.
        await pool.query(sqlText);
      },
      close: () => db.destroy(),
    };
  }
  let seeded: SeedOutcome | undefined;
  if (options.dataDir && !options.loadDataDir && options.seedFromTemplate !== false) {
    seeded = await seedDataDir(options.dataDir, async (dir) => {
      const template = await openDatabase({ dataDir: dir, seedFromTemplate: false });
      try {
        await migrateToLatest(template.db);
      } finally {
        await template.close();
      }
    });
  }
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: {
      [pgliteTypes.INT8]: (value: string) => Number(value),
      [pgliteTypes.DATE]: (value: string) => value,
    },
  });
  await pglite.waitReady;
  // The dialect serializes access to PGlite's single connection; its destroy() closes PGlite.
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    dialect: 'pglite',
    async execScript(sqlText) {
      await pglite.exec(sqlText);
    },
    close: () => db.destroy(),
    pglite,
    ...(seeded ? { seeded } : {}),
  };
}
