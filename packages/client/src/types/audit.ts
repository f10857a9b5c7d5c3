import type { IsoDateTime, JsonObject } from './common.js';

export interface AuditVerification {
  ok: boolean;
  /** Chained entries checked. */
  entries: number;
  /** Hash of the last entry, or null for an empty log. */
  head: string | null;
  /** The first sequence number whose entry does not follow the chain (or the first missing at the end). */
  firstBrokenSeq?: number;
  /** Committed entries not chained yet (not covered by this verification). */
  pending: number;
  /** Signed checkpoints checked against the chain. */
  checkpoints: number;
  /** The server's audit signing key id. */
  keyId: string;
  /** The newest head the server signed outside the database, when it writes one. */
  signedHead?: { seq: number; hash: string; at: IsoDateTime; keyId: string; valid: boolean; matches: boolean };
  /** What broke: entry-altered, entry-missing, checkpoint-mismatch, checkpoint-untrusted, checkpoint-missing, truncated, head-mismatch, head-signature-invalid. */
  problems?: Array<{ kind: string; seq?: number }>;
}

/** One audit entry with what is needed to recompute its hash offline. */
export interface EvidenceEntry {
  seq: number;
  at: IsoDateTime;
  actor: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  data: JsonObject;
  prevHash: string;
  hash: string;
  /** Canonical JSON of { seq, at, actor, action, subjectKind, subjectId, data }: hash = sha256(prevHash ‖ canonical). */
  canonical: string;
  /** toSeq of the checkpoint that covers the entry. */
  checkpoint: number;
  /** Merkle inclusion proof (RFC 9162) of hash into that checkpoint's root. */
  proof: string[];
}

export interface EvidenceCheckpoint {
  fromSeq: number;
  toSeq: number;
  root: string;
  headHash: string;
  at: IsoDateTime;
  keyId: string;
  signature: string;
}

export interface SignedAuditHead {
  chainId: string;
  seq: number;
  hash: string;
  at: IsoDateTime;
  keyId: string;
  signature: string;
}

/** `GET /instances/:id/evidence`: verify it offline with `baton audit verify-evidence <file>`. */
export interface InstanceEvidence {
  format: 'baton-audit-evidence/v1';
  instanceId: string;
  chainId: string | null;
  generatedAt: IsoDateTime;
  entries: EvidenceEntry[];
  checkpoints: EvidenceCheckpoint[];
  /** SPKI PEM by key id. */
  publicKeys: Record<string, string>;
  signedHead: SignedAuditHead | null;
  pending: number;
}
