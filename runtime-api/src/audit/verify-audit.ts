import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** Hash of the last entry, or null for an empty log. */
  head: string | null;
  /** The first entry whose seq, prev_hash or hash does not follow from the entries before it. */
  firstBrokenSeq?: number;
}

const PAGE = 1000;

/**
 * Recomputes the chain from the first entry, a page at a time (the log outgrows memory). A gap in seq,
 * a prev_hash that is not the previous hash, or a hash that does not match the row's content breaks it.
 */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let head: string | null = null;
  let firstBrokenSeq: number | undefined;
  let cursor = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      entries += 1;
      head = row.hash;
      cursor = row.seq;
      if (firstBrokenSeq !== undefined) continue;
      const recomputed = chainHash(prevHash, {
        seq: row.seq,
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        subjectKind: row.subject_kind,
        subjectId: row.subject_id,
        data: row.data,
      });
      if (row.seq !== expectedSeq || row.prev_hash !== prevHash || row.hash !== recomputed) {
        // A missing row shows up at the first seq after the gap.
        firstBrokenSeq = row.seq === expectedSeq ? row.seq : expectedSeq;
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
    if (rows.length < PAGE) break;
  }
  return firstBrokenSeq === undefined ? { ok: true, entries, head } : { ok: false, entries, head, firstBrokenSeq };
}
