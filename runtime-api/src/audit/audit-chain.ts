import { createHash } from 'node:crypto';
import { canonicalJson } from '@baton/engine';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an audit row that the hash covers: everything but the hashes themselves. */
export interface AuditEntryContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/** hash = sha256(prev_hash ‖ canonical JSON of the entry), hex. */
export function chainHash(prevHash: string, entry: AuditEntryContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}
