import { existsSync } from 'node:fs';
import pg from 'pg';

/**
 * A scratch PostgreSQL database for one benchmark, so the shared `test` database is never disturbed. Its name
 * carries this process's pid, so two benches at once do not drop each other's; one left by a bench that died
 * (its pid gone) is dropped here.
 */
export async function createScratchDatabase(baseUrl: string, base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${base}_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${base}\\_%`]);
    for (const { datname } of rows) {
      const pid = Number(datname.slice(base.length + 1));
      if (Number.isInteger(pid) && !existsSync(`/proc/${pid}`)) await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(baseUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** PostgreSQL's "terminating connection due to administrator command" (admin_shutdown). */
const ADMIN_SHUTDOWN = '57P01';
let terminatedByServer = false;

/**
 * The connection-error handler of a bench's pool or client: a scratch database's drop WITH (FORCE) ends every
 * connection still open with admin_shutdown, which is expected and stays quiet (a query it interrupts still
 * fails on its own), as does the closed socket a plain client reports right after it; any other connection
 * error is printed. A pg client with no handler would crash the bench on it.
 */
export function quietOnScratchDrop(err: Error & { code?: string }): void {
  if (err.code === ADMIN_SHUTDOWN) {
    terminatedByServer = true;
    return;
  }
  if (terminatedByServer && err.message === 'Connection terminated unexpectedly') return;
  console.error('PostgreSQL connection failed:', err.message);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + database;
  return parsed.toString();
}

export interface ServerCounters {
  /** pg_stat_database's xact_commit: read-only statements count too, and backends report it up to 1 s late. */
  commits: number;
  /**
   * Transaction ids handed out so far (cluster-wide): one per transaction that wrote, counted the instant it
   * writes. The exact number of durable commits while nothing else writes to the cluster.
   */
  writeTransactions: number;
  walRecords: number;
  walSyncs: number;
}

/** Commits of one database, the cluster's writing transactions and WAL flushes, to report cost per transition. */
export async function readCounters(url: string): Promise<ServerCounters> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_stat_clear_snapshot()');
    const db = await client.query<{ xact_commit: string }>('select xact_commit from pg_stat_database where datname = current_database()');
    // The snapshot's xmax is the next transaction id; reading it assigns none.
    const xid = await client.query<{ next_xid: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as next_xid');
    const wal = await client.query<{ wal_records: string; wal_sync: string }>('select wal_records, wal_sync from pg_stat_wal');
    return {
      commits: Number(db.rows[0]?.xact_commit ?? 0),
      writeTransactions: Number(xid.rows[0]?.next_xid ?? 0),
      walRecords: Number(wal.rows[0]?.wal_records ?? 0),
      walSyncs: Number(wal.rows[0]?.wal_sync ?? 0),
    };
  } finally {
    await client.end();
  }
}
