import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';
import { keyIdOfPem, verifySignature } from './audit-signer.js';
import { chainIdOf } from './chain-pending.js';
import { merkleRoot } from './merkle-tree.js';
import { headSignatureValid, readLatestHead, type SignedHead } from './signed-head.js';

export type AuditProblemKind =
  /** An entry's content or hashes do not follow from the entries before it (altered). */
  | 'entry-altered'
  /** A sequence number is missing (a deleted entry). */
  | 'entry-missing'
  /** A checkpoint's Merkle root or head hash does not match the chain (the chain was rewritten). */
  | 'checkpoint-mismatch'
  /** A checkpoint's signature is invalid or made by a key this process does not trust. */
  | 'checkpoint-untrusted'
  /** Checkpoints are not contiguous (one was deleted). */
  | 'checkpoint-missing'
  /** The database's chain ends before a signed head or checkpoint said it reached (a deleted tail). */
  | 'truncated'
  /** The entry at the signed head's seq has another hash (the chain was rewritten). */
  | 'head-mismatch'
  /** The signed head's signature is invalid or made by an untrusted key. */
  | 'head-signature-invalid';

export interface AuditProblem {
  kind: AuditProblemKind;
  seq?: number;
}

export interface AuditVerification {
  ok: boolean;
  /** Chained entries. */
  entries: number;
  /** Hash of the last chained entry, or null for an empty log. */
  head: string | null;
  /** The first entry whose seq, prev_hash or hash does not follow, or the first seq missing at the end. */
  firstBrokenSeq?: number;
  /** Committed entries the chainer has not linked yet (not covered by this verification). */
  pending: number;
  /** Signed checkpoints checked against the chain. */
  checkpoints: number;
  /** The newest head this process signed outside the database, when it writes one. */
  signedHead?: { seq: number; hash: string; at: string; keyId: string; valid: boolean; matches: boolean };
  problems?: AuditProblem[];
}

export interface VerifyAuditOptions {
  /** Public keys (SPKI PEM) whose signatures count, by key id: this process's and BATON_AUDIT_TRUSTED_KEYS. */
  trustedKeys?: { own?: { keyId: string; publicKeyPem: string }; keyIds?: readonly string[] };
  /** BATON_AUDIT_HEAD_FILE: compare the chain with the newest signed head in it. */
  headFile?: string | null;
}

const PAGE = 1000;

interface CheckpointRow {
  from_seq: number;
  to_seq: number;
  root: string;
  head_hash: string;
  at: Date;
  key_id: string;
  public_key: string;
  signature: string;
}

/**
 * Recomputes the chain from the first entry, a page at a time (the log outgrows memory). A gap in seq,
 * a prev_hash that is not the previous hash, or a hash that does not match the row's content breaks it.
 * Signed checkpoints are checked against the stored hashes (Merkle root, head hash, signature), and the
 * newest signed head outside the database against the end of the chain, which is what reveals a
 * deleted tail.
 */
