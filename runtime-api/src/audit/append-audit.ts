import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export interface AuditInput {
  actor: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  data?: Record<string, unknown>;
  /** Defaults to the database clock at append time. */
  at?: Date;
}

/**
 * Appends one entry to the audit log. Call it with the command's transaction, so the entry commits or
 * rolls back with the change it records.
 *
 * The entry is inserted unchained: no lock, no read of the previous entry, so commands do not wait for
 * each other here. After commit the chainer (`chainPending`, run by every process) gives it its `seq`,
 * `prev_hash` and `hash` in order of commit; the HTTP layer waits for that before answering, so a client
 * that saw a 2xx can find its entry in the chain.
 */
export async function appendAudit(trx: Kysely<Database>, input: AuditInput): Promise<{ id: number }> {
  // Millisecond precision: what a JS Date carries, so the hash recomputes exactly from the stored row.
  const at = input.at ? new Date(input.at.getTime()).toISOString() : sql<string>`date_trunc('milliseconds', clock_timestamp())`;
  const row = await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: input.actor,
      action: input.action,
      subject_kind: input.subjectKind,
      subject_id: input.subjectId,
      data: JSON.stringify(input.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}
