import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { hot, lastResultOf } from '../execution/prepared-statements.js';
import type { Database } from '../db/database.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';
import type { AuditSigner } from './audit-signer.js';
import { merkleRoot } from './merkle-tree.js';

// Any constant works; it only has to be the same in every process that chains.
const CHAIN_LOCK_KEY = 7_204_311_001;
/** Entries linked per transaction: the lock is held for one batch only. */
const BATCH = 1000;
/** Largest range one checkpoint covers (its Merkle tree is rebuilt in memory for evidence). */
const MAX_CHECKPOINT_RANGE = 65_536;

export interface ChainOptions {
  signer: AuditSigner;
  /** A checkpoint is due when this many entries are not covered yet … */
  checkpointEvery?: number;
  /** … or when the last checkpoint is older than this and some entry is not covered. */
  checkpointIntervalMs?: number;
  /** Cover every chained entry with a checkpoint now (evidence needs one). */
  forceCheckpoint?: boolean;
}

export interface ChainResult {
  /** Entries linked by this call. */
  chained: number;
  headSeq: number;
  headHash: string | null;
  checkpoints: number;
}

export interface CheckpointContent {
  chainId: string;
  fromSeq: number;
  toSeq: number;
  root: string;
  headHash: string;
  at: string;
}

/** The chain's identity, created with the first chained entry. */
export async function chainIdOf(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('audit_chain').select('chain_id').executeTakeFirst();
  return row?.chain_id ?? null;
}

async function ensureChainId(trx: Kysely<Database>): Promise<string> {
  const existing = await chainIdOf(trx);
  if (existing) return existing;
  const chainId = randomUUID();
  await trx.insertInto('audit_chain').values({ chain_id: chainId }).execute();
  return chainId;
}

interface ChainState {
  seq: number;
  hash: string | null;
  /** The last checkpoint's end and time, if any. */
  checkpoint: { toSeq: number; at: Date } | null;
}

interface PendingRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  data: Record<string, unknown>;
}

/**
 * The head, the last checkpoint and up to BATCH committed, unchained entries (in insertion order), in one
 * round trip. Run after the lock: its snapshot then sees the previous chainer's work.
 */
const STATE_AND_PENDING = `select h.seq as head_seq, h.hash as head_hash, c.to_seq as cp_to, c.at as cp_at,
       p.id, p.at, p.actor, p.action, p.subject_kind, p.subject_id, p.data
from (select 1) as one
left join (select seq, hash from audit_log where seq is not null order by seq desc limit 1) as h on true
left join (select to_seq, at from audit_checkpoints order by to_seq desc limit 1) as c on true
left join (select id, at, actor, action, subject_kind, subject_id, data from audit_log where hash is null order by id limit $1) as p on true
order by p.id`;

type StateRow = { head_seq: number | null; head_hash: string | null; cp_to: number | null; cp_at: Date | null } & { [K in keyof PendingRow]: PendingRow[K] | null };

async function chainStateAndPending(trx: Kysely<Database>): Promise<{ state: ChainState; pending: PendingRow[] }> {
  return stateFromRows((await trx.executeQuery<StateRow>(CompiledQuery.raw(hot(STATE_AND_PENDING), [BATCH]))).rows);
}

function stateFromRows(rows: readonly StateRow[]): { state: ChainState; pending: PendingRow[] } {
  const first = rows[0];
  const state: ChainState = {
    seq: first?.head_seq ?? 0,
    hash: first?.head_hash ?? null,
    checkpoint: first?.cp_to != null && first.cp_at ? { toSeq: first.cp_to, at: new Date(first.cp_at) } : null,
  };
  return { state, pending: rows.filter((r) => r.id !== null) as PendingRow[] };
}

interface Link {
  id: number;
  seq: number;
  prevHash: string;
  hash: string;
}