export async function verifyAudit(db: Kysely<Database>, options: VerifyAuditOptions = {}): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const problem = (kind: AuditProblemKind, seq?: number) => {
    if (problems.length < 20) problems.push(seq === undefined ? { kind } : { kind, seq });
  };
  const own = options.trustedKeys?.own;
  const trustedIds = new Set([...(own ? [own.keyId] : []), ...(options.trustedKeys?.keyIds ?? [])]);
  const trusted = (keyId: string, pem: string) => trustedIds.has(keyId) && keyIdOfPem(pem) === keyId;

  const chainId = await chainIdOf(db);
  const signed: SignedHead | null = options.headFile && chainId ? await readLatestHead(options.headFile, chainId) : null;
  const signedHeadPem = signed ? (own && signed.keyId === own.keyId ? own.publicKeyPem : await pemOfKey(db, signed.keyId)) : null;
  let signedMatches = false;

  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let head: string | null = null;
  let firstBrokenSeq: number | undefined;
  let cursor = 0;

  // Checkpoints, walked alongside the entries.
  let cpCursor = 0;
  let cpQueue: CheckpointRow[] = [];
  let cpExhausted = false;
  let cpExpectedFrom = 1;
  let current: CheckpointRow | undefined;
  let leaves: string[] = [];
  let checkpoints = 0;
  const nextCheckpoint = async (): Promise<CheckpointRow | undefined> => {
    if (cpQueue.length === 0 && !cpExhausted) {
      cpQueue = (await db.selectFrom('audit_checkpoints').selectAll().where('to_seq', '>', cpCursor).orderBy('to_seq').limit(PAGE).execute()) as CheckpointRow[];
      if (cpQueue.length < PAGE) cpExhausted = true;
    }
    const cp = cpQueue.shift();
    if (cp) {
      cpCursor = cp.to_seq;
      if (cp.from_seq !== cpExpectedFrom) problem('checkpoint-missing', cpExpectedFrom);
      cpExpectedFrom = cp.to_seq + 1;
    }
    return cp;
  };
  current = await nextCheckpoint();

  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', cursor).orderBy('seq').limit(PAGE).execute();
    for (const row of rows) {
      const seq = row.seq!;
      const hash = row.hash!;
      entries += 1;
      head = hash;
      cursor = seq;
      if (firstBrokenSeq === undefined) {
        const recomputed = chainHash(prevHash, {
          seq,
          at: row.at.toISOString(),
          actor: row.actor,
          action: row.action,
          subjectKind: row.subject_kind,
          subjectId: row.subject_id,
          data: row.data,
        });
        if (seq !== expectedSeq) {
          // A missing row shows up at the first seq after the gap.
          firstBrokenSeq = expectedSeq;
          problem('entry-missing', expectedSeq);
        } else if (row.prev_hash !== prevHash || hash !== recomputed) {
          firstBrokenSeq = seq;
          problem('entry-altered', seq);
        }
      }
      prevHash = hash;
      expectedSeq = seq + 1;
      if (signed && seq === signed.seq) signedMatches = hash === signed.hash;

      while (current && current.to_seq < seq) current = await nextCheckpoint(); // a range with missing entries
      if (current && seq >= current.from_seq) {
        leaves.push(hash);
        if (seq === current.to_seq) {
          checkpoints += 1;
          const complete = leaves.length === current.to_seq - current.from_seq + 1;
          if (!complete || merkleRoot(leaves) !== current.root || current.head_hash !== hash) {
            // The stored hashes are not the ones signed: the chain was rewritten somewhere in this range.
            problem('checkpoint-mismatch', current.from_seq);
            if (firstBrokenSeq === undefined) firstBrokenSeq = current.from_seq;
          }
          const content = { chainId: chainId ?? '', fromSeq: current.from_seq, toSeq: current.to_seq, root: current.root, headHash: current.head_hash, at: current.at.toISOString() };
          if (!trusted(current.key_id, current.public_key) || !verifySignature(current.public_key, 'checkpoint', content, current.signature)) {
            problem('checkpoint-untrusted', current.from_seq);
          }
          leaves = [];
          current = await nextCheckpoint();
        }
      }
    }
    if (rows.length < PAGE) break;
  }

  const lastSeq = cursor;
  const truncatedAt = (claimedSeq: number) => {
    problem('truncated', lastSeq + 1);
    if (firstBrokenSeq === undefined || firstBrokenSeq > lastSeq + 1) firstBrokenSeq = lastSeq + 1;
    return claimedSeq;
  };
  // A checkpoint past the end of the chain: the entries it covered are gone.
  if (current && current.to_seq > lastSeq) truncatedAt(current.to_seq);

  let signedHead: AuditVerification['signedHead'];
  if (signed) {
    const valid = signedHeadPem !== null && trusted(signed.keyId, signedHeadPem) && headSignatureValid(signed, signedHeadPem);
    if (!valid) problem('head-signature-invalid', signed.seq);
    if (signed.seq > lastSeq) truncatedAt(signed.seq);
    else if (!signedMatches) {
      problem('head-mismatch', signed.seq);
      if (firstBrokenSeq === undefined) firstBrokenSeq = signed.seq;
    }
    signedHead = { seq: signed.seq, hash: signed.hash, at: signed.at, keyId: signed.keyId, valid, matches: signedMatches };
  }

  const pendingRow = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('hash', 'is', null).executeTakeFirst();
  const pending = Number(pendingRow?.n ?? 0);
  const result: AuditVerification = { ok: problems.length === 0, entries, head, pending, checkpoints };
  if (firstBrokenSeq !== undefined) result.firstBrokenSeq = firstBrokenSeq;
  if (signedHead) result.signedHead = signedHead;
  if (problems.length > 0) result.problems = problems;
  return result;
}

/** A key's PEM as recorded with the checkpoints it signed (trust is still decided by its id). */
async function pemOfKey(db: Kysely<Database>, keyId: string): Promise<string | null> {
  const row = await db.selectFrom('audit_checkpoints').select('public_key').where('key_id', '=', keyId).limit(1).executeTakeFirst();
  return row?.public_key ?? null;
}
