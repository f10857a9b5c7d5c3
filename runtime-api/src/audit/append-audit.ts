import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { chainHash, GENESIS_HASH, type AuditEntryContent } from './audit-chain.js';

export interface AuditInput {
  actor: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  data?: Record<string, unknown>;
  /** Defaults to the database clock at append time. */
  at?: Date;
}

// Any constant works; it only has to be the same in every process that appends.
const AUDIT_LOCK_KEY = 7_204_311_001;

/**
 * Appends one entry to the hash chain. Call it with the command's transaction, so the entry commits or
 * rolls back with the change it records.
 *
 * The transaction-scoped advisory lock orders appenders: the next seq and prev_hash are read under it and
 * it is held until commit. That is correct across processes, but it serialises every audited commit behind
 * the one before it (see README: throughput caveat). Take it as late in the command as possible.
 */
export async function appendAudit(trx: Kysely<Database>, input: AuditInput): Promise<{ seq: number; hash: string }> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let at = input.at;
  if (!at) {
    const row = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(trx);
    at = row.rows[0]?.now ?? new Date(0);
  }
  // Millisecond precision: what a JS Date carries, so the hash recomputes exactly from the stored row.
  const entry: AuditEntryContent = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(at.getTime()).toISOString(),
    actor: input.actor,
    action: input.action,
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    data: input.data ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, entry);
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject_kind: entry.subjectKind,
      subject_id: entry.subjectId,
      data: JSON.stringify(entry.data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { seq: entry.seq, hash };
}
