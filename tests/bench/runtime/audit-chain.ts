/**
 * Audited commits per second on real PostgreSQL, before and after the batch chainer (issue 3, "Audit").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/runtime/audit-chain.ts [seconds per figure, default 3]
 *
 * One "audited command" = one transaction that updates its writer's own row (no contention between
 * writers, so only the audit chain can serialise them) and appends one audit entry, then commits.
 *  - before: the old appendAudit (advisory lock held to commit, read previous hash, insert chained row)
 *  - after, waiting: appendAudit inserts unchained; after commit the writer waits for chainer.flush(), as
 *    the HTTP layer does before it answers
 *  - after, background: the same insert, nobody waits; the sweep links entries; the lag at the end is shown
 * Each scenario runs at 8 and 32 concurrent writers in a scratch database, in interleaved rounds beside
 * pgbench's TPC-B TPS at the same concurrency (the machine's capacity at that moment); then the chain is verified.
 */
import { createHash } from 'node:crypto';
import { AuditChainer } from '../../../runtime-api/src/audit/audit-chainer.js';
import { appendAudit } from '../../../runtime-api/src/audit/append-audit.js';
import { canonicalJson } from '@baton/engine';
import { verifyAudit } from '../../../runtime-api/src/audit/verify-audit.js';
import { migrateToLatest } from '../../../runtime-api/src/db/migrate.js';
import { openDatabase } from '../../../runtime-api/src/db/open-database.js';
import { createScratchDatabase } from './bench-database.js';
import { percentile } from './load-runner.js';
import { pgbenchAvailable, pgbenchInit, pgbenchRun } from './pgbench-baseline.js';

type Log = ConstructorParameters<typeof AuditChainer>[0]['log'];
const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silent, level: 'silent' } as unknown as Log;

const baseUrl = process.env.DATABASE_URL;
const seconds = Number(process.argv[2] ?? 3);
const ROUNDS = 3;
const withPgbench = pgbenchAvailable();

