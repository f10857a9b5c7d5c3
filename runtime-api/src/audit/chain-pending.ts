import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
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

async function ensureChainId(trx: Transaction<Database>): Promise<string> {
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

/** The head and the last checkpoint in one round trip (after the lock: its snapshot sees the previous chainer's work). */
async function chainState(trx: Kysely<Database>): Promise<ChainState> {
  const row = (
    await sql<{ seq: number | null; hash: string | null; cp_to: number | null; cp_at: Date | null }>`
      select h.seq, h.hash, c.to_seq as cp_to, c.at as cp_at
      from (select 1) as one
      left join (select seq, hash from audit_log where seq is not null order by seq desc limit 1) as h on true
      left join (select to_seq, at from audit_checkpoints order by to_seq desc limit 1) as c on true`.execute(trx)
  ).rows[0];
  return {
    seq: row?.seq ?? 0,
    hash: row?.hash ?? null,
    checkpoint: row?.cp_to != null && row.cp_at ? { toSeq: row.cp_to, at: new Date(row.cp_at) } : null,
  };
}

/** Links up to BATCH committed, unchained entries after the head, in order of insertion id. */
async function linkBatch(trx: Transaction<Database>, head: { seq: number; hash: string | null }): Promise<{ seq: number; hash: string | null; linked: number }> {
  const rows = await trx
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'subject_kind', 'subject_id', 'data'])
    .where('hash', 'is', null)
    .orderBy('id')
    .limit(BATCH)
    .execute();
  if (rows.length === 0) return { ...head, linked: 0 };
  let seq = head.seq;
  let prevHash = head.hash ?? GENESIS_HASH;
  const links = rows.map((row) => {
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
    const link = { id: row.id, seq, prevHash, hash };
    prevHash = hash;
    return link;
  });
  const values = sql.join(links.map((l) => sql`(${l.id}::bigint, ${l.seq}::bigint, ${l.prevHash}::text, ${l.hash}::text)`));
  await sql`
    update audit_log as a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    from (values ${values}) as v(id, seq, prev_hash, hash)
    where a.id = v.id`.execute(trx);
  return { seq, hash: prevHash, linked: rows.length };
}

/** Signs checkpoints over the chained entries no checkpoint covers yet, when one is due. */
async function checkpointIfDue(trx: Transaction<Database>, headSeq: number, last: ChainState['checkpoint'], options: ChainOptions): Promise<number> {
  let written = 0;
  for (;;) {
    const covered = last?.toSeq ?? 0;
    const uncovered = headSeq - covered;
    if (uncovered <= 0) return written;
    const now = Date.now();
    const due =
      written > 0 ||
      options.forceCheckpoint === true ||
      uncovered >= (options.checkpointEvery ?? 4096) ||
      !last ||
      now - last.at.getTime() >= (options.checkpointIntervalMs ?? 5000);
    if (!due) return written;
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

/**
 * The chaining step: under a transaction-scoped advisory lock held for one short batch (not for any
 * command), links committed unchained entries after the current head, in order of commit as the chainer
 * sees them, then signs a checkpoint when one is due. Safe to run from any number of processes at once:
 * they take turns on the lock, and each sees what the one before linked.
 */
export async function chainPending(db: Kysely<Database>, options: ChainOptions): Promise<ChainResult> {
  let chained = 0;
  let checkpoints = 0;
  let head: { seq: number; hash: string | null } = { seq: 0, hash: null };
  for (let more = true; more; ) {
    await db.transaction().execute(async (trx) => {
      // Linking need not wait for its own WAL flush: if a crash loses it, the entries are simply unchained
      // again and relinked. Anything shown outside (a checkpoint, which evidence and signed heads need)
      // commits synchronously, and that flush makes every earlier link durable too (WAL is sequential).
      await sql`select set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
      const state = await chainState(trx);
      const linked = await linkBatch(trx, state);
      head = { seq: linked.seq, hash: linked.hash };
      chained += linked.linked;
      more = linked.linked === BATCH;
      if (head.seq > 0 && !more) {
        const written = await checkpointIfDue(trx, head.seq, state.checkpoint, options);
        if (written > 0) await sql`set local synchronous_commit = on`.execute(trx);
        checkpoints += written;
      }
    });
  }
  return { chained, headSeq: head.seq, headHash: head.hash, checkpoints };
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
