import type { IsoDateTime, JsonObject } from './common.js';

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** Hash of the last entry, or null for an empty log. */
  head: string | null;
  /** The first sequence number whose entry does not follow the chain. */
  firstBrokenSeq?: number;
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
}

export interface InstanceEvidence {
  instanceId: string;
  entries: EvidenceEntry[];
  [extra: string]: unknown;
}
