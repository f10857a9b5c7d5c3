/**
 * What the database writes for one start and one completion of the bench flow (PostgreSQL only): rows per
 * table (inserted, updated, HOT), plpgsql calls per function (the triggers), and from the WAL (pg_waldump,
 * filtered to the scratch database's relations) index entries per index, heap records per table and bytes.
 * Not a timing: run it when judging what a change to the schema or the command path costs the database.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/runtime/db-writes-per-command.ts
 *   BENCH_WRITES_N=500  BENCH_WRITES_ENTRY=/other/checkout/runtime-api/src/server.ts   (defaults: 500, this tree)
 *   PG_WALDUMP=/usr/lib/postgresql/15/bin/pg_waldump  PG_WAL_DIR=/var/lib/postgresql/15/main/pg_wal
 *
 * WAL of other databases on the same cluster is left out (by database oid); commit records carry no
 * relation, so "commit" counts every database's and is only a rough figure on a shared machine. A temporary
 * replication slot holds the WAL until pg_waldump has read it; it goes with the connection.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { approve, setUpBenchFlow, startOne, warmUp } from './bench-flow.js';
import { createScratchDatabase } from './bench-database.js';
import { ADMIN_TOKEN, startBenchServer } from './bench-server.js';
import { runConcurrently } from './load-runner.js';

const N = Number(process.env.BENCH_WRITES_N ?? 500);
const WALDUMP = process.env.PG_WALDUMP ?? '/usr/lib/postgresql/15/bin/pg_waldump';
const WAL_DIR = process.env.PG_WAL_DIR ?? '/var/lib/postgresql/15/main/pg_wal';
/** PostgreSQL 15 backends flush their table and function counters when idle for up to 10 s. */
const STATS_FLUSH_MS = 11_000;

interface Snapshot {
  tables: Map<string, { ins: number; upd: number; hot: number; del: number }>;
  functions: Map<string, { calls: number; ms: number }>;
  lsn: string;
}

async function snapshot(client: pg.Client): Promise<Snapshot> {
  await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
  await client.query('select pg_stat_clear_snapshot()');
  const tables = await client.query<{ relname: string; ins: string; upd: string; hot: string; del: string }>(
    'select relname, n_tup_ins ins, n_tup_upd upd, n_tup_hot_upd hot, n_tup_del del from pg_stat_user_tables',
  );
  const functions = await client.query<{ funcname: string; calls: string; ms: string }>('select funcname, calls, total_time ms from pg_stat_user_functions');
  const lsn = await client.query<{ lsn: string }>('select pg_current_wal_lsn() lsn');
  return {
    tables: new Map(tables.rows.map((r) => [r.relname, { ins: +r.ins, upd: +r.upd, hot: +r.hot, del: +r.del }])),
    functions: new Map(functions.rows.map((r) => [r.funcname, { calls: +r.calls, ms: +r.ms }])),
    lsn: lsn.rows[0]!.lsn,
  };
}

const per = (n: number) => (n / N).toFixed(2);

function printRows(before: Snapshot, after: Snapshot): void {
  for (const [name, a] of after.tables) {
    const b = before.tables.get(name) ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const d = { ins: a.ins - b.ins, upd: a.upd - b.upd, hot: a.hot - b.hot, del: a.del - b.del };
    if (d.ins || d.upd || d.del) console.log(`  rows ${name.padEnd(28)} ins ${per(d.ins)} upd ${per(d.upd)} (hot ${per(d.hot)}) del ${per(d.del)}`);
  }
  for (const [name, f] of after.functions) {
    const b = before.functions.get(name) ?? { calls: 0, ms: 0 };
    if (f.calls > b.calls) console.log(`  plpgsql ${name.padEnd(25)} calls ${per(f.calls - b.calls)}, ${(((f.ms - b.ms) / N) * 1000).toFixed(0)} µs (wall, with what it runs)`);
  }
}

/** WAL records of the scratch database between two LSNs: count and bytes by relation and record kind. */
function printWal(from: string, to: string, dbOid: number, relNames: Map<number, string>): void {
  const text = execFileSync(WALDUMP, ['-p', WAL_DIR, '-s', from, '-e', to], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  const groups = new Map<string, { count: number; bytes: number; rec: number }>();
  let total = 0;
  let records = 0;
  for (const line of text.split('\n')) {
    const m = /rmgr: (\w+)\s+len \(rec\/tot\):\s+(\d+)\/\s*(\d+),.*?desc: (\S+)(.*)$/.exec(line);
    if (!m) continue;
    const [, rmgr, recBytes, bytes, kind, rest] = m;
    const rel = /rel \d+\/(\d+)\/(\d+)/.exec(rest!);
    if (rel && Number(rel[1]) !== dbOid) continue;
    if (!rel && rmgr !== 'Transaction') continue;
    const name = rel ? (relNames.get(Number(rel[2])) ?? `rel ${rel[2]}`) : 'commit (all databases)';
    const key = `${rmgr} ${kind} ${name}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0, rec: 0 };
    g.count += 1;
    g.bytes += Number(bytes);
    g.rec += Number(recBytes);
    if (rel) total += Number(bytes);
    if (rel) records += Number(recBytes);
    groups.set(key, g);
  }
  for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
    if (g.count / N < 0.05) continue; // page splits, prunes and other rare records
    console.log(`  wal ${key.padEnd(64)} ${per(g.count).padStart(6)} records ${per(g.bytes).padStart(8)} bytes (${per(g.rec)} without full-page images)`);
  }
  // Full-page images (the first change of a page after a checkpoint) depend on when checkpoints fall: compare runs on the records alone.
  console.log(`  wal total of this database's relations: ${per(total)} bytes per command (${per(records)} without full-page images)`);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL (PostgreSQL) is required');
  const scratch = await createScratchDatabase(url, 'baton_bench_writes');
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  await client.query(`alter database ${new URL(scratch.url).pathname.slice(1)} set track_functions = 'pl'`);
  // Keeps the WAL from here on until this connection closes (a checkpoint would otherwise recycle it before pg_waldump reads it).
  await client.query(`select pg_create_physical_replication_slot('baton_writes_${process.pid}', true, true)`);
  const server = await startBenchServer({ databaseUrl: scratch.url, ...(process.env.BENCH_WRITES_ENTRY ? { entry: process.env.BENCH_WRITES_ENTRY } : {}) });
  try {
    const actors = await setUpBenchFlow(server.url, ADMIN_TOKEN);
    await warmUp(actors, 200, 8);
    const dbOid = Number((await client.query<{ oid: string }>('select oid from pg_database where datname = current_database()')).rows[0]!.oid);
    const ids: string[] = [];
    const s0 = await snapshot(client);
    await runConcurrently(Array.from({ length: N }, (_, i) => i), 8, async (i) => {
      ids.push(await startOne(actors, i));
    });
    const s1 = await snapshot(client);
    await runConcurrently(ids, 8, (id) => approve(actors, id));
    const s2 = await snapshot(client);
    const rels = await client.query<{ relfilenode: string; relname: string }>('select relfilenode, relname from pg_class where relfilenode <> 0');
    const relNames = new Map(rels.rows.map((r) => [Number(r.relfilenode), r.relname]));
    console.log(`per start (${N} starts, 8 clients):`);
    printRows(s0, s1);
    printWal(s0.lsn, s1.lsn, dbOid, relNames);
    console.log(`per completion (${N} approvals):`);
    printRows(s1, s2);
    printWal(s1.lsn, s2.lsn, dbOid, relNames);
  } finally {
    await client.end();
    await server.stop();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
