import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { clonePgliteTemplate } from '../harness/test-database.js';

// Opening embedded PGlite is most of `pnpm start`: Postgres zeroes its shared memory at start-up, ~4 ms of
// CPU a MB in WebAssembly here, so the server starts it with less than PGlite's 128 MB of shared buffers.
describe('embedded PGlite start parameters', () => {
  it('runs with 32 MB of shared buffers and room for 10 connections, and still answers queries', { timeout: 60_000 }, async () => {
    const { database, dispose } = await clonePgliteTemplate(inject('pgliteTemplate'));
    try {
      const setting = async (name: string) =>
        (await sql<{ setting: string; unit: string | null }>`select setting, unit from pg_settings where name = ${name}`.execute(database.db)).rows[0];
      // 4096 pages of 8 kB.
      expect(await setting('shared_buffers')).toEqual({ setting: '4096', unit: '8kB' });
      expect((await setting('max_connections'))?.setting).toBe('10');
      // PGlite's own defaults still apply (single user, no parallel workers).
      expect((await setting('max_parallel_workers'))?.setting).toBe('0');
      expect((await sql<{ n: number }>`select 1 + 1 as n`.execute(database.db)).rows[0]?.n).toBe(2);
    } finally {
      await dispose();
    }
  });

  // openDatabase compiles PGlite's WebAssembly once per process and instantiates it per database.
  it('opens two databases side by side from the one compiled module', { timeout: 60_000 }, async () => {
    const [first, second] = await Promise.all([clonePgliteTemplate(inject('pgliteTemplate')), clonePgliteTemplate(inject('pgliteTemplate'))]);
    try {
      await sql`create table only_here (n int)`.execute(first.database.db);
      expect((await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'only_here'`.execute(second.database.db)).rows[0]?.n).toBe(0);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});
