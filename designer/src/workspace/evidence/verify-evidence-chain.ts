import type { EvidenceCheckpoint, EvidenceEntry, InstanceEvidence } from '@baton/client';
import { canonicalJson } from '@baton/engine';
import { ed25519Supported, importKeyWithId, sha256HexOfText, signatureValid, verifyInclusion } from './evidence-crypto.js';

/** What failed, in the words of runtime-api `verifyEvidence` (the CLI's `baton audit verify-evidence`). */
export type EvidenceProblemCode = 'malformed' | 'canonical' | 'hash' | 'link' | 'subject' | 'no-checkpoint' | 'proof' | 'signature' | 'head-signature';

export interface EvidenceProblem {
  code: EvidenceProblemCode;
  /** The entry it is about; absent for a checkpoint or the signed head. */
  seq?: number;
}

export interface BrowserEvidenceCheck {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** 'unsupported': this browser has no Ed25519 in WebCrypto, so only hashes, links and proofs were checked. */
  signatures: 'checked' | 'unsupported';
  /** The first problem in chain order (checkpoint problems first), or null when everything checked out. */
  firstBroken: EvidenceProblem | null;
  problems: EvidenceProblem[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Steps 1–3 of the README for one entry: canonical form, hash, link to its predecessor, inclusion proof. */
async function checkEntry(e: EvidenceEntry, previous: EvidenceEntry | undefined, evidence: InstanceEvidence, checkpoints: Map<number, EvidenceCheckpoint>): Promise<EvidenceProblemCode[]> {
  const found: EvidenceProblemCode[] = [];
  const content = { seq: e.seq, at: e.at, actor: e.actor, action: e.action, subjectKind: e.subjectKind, subjectId: e.subjectId, data: e.data };
  if (canonicalJson(content) !== e.canonical) found.push('canonical');
  if ((await sha256HexOfText(e.prevHash + e.canonical)) !== e.hash) found.push('hash');
  if (e.subjectKind !== 'instance' || e.subjectId !== evidence.instanceId) found.push('subject');
  if (previous && e.seq === previous.seq + 1 && e.prevHash !== previous.hash) found.push('link');
  const cp = checkpoints.get(e.checkpoint);
  if (!cp || e.seq < cp.fromSeq || e.seq > cp.toSeq) found.push('no-checkpoint');
  else if (!HEX64.test(e.hash) || !(await verifyInclusion(e.hash, e.seq - cp.fromSeq, cp.toSeq - cp.fromSeq + 1, e.proof, cp.root))) found.push('proof');
  return found;
}

/** Step 4: every checkpoint and the signed head carry a valid Ed25519 signature by the key their id names. */
async function checkSignatures(evidence: InstanceEvidence): Promise<EvidenceProblem[]> {
  const chainId = evidence.chainId ?? '';
  const found: EvidenceProblem[] = [];
  for (const cp of evidence.checkpoints) {
    const pem = evidence.publicKeys[cp.keyId];
    const key = pem ? await importKeyWithId(pem, cp.keyId) : null;
    const content = { chainId, fromSeq: cp.fromSeq, toSeq: cp.toSeq, root: cp.root, headHash: cp.headHash, at: cp.at };
    if (!key || !(await signatureValid(key, 'checkpoint', content, cp.signature))) found.push({ code: 'signature' });
  }
  const head = evidence.signedHead;
  if (head) {
    const pem = evidence.publicKeys[head.keyId];
    const key = pem ? await importKeyWithId(pem, head.keyId) : null;
    const content = { chainId: head.chainId, seq: head.seq, hash: head.hash, at: head.at };
    if (!key || head.chainId !== chainId || !(await signatureValid(key, 'head', content, head.signature))) found.push({ code: 'head-signature' });
  }
  return found;
}

function wellFormed(evidence: unknown): evidence is InstanceEvidence {
  const e = evidence as Partial<InstanceEvidence> | null;
  return !!e && e.format === 'baton-audit-evidence/v1' && typeof e.instanceId === 'string' && Array.isArray(e.entries) &&
    Array.isArray(e.checkpoints) && typeof e.publicKeys === 'object' && e.publicKeys !== null;
}

/**
 * Recomputes an instance's evidence in the browser exactly as runtime-api README "Evidence for one instance,
 * verified offline" documents, with no trust in the server's own verdict: the same bytes, the same hashes.
 */
export async function verifyEvidenceChain(evidence: unknown): Promise<BrowserEvidenceCheck> {
  if (!wellFormed(evidence)) {
    const problem: EvidenceProblem = { code: 'malformed' };
    return { ok: false, entries: 0, checkpoints: 0, signatures: 'checked', firstBroken: problem, problems: [problem] };
  }
  const canSign = await ed25519Supported();
  const problems: EvidenceProblem[] = canSign ? await checkSignatures(evidence) : [];
  const checkpoints = new Map(evidence.checkpoints.map((cp) => [cp.toSeq, cp] as const));
  let previous: EvidenceEntry | undefined;
  for (const entry of evidence.entries) {
    const codes = await checkEntry(entry, previous, evidence, checkpoints).catch((): EvidenceProblemCode[] => ['malformed']);
    for (const code of codes) problems.push({ code, seq: entry.seq });
    previous = entry;
  }
  return {
    ok: problems.length === 0,
    entries: evidence.entries.length,
    checkpoints: checkpoints.size,
    signatures: canSign ? 'checked' : 'unsupported',
    firstBroken: problems[0] ?? null,
    problems,
  };
}