/** The chain fields of the pending entries after the head, in order. */
function linksAfter(head: { seq: number; hash: string | null }, rows: readonly PendingRow[]): Link[] {
  let seq = head.seq;
  let prevHash = head.hash ?? GENESIS_HASH;
  return rows.map((row) => {
    seq += 1;
    const hash = chainHash(prevHash, {
      seq,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      data: row.data,
    });
    const link = { id: Number(row.id), seq, prevHash, hash };
    prevHash = hash;
    return link;
  });
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * The UPDATE that links entries, with its values written into the text: every value is a number or a hex
 * hash this process computed (checked here), so the statement needs no parameters and may travel in one
 * simple-protocol message with the COMMIT after it (PostgreSQL; see chainPending).
 */
function linkStatement(links: readonly Link[]): string {
  const values = links.map((l) => {
    if (!Number.isSafeInteger(l.id) || !Number.isSafeInteger(l.seq) || !HEX_HASH.test(l.prevHash) || !HEX_HASH.test(l.hash)) {
      throw new Error(`audit chain: unexpected link values for entry ${l.id}`);
    }
    return `(${l.id}::bigint, ${l.seq}::bigint, '${l.prevHash}'::text, '${l.hash}'::text)`;
  });
  return `update audit_log as a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash from (values ${values.join(', ')}) as v(id, seq, prev_hash, hash) where a.id = v.id`;
}

/** Whether a checkpoint is due over a head at `headSeq`, given the last one. */
function checkpointDue(headSeq: number, last: ChainState['checkpoint'], options: ChainOptions, written: number, now: number): boolean {
  const uncovered = headSeq - (last?.toSeq ?? 0);
  if (uncovered <= 0) return false;
  return (
    written > 0 ||
    options.forceCheckpoint === true ||
    uncovered >= (options.checkpointEvery ?? 4096) ||
    !last ||
    now - last.at.getTime() >= (options.checkpointIntervalMs ?? 5000)
  );
}

/** Signs checkpoints over the chained entries no checkpoint covers yet, when one is due. */
async function checkpointIfDue(trx: Kysely<Database>, headSeq: number, last: ChainState['checkpoint'], options: ChainOptions): Promise<number> {
  let written = 0;
  for (;;) {
    const covered = last?.toSeq ?? 0;
    const now = Date.now();
    if (!checkpointDue(headSeq, last, options, written, now)) return written;
    const toSeq = Math.min(headSeq, covered + MAX_CHECKPOINT_RANGE);
    const rows = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', '>', covered)
      .where('seq', '<=', toSeq)
      .orderBy('seq')
      .execute();
    const hashes = rows.map((r) => r.hash ?? '');
    const content: CheckpointContent = {
      chainId: await ensureChainId(trx),
      fromSeq: covered + 1,
      toSeq,
      root: merkleRoot(hashes),
      headHash: hashes[hashes.length - 1]!,
      at: new Date(now).toISOString(),
    };
    await trx
      .insertInto('audit_checkpoints')
      .values({
        from_seq: content.fromSeq,
        to_seq: content.toSeq,
        root: content.root,
        head_hash: content.headHash,
        at: content.at,
        key_id: options.signer.keyId,
        public_key: options.signer.publicKeyPem,
        signature: options.signer.sign('checkpoint', { ...content }),
      })
      .execute();
    written += 1;
    last = { toSeq: content.toSeq, at: new Date(now) };
  }
}

/** How a chain run talks to the database: its transaction's begin + lock and its commit. */
export type ChainDialect = 'postgres' | 'pglite';

const LOCK_SQL = `select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;

/**
 * One batch under the lock, on a connection in a transaction: reads, links, and signs a checkpoint when one
 * is due. `finish(statement)` runs the last write together with the commit when it can (PostgreSQL).
 */
async function chainBatch(
  trx: Kysely<Database>,
  options: ChainOptions,
  read: { state: ChainState; pending: PendingRow[] },
  finish: (lastWrite: string | null) => Promise<void>,
): Promise<{ head: { seq: number; hash: string | null }; linked: number; checkpoints: number }> {
  const { state, pending } = read;
  const links = linksAfter(state, pending);
  const last = links[links.length - 1];
  const head = last ? { seq: last.seq, hash: last.hash } : { seq: state.seq, hash: state.hash };
  const more = links.length === BATCH;
  const update = links.length > 0 ? linkStatement(links) : null;
  // No checkpoint due (most runs): the links travel with the commit.
  if (more || head.seq === 0 || !checkpointDue(head.seq, state.checkpoint, options, 0, Date.now())) {
    await finish(update);
    return { head, linked: links.length, checkpoints: 0 };
  }
  if (update) await sql.raw(update).execute(trx);
  const written = await checkpointIfDue(trx, head.seq, state.checkpoint, options);
  // Anything shown outside (a checkpoint, which evidence and signed heads need) commits synchronously.
  if (written > 0) await sql`set local synchronous_commit = on`.execute(trx);
  await finish(null);
  return { head, linked: links.length, checkpoints: written };
}

/**
 * The chaining step: under a transaction-scoped advisory lock held for one short batch (not for any
 * command), links committed unchained entries after the current head, in order of commit as the chainer
 * sees them, then signs a checkpoint when one is due. Safe to run from any number of processes at once:
 * they take turns on the lock, and each sees what the one before linked.
 *
 * Linking need not wait for its own WAL flush (synchronous_commit off): if a crash loses it, the entries
 * are simply unchained again and relinked; a checkpoint's synchronous commit makes every earlier link
 * durable too (WAL is sequential). On PostgreSQL a run is two round trips: BEGIN, the lock and the read
 * in one simple-protocol message, the links and the COMMIT in another; PGlite, which prepares every
 * statement, runs them one by one in a Kysely transaction (five).
 */
export async function chainPending(db: Kysely<Database>, options: ChainOptions, dialect: ChainDialect = 'pglite'): Promise<ChainResult> {
  let chained = 0;
  let checkpoints = 0;
  let head: { seq: number; hash: string | null } = { seq: 0, hash: null };
  for (let more = true; more; ) {
    const batch = dialect === 'postgres' ? await pipelinedBatch(db, options) : await transactionBatch(db, options);
    head = batch.head;
    chained += batch.linked;
    checkpoints += batch.checkpoints;
    more = batch.linked === BATCH;
  }
  return { chained, headSeq: head.seq, headHash: head.hash, checkpoints };
}

function transactionBatch(db: Kysely<Database>, options: ChainOptions) {
  return db.transaction().execute(async (trx) => {
    await sql.raw(LOCK_SQL).execute(trx);
    return chainBatch(trx, options, await chainStateAndPending(trx), async (lastWrite) => {
      if (lastWrite) await sql.raw(lastWrite).execute(trx);
    });
  });
}

/**
 * PostgreSQL: BEGIN + lock + the read in one simple-protocol message, the links + COMMIT in another (no
 * parameters: the batch size is a constant). Under READ COMMITTED each statement of the message takes its
 * own snapshot, so the read, which runs after the lock is granted, sees the previous chainer's work.
 */
const BEGIN_LOCK_READ = lastResultOf(`begin; ${LOCK_SQL}; ${STATE_AND_PENDING.replace('$1', String(BATCH))}`);

function pipelinedBatch(db: Kysely<Database>, options: ChainOptions) {
  return db.connection().execute(async (conn) => {
    try {
      const read = stateFromRows((await sql.raw<StateRow>(BEGIN_LOCK_READ).execute(conn)).rows);
      return await chainBatch(conn, options, read, async (lastWrite) => {
        await sql.raw(lastWrite ? `${lastWrite}; commit` : 'commit').execute(conn);
      });
    } catch (err) {
      // A failed statement in any message: roll back what is open, so the connection goes back to the pool
      // clean (a COMMIT after a failed UPDATE in the same message never ran; after a failed BEGIN there is
      // nothing to roll back, and that ROLLBACK only warns).
      await sql.raw('rollback').execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Whether a chaining run would find work: an unchained entry, or chained entries no checkpoint covers yet.
 * One read-only statement over two indexes; the sweep asks this first, so an idle process does not open a
 * locking transaction every second.
 */
export async function chainWorkPending(db: Kysely<Database>): Promise<boolean> {
  const row = (
    await sql<{ unchained: boolean; uncovered: boolean }>`
      select exists (select 1 from audit_log where hash is null) as unchained,
             coalesce((select max(seq) from audit_log), 0) > coalesce((select max(to_seq) from audit_checkpoints), 0) as uncovered`.execute(db)
  ).rows[0];
  return row?.unchained === true || row?.uncovered === true;
}
