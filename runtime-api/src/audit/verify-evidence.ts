import { createHash } from 'node:crypto';
import type { AuditEntryContent } from './audit-chain.js';
import { keyIdOfPem, verifySignature } from './audit-signer.js';
import { canonicalJson } from '@baton/engine';
import type { EvidenceCheckpoint, EvidenceEntry } from './instance-evidence.js';
import { EVIDENCE_FORMAT } from './instance-evidence.js';
import { verifyInclusion } from './merkle-tree.js';
import { headSignatureValid, type SignedHead } from './signed-head.js';

export interface EvidenceProblem {
  code: 'malformed' | 'canonical' | 'hash' | 'link' | 'subject' | 'no-checkpoint' | 'proof' | 'signature' | 'untrusted-key' | 'head-signature';
  seq?: number;
  message: string;
}

export interface EvidenceCheck {
  ok: boolean;
  instanceId: string | null;
  entries: number;
  checkpoints: number;
  /** Ids of the keys whose signatures were checked: compare them with the server's published key id. */
  keyIds: string[];
  problems: EvidenceProblem[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);

function entryOk(e: unknown): e is EvidenceEntry {
  if (!isObject(e)) return false;
  return isInt(e.seq) && typeof e.at === 'string' && typeof e.actor === 'string' && typeof e.action === 'string' &&
    typeof e.subjectKind === 'string' && typeof e.subjectId === 'string' && isObject(e.data) && typeof e.prevHash === 'string' &&
    typeof e.hash === 'string' && typeof e.canonical === 'string' && isInt(e.checkpoint) && Array.isArray(e.proof) && e.proof.every((p) => typeof p === 'string');
}

function checkpointOk(c: unknown): c is EvidenceCheckpoint {
  if (!isObject(c)) return false;
  return isInt(c.fromSeq) && isInt(c.toSeq) && typeof c.root === 'string' && typeof c.headHash === 'string' && typeof c.at === 'string' &&
    typeof c.keyId === 'string' && typeof c.signature === 'string';
}

/**
 * Verifies a `GET /instances/:id/evidence` document offline, with no database and no server:
 * 1. every entry's `canonical` is the canonical JSON of its fields and hash = sha256(prevHash ‖ canonical);
 * 2. consecutive entries (seq n, n+1) link: prevHash of the second is the hash of the first;
 * 3. every entry's inclusion proof leads to the Merkle root of the checkpoint that covers its seq;
 * 4. every checkpoint (and the signed head) carries a valid Ed25519 signature by a key in `publicKeys`
 *    whose id matches the key; with `trustedKeyIds`, only those keys count.
 * The key ids in the result are what the reader compares with the server's published key id.
 */
export function verifyEvidence(evidence: unknown, options: { trustedKeyIds?: readonly string[] } = {}): EvidenceCheck {
  const problems: EvidenceProblem[] = [];
  const fail = (code: EvidenceProblem['code'], message: string, seq?: number) => problems.push(seq === undefined ? { code, message } : { code, seq, message });
  const result = (entries: number, checkpoints: number, keyIds: string[], instanceId: string | null): EvidenceCheck =>
    ({ ok: problems.length === 0, instanceId, entries, checkpoints, keyIds, problems });

  if (!isObject(evidence) || evidence.format !== EVIDENCE_FORMAT || typeof evidence.instanceId !== 'string' || !Array.isArray(evidence.entries) ||
    !Array.isArray(evidence.checkpoints) || !isObject(evidence.publicKeys)) {
    fail('malformed', `not a ${EVIDENCE_FORMAT} document (format, instanceId, entries, checkpoints, publicKeys)`);
    return result(0, 0, [], null);
  }
  const instanceId = evidence.instanceId;
  const chainId = typeof evidence.chainId === 'string' ? evidence.chainId : '';
  const publicKeys = evidence.publicKeys;
  const trusted = options.trustedKeyIds ? new Set(options.trustedKeyIds) : null;
  const keyIds = new Set<string>();
  const keyFor = (keyId: string, where: string, seq?: number): string | null => {
    const pem = publicKeys[keyId];
    if (typeof pem !== 'string' || keyIdOfPem(pem) !== keyId) {
      fail('signature', `${where}: no Ed25519 public key with id ${keyId} in publicKeys`, seq);
      return null;
    }
    if (trusted && !trusted.has(keyId)) {
      fail('untrusted-key', `${where}: signed by key ${keyId}, which is not among the trusted keys`, seq);
      return null;
    }
    keyIds.add(keyId);
    return pem;
  };

  const checkpoints = new Map<number, EvidenceCheckpoint>();
  for (const cp of evidence.checkpoints) {
    if (!checkpointOk(cp)) {
      fail('malformed', 'a checkpoint lacks fromSeq, toSeq, root, headHash, at, keyId or signature');
      continue;
    }
    checkpoints.set(cp.toSeq, cp);
    const pem = keyFor(cp.keyId, `checkpoint ${cp.fromSeq}..${cp.toSeq}`);
    const content = { chainId, fromSeq: cp.fromSeq, toSeq: cp.toSeq, root: cp.root, headHash: cp.headHash, at: cp.at };
    if (pem && !verifySignature(pem, 'checkpoint', content, cp.signature)) {
      fail('signature', `checkpoint ${cp.fromSeq}..${cp.toSeq}: the signature does not match its content`);
    }
  }

  let previous: EvidenceEntry | undefined;
  let count = 0;
  for (const e of evidence.entries) {
    if (!entryOk(e)) {
      fail('malformed', 'an entry lacks one of seq, at, actor, action, subjectKind, subjectId, data, prevHash, hash, canonical, checkpoint, proof');
      continue;
    }
    count += 1;
    const content: AuditEntryContent = { seq: e.seq, at: e.at, actor: e.actor, action: e.action, subjectKind: e.subjectKind, subjectId: e.subjectId, data: e.data };
    if (canonicalJson(content) !== e.canonical) fail('canonical', `entry ${e.seq}: "canonical" is not the canonical JSON of its fields`, e.seq);
    const recomputed = createHash('sha256').update(e.prevHash).update(e.canonical).digest('hex');
    if (recomputed !== e.hash) fail('hash', `entry ${e.seq}: sha256(prevHash ‖ canonical) is ${recomputed}, not ${e.hash}`, e.seq);
    if (e.subjectKind !== 'instance' || e.subjectId !== instanceId) fail('subject', `entry ${e.seq} is about ${e.subjectKind} ${e.subjectId}, not instance ${instanceId}`, e.seq);
    if (previous && e.seq === previous.seq + 1 && e.prevHash !== previous.hash) fail('link', `entry ${e.seq}: prevHash is not the hash of entry ${previous.seq}`, e.seq);
    previous = e;
    const cp = checkpoints.get(e.checkpoint);
    if (!cp || e.seq < cp.fromSeq || e.seq > cp.toSeq) {
      fail('no-checkpoint', `entry ${e.seq}: no checkpoint ending at ${e.checkpoint} covers it`, e.seq);
      continue;
    }
    if (!HEX64.test(e.hash) || !verifyInclusion(e.hash, e.seq - cp.fromSeq, cp.toSeq - cp.fromSeq + 1, e.proof, cp.root)) {
      fail('proof', `entry ${e.seq}: its inclusion proof does not lead to the root of checkpoint ${cp.fromSeq}..${cp.toSeq}`, e.seq);
    }
  }

  const head = evidence.signedHead as SignedHead | null | undefined;
  if (head) {
    const pem = isObject(head) && typeof head.keyId === 'string' ? keyFor(head.keyId, 'signed head') : null;
    if (pem && (head.chainId !== chainId || !headSignatureValid(head, pem))) fail('head-signature', 'the signed head\'s signature does not match its content or chain');
  }
  return result(count, checkpoints.size, [...keyIds], instanceId);
}
