import { CompiledQuery, sql, type Kysely } from 'kysely';
import { hot } from '../execution/prepared-statements.js';
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
 * `prev_hash` and `hash` in order of commit: within CHAIN_DELAY_MS of the answer (audit-chainer.ts), or
 * before it with BATON_AUDIT_CHAIN_WAIT=on. Verify and evidence chain what is committed first.
 */
export async function appendAudit(trx: Kysely<Database>, input: AuditInput): Promise<{ id: number }> {
  const row = await trx.insertInto('audit_log').values(auditRow(input)).returning('id').executeTakeFirstOrThrow();
  return { id: row.id };
}

/** The row of one entry. Millisecond precision: what a JS Date carries, so the hash recomputes exactly from the stored row. */
export function auditRow(input: AuditInput) {
  const at = input.at ? new Date(input.at.getTime()).toISOString() : sql<string>`date_trunc('milliseconds', clock_timestamp())`;
  return {
    at,
    actor: input.actor,
    action: input.action,
    subject_kind: input.subjectKind,
    subject_id: input.subjectId,
    data: JSON.stringify(input.data ?? {}),
  };
}

/** Entries held back until the command's last statement, per transaction (see appendAuditAtEnd). */
const held = new WeakMap<object, AuditInput[]>();

/** runCommand: this transaction's entries may wait for its last statement (takeHeldAudit writes them there). */
export function holdAudit(trx: Kysely<Database>): void {
  held.set(trx, []);
}

/** The entries held for this transaction, which the caller must now write (in its last statement). */
export function takeHeldAudit(trx: Kysely<Database>): AuditInput[] {
  const entries = held.get(trx) ?? [];
  held.delete(trx);
  return entries;
}

/**
 * Appends an entry whose id the caller does not need. Inside runCommand it is written together with the
 * command's last statement (the stored Idempotency-Key answer): one round trip fewer per command. Elsewhere
 * (workers' own transactions) it is inserted at once, exactly as appendAudit.
 */
export async function appendAuditAtEnd(trx: Kysely<Database>, input: AuditInput): Promise<void> {
  const entries = held.get(trx);
  if (entries) entries.push(input);
  else await appendAudit(trx, input);
}

const AUDIT_COLUMNS = ['at', 'actor', 'action', 'subject_kind', 'subject_id', 'data'] as const;

/**
 * `insert into audit_log … values …` for `count` entries with placeholders from `$(offset + 1)`: the fixed
 * text of the held entries' INSERT (runCommand, storeResponse), so no query is built per command. An entry
 * without its own time takes the database clock at append time, as auditRow does.
 */
export function auditInsertText(count: number, offset = 0): string {
  const rows: string[] = [];
  for (let r = 0, n = offset; r < count; r += 1) {
    rows.push(`(coalesce($${++n}::timestamptz, date_trunc('milliseconds', clock_timestamp())), $${++n}, $${++n}, $${++n}, $${++n}, $${++n})`);
  }
  return `insert into "audit_log" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${rows.join(', ')}`;
}

/** The values of auditInsertText's placeholders, appended to `into`. */
export function auditParams(entries: readonly AuditInput[], into: unknown[] = []): unknown[] {
  for (const entry of entries) {
    into.push(entry.at ? new Date(entry.at.getTime()).toISOString() : null, entry.actor, entry.action, entry.subjectKind, entry.subjectId, JSON.stringify(entry.data ?? {}));
  }
  return into;
}

const heldTexts = new Map<number, string>();

/** Writes the entries a command held back (runCommand without an Idempotency-Key): one fixed-text INSERT. */
export async function insertHeldAudit(trx: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  let text = heldTexts.get(entries.length);
  if (text === undefined) {
    text = hot(auditInsertText(entries.length));
    if (heldTexts.size < 64) heldTexts.set(entries.length, text);
  }
  await trx.executeQuery(CompiledQuery.raw(text, auditParams(entries)));
}