function median(runs: Figures[]): Figures {
  const sorted = [...runs].sort((a, b) => a.commitsPerSecond - b.commitsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const GENESIS = '0'.repeat(64);

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];
interface LockedAuditTable {
  seq: number; at: string; actor: string; action: string; subject_kind: string; subject_id: string; data: string; prev_hash: string; hash: string;
}

interface Figures {
  commitsPerSecond: number;
  p50: number;
  p99: number;
  count: number;
}

async function runFor(writers: number, ms: number, one: (writer: number, i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; performance.now() < end; i += 1) {
        const start = performance.now();
        await one(writer, i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { commitsPerSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}

/** The appender before 0007, verbatim in behaviour: the lock is held until the command commits. */
async function appendLocked(trx: Db, entry: { actor: string; action: string; subjectId: string; data: Record<string, unknown> }): Promise<void> {
  const t = trx.withTables<{ bench_audit_locked: LockedAuditTable }>();
  await t.selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.lit(7204311999)]).as('locked')).execute();
  const last = await t.selectFrom('bench_audit_locked').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const now = await t.selectNoFrom((eb) => eb.fn<Date>('clock_timestamp', []).as('now')).executeTakeFirstOrThrow();
  const content = { seq: (last?.seq ?? 0) + 1, at: new Date(now.now).toISOString(), actor: entry.actor, action: entry.action, subjectKind: 'bench', subjectId: entry.subjectId, data: entry.data };
  const prev = last?.hash ?? GENESIS;
  const hash = createHash('sha256').update(prev).update(canonicalJson(content)).digest('hex');
  await t.insertInto('bench_audit_locked').values({ seq: content.seq, at: content.at, actor: content.actor, action: content.action, subject_kind: 'bench', subject_id: content.subjectId, data: JSON.stringify(content.data), prev_hash: prev, hash }).execute();
}

const fmt = (f: Figures) => `${f.commitsPerSecond.toFixed(0).padStart(6)} commits/s   p50 ${f.p50.toFixed(1).padStart(5)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   (${f.count})`;

async function main(): Promise<void> {
  if (!baseUrl) {
    console.log('audit-chain benchmark skipped: DATABASE_URL is not set (it needs a real PostgreSQL)');
    return;
  }
  console.log(`audited commits on PostgreSQL, ${seconds} s per figure (one row update + one audit entry per transaction)\n`);
  for (const writers of [8, 32]) {
    const scratch = await createScratchDatabase(baseUrl, `baton_bench_audit_${writers}`);
    const database = await openDatabase({ databaseUrl: scratch.url, poolSize: writers + 4, onConnectionError: () => {} });
    const { db } = database;
    try {
      await migrateToLatest(db);
      if (withPgbench) pgbenchInit(scratch.url);
      await database.execScript(`
        create table bench_audit_locked (seq bigint primary key, at timestamptz not null, actor text not null, action text not null,
          subject_kind text not null, subject_id text not null, data jsonb not null, prev_hash text not null, hash text not null unique);`);
      // One instance row per writer: each command bumps its own instance's version, as a real command does.
      await db.insertInto('instances').values(Array.from({ length: writers }, (_, w) => ({
        id: `bench-${w}`, flow_key: 'bench', flow_version: 1, business_key: null, status: 'running', state: '{}', data: '{}', started_by: 'bench', completed_at: null,
      }))).execute();
      const bump = (trx: Db, writer: number) => trx.updateTable('instances').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', `bench-${writer}`).execute();
      const entry = (writer: number, i: number) => ({ actor: `user-${writer}`, action: 'task.approve', subjectKind: 'instance', subjectId: `instance-${writer}`, data: { i, taskId: `t-${i}` } });

      const chainer = new AuditChainer({ db, settings: { signingKey: '11'.repeat(32), headFile: null, headUrl: undefined, headIntervalMs: 0, trustedKeyIds: [], waitForChain: true }, dataDir: '/nonexistent', log: silent });
      const figures: Record<'pgbench' | 'before' | 'waiting' | 'background', Figures[]> = { pgbench: [], before: [], waiting: [], background: [] };
      let pending = 0;
      let catchUp = 0;
      // Interleaved rounds, median of each: the machine is shared, so load drifts during a run.
      for (let round = 0; round < ROUNDS; round += 1) {
        if (withPgbench) {
          const pgbench = pgbenchRun(scratch.url, writers, seconds);
          figures.pgbench.push({ commitsPerSecond: pgbench.tps, p50: pgbench.p50, p99: pgbench.p99, count: 0 });
        }
        figures.before.push(await runFor(writers, seconds * 1000, (w, i) => db.transaction().execute(async (trx) => {
          await bump(trx, w);
          await appendLocked(trx, entry(w, i));
        })));
        figures.waiting.push(await runFor(writers, seconds * 1000, async (w, i) => {
          await db.transaction().execute(async (trx) => {
            await bump(trx, w);
            await appendAudit(trx, entry(w, i));
          });
          await chainer.flush();
        }));
        chainer.start(); // the 1 s sweep only
        figures.background.push(await runFor(writers, seconds * 1000, (w, i) => db.transaction().execute(async (trx) => {
          await bump(trx, w);
          await appendAudit(trx, entry(w, i));
        })));
        pending = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('hash', 'is', null).executeTakeFirstOrThrow()).n);
        const t0 = performance.now();
        await chainer.stop();
        catchUp = performance.now() - t0;
      }
      const verified = await verifyAudit(db, { trustedKeys: { own: { keyId: chainer.signer.keyId, publicKeyPem: chainer.signer.publicKeyPem } } });
      const before = median(figures.before);

      console.log(`${writers} writers (median of ${ROUNDS} interleaved rounds of ${seconds} s)`);
      if (withPgbench) console.log(`  pgbench TPC-B baseline (same machine, same moment)  ${median(figures.pgbench).commitsPerSecond.toFixed(0).padStart(6)} tps`);
      console.log(`  before  (advisory lock to commit)   ${fmt(before)}`);
      for (const [label, key] of [['after   (wait for the chainer)     ', 'waiting'], ['after   (background chaining)      ', 'background']] as const) {
        const f = median(figures[key]);
        console.log(`  ${label} ${fmt(f)}   ${(f.commitsPerSecond / before.commitsPerSecond).toFixed(2)}x`);
      }
      console.log(`          last round: ${pending} entries pending when the writers stopped, chained in ${catchUp.toFixed(0)} ms; verify: ok=${verified.ok}, ${verified.entries} entries, ${verified.checkpoints} checkpoints\n`);
      if (!verified.ok) process.exitCode = 1;
    } finally {
      await database.close();
      await scratch.drop();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
