import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
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

/**
 * PGlite's Postgres as we start it. Postgres zeroes all its shared memory when it starts, and in WebAssembly
 * that costs ~4 ms of CPU a MB on this machine (much more under load: page faults on fresh memory): with
 * PGlite's 128 MB of shared buffers, 145 MB and over half a second, the largest part of opening the database.
 * 32 MB keeps a few thousand instances' pages in memory (pages beyond it are read back from the data folder,
 * through the OS's file cache); one connection needs no room for 100 (each costs shared memory too).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', '-c', 'max_connections=10'];

/**
 * PGlite's WebAssembly, compiled once per process (PGlite caches its own compile the same way). Started as
 * soon as a PGlite database is asked for, it compiles on V8's background threads while a new data folder is
 * copied from the template; undefined (PGlite then reads it itself) if the file is not where it should be.
 */
let pgliteWasm: Promise<WebAssembly.Module | undefined> | undefined;
// The project's TypeScript libs declare WebAssembly's types but not the global object.
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;
function compilePgliteWasm(): Promise<WebAssembly.Module | undefined> {
  pgliteWasm ??= (async () => {
    try {
      const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
      return await wasmApi.compile(await fs.readFile(path.join(path.dirname(entry), 'pglite.wasm')));
    } catch {
      return undefined;
    }
  })();
  return pgliteWasm;
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
  const wasm = compilePgliteWasm();
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
  const pgliteWasmModule = await wasm;
  const pglite = new PGlite({
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: PGLITE_START_PARAMS,
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
