import pg from 'pg';

/** A scratch PostgreSQL database for one benchmark, so the shared `test` database is never disturbed. */
export async function createScratchDatabase(baseUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
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

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/' + database;
  return parsed.toString();
}

export interface ServerCounters {
  commits: number;
  walRecords: number;
  walSyncs: number;
}

/** Commits of one database and the cluster's WAL flushes, to report cost per transition. */
export async function readCounters(url: string): Promise<ServerCounters> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_stat_clear_snapshot()');
    const db = await client.query<{ xact_commit: string }>('select xact_commit from pg_stat_database where datname = current_database()');
    const wal = await client.query<{ wal_records: string; wal_sync: string }>('select wal_records, wal_sync from pg_stat_wal');
    return {
      commits: Number(db.rows[0]?.xact_commit ?? 0),
      walRecords: Number(wal.rows[0]?.wal_records ?? 0),
      walSyncs: Number(wal.rows[0]?.wal_sync ?? 0),
    };
  } finally {
    await client.end();
  }
}
