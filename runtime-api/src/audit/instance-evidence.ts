import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditEntryContent } from './audit-chain.js';
import type { AuditChainer } from './audit-chainer.js';
import { canonicalJson } from '@baton/engine';
import { chainIdOf } from './chain-pending.js';
import { MerkleTree } from './merkle-tree.js';
import { readLatestHead, type SignedHead } from './signed-head.js';

export const EVIDENCE_FORMAT = 'baton-audit-evidence/v1';

export interface EvidenceEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** canonicalJson of { seq, at, actor, action, subjectKind, subjectId, data }: hash = sha256(prevHash ‖ canonical). */
  canonical: string;
  /** toSeq of the checkpoint whose Merkle root includes this entry. */
  checkpoint: number;
  /** RFC 9162 inclusion proof (hex, bottom up) of `hash` at index seq − fromSeq of that checkpoint's tree. */
  proof: string[];
}

export interface EvidenceCheckpoint {
  fromSeq: number;
  toSeq: number;
  root: string;
  headHash: string;
  at: string;
  keyId: string;
  /** base64 Ed25519 over `baton-audit-checkpoint/v1\n` + canonical JSON of { chainId, fromSeq, toSeq, root, headHash, at }. */
  signature: string;
}

export interface InstanceEvidence {
  format: typeof EVIDENCE_FORMAT;
  instanceId: string;
  chainId: string | null;
  generatedAt: string;
  entries: EvidenceEntry[];
  checkpoints: EvidenceCheckpoint[];
  /** SPKI PEM of every key that signed a checkpoint or the head here, by key id. */
  publicKeys: Record<string, string>;
  /** The newest head this server signed outside the database, when it writes one. */
  signedHead: SignedHead | null;
  /** Entries of the instance committed but not chained yet (not in this evidence). */
  pending: number;
}

/**
 * The instance's audit entries with what an offline verifier needs: each entry's canonical content,
 * prev_hash and hash, an inclusion proof into a signed checkpoint, the checkpoints and their public keys.
 * Other entries' content never leaves the server: a proof is only sibling hashes.
 */
export async function instanceEvidence(db: Kysely<Database>, chainer: AuditChainer, instanceId: string, headFile: string | null): Promise<InstanceEvidence> {
  await chainer.flush();
  const subjectEntries = () =>
    db.selectFrom('audit_log').selectAll().where('subject_kind', '=', 'instance').where('subject_id', '=', instanceId).where('seq', 'is not', null).orderBy('seq').execute();
  let rows = await subjectEntries();
  const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq! : 0;
  const covered = await db.selectFrom('audit_checkpoints').select('to_seq').orderBy('to_seq', 'desc').limit(1).executeTakeFirst();
  if (lastSeq > (covered?.to_seq ?? 0)) {
    await chainer.flush(true);
    rows = await subjectEntries();
  }

  const checkpointRows = rows.length === 0 ? [] : await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('to_seq', '>=', rows[0]!.seq!)
    .where('from_seq', '<=', rows[rows.length - 1]!.seq!)
    .orderBy('to_seq')
    .execute();
  const entries: EvidenceEntry[] = [];
  const publicKeys: Record<string, string> = {};
  let index = 0;
  for (const cp of checkpointRows) {
    const inRange = [];
    while (index < rows.length && rows[index]!.seq! <= cp.to_seq) inRange.push(rows[index++]!);
    if (inRange.length === 0) continue;
    const leaves = await db.selectFrom('audit_log').select('hash').where('seq', '>=', cp.from_seq).where('seq', '<=', cp.to_seq).orderBy('seq').execute();
    const tree = new MerkleTree(leaves.map((l) => l.hash ?? ''));
    publicKeys[cp.key_id] = cp.public_key;
    for (const row of inRange) {
      const content: AuditEntryContent = {
        seq: row.seq!,
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        subjectKind: row.subject_kind,
        subjectId: row.subject_id,
        data: row.data,
      };
      entries.push({ ...content, prevHash: row.prev_hash!, hash: row.hash!, canonical: canonicalJson(content), checkpoint: cp.to_seq, proof: tree.proof(row.seq! - cp.from_seq) });
    }
  }
  const chainId = await chainIdOf(db);
  const signedHead = headFile && chainId ? await readLatestHead(headFile, chainId) : null;
  if (signedHead && !publicKeys[signedHead.keyId] && signedHead.keyId === chainer.signer.keyId) publicKeys[signedHead.keyId] = chainer.signer.publicKeyPem;
  const pendingRow = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_kind', '=', 'instance')
    .where('subject_id', '=', instanceId)
    .where('hash', 'is', null)
    .executeTakeFirst();
  return {
    format: EVIDENCE_FORMAT,
    instanceId,
    chainId,
    generatedAt: new Date().toISOString(),
    entries,
    checkpoints: checkpointRows
      .filter((cp) => entries.some((e) => e.checkpoint === cp.to_seq))
      .map((cp) => ({ fromSeq: cp.from_seq, toSeq: cp.to_seq, root: cp.root, headHash: cp.head_hash, at: cp.at.toISOString(), keyId: cp.key_id, signature: cp.signature })),
    publicKeys,
    signedHead,
    pending: Number(pendingRow?.n ?? 0),
  };
}
