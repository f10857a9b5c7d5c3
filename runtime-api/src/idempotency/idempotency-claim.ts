import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { canonicalJson } from '../audit/canonical-json.js';

/** A key this request owns until its command commits (completed) or fails (released). */
export interface IdempotencyClaim {
  principal: string;
  key: string;
  requestHash: string;
}

export type ClaimResult =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

/** What "the same request" means: same method, URL (with query) and canonical body. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n`).update(canonicalJson(body ?? null)).digest('hex');
}

/**
 * Claims a key in its own short transaction, committed before the command starts, so a concurrent request
 * with the same key sees it in flight. A claim whose lease ran out (its process died) may be taken over;
 * completion re-checks ownership, so even then only one command commits.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  claim: IdempotencyClaim,
  leaseSeconds: number,
): Promise<ClaimResult> {
  const lockedUntil = sql<Date>`now() + make_interval(secs => ${leaseSeconds})`;
  const taken = await db
    .insertInto('idempotency_keys')
    .values({
      principal: claim.principal,
      key: claim.key,
      request_hash: claim.requestHash,
      state: 'in_flight',
      response_status: null,
      response_body: null,
      locked_until: lockedUntil,
    })
    .onConflict((oc) =>
      oc
        .columns(['principal', 'key'])
        .doUpdateSet({ locked_until: lockedUntil })
        .where('idempotency_keys.state', '=', 'in_flight')
        .where('idempotency_keys.request_hash', '=', claim.requestHash)
        .where('idempotency_keys.locked_until', '<', sql<Date>`now()`),
    )
    .returning('key')
    .executeTakeFirst();
  if (taken) return { kind: 'claimed', claim };
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'response_status', 'response_body'])
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  // Released between our insert and this read: the caller may simply retry.
  if (!row) return { kind: 'in-flight' };
  if (row.request_hash !== claim.requestHash) return { kind: 'mismatch' };
  if (row.state === 'in_flight') return { kind: 'in-flight' };
  return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
}

/**
 * Stores the response inside the command's transaction: the key is completed exactly when the command's
 * changes commit. Returns false when the claim was lost (lease expired and taken over); the caller must
 * then roll back.
 */
export async function completeIdempotencyKey(
  trx: Kysely<Database>,
  claim: IdempotencyClaim,
  status: number,
  body: unknown,
): Promise<boolean> {
  const result = await trx
    .updateTable('idempotency_keys')
    .set({ state: 'completed', response_status: status, response_body: JSON.stringify(body ?? null) })
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .where('state', '=', 'in_flight')
    .where('request_hash', '=', claim.requestHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Frees a claim whose command failed, so the client can retry with the same key. */
export async function releaseIdempotencyKey(db: Kysely<Database>, claim: IdempotencyClaim): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .where('state', '=', 'in_flight')
    .where('request_hash', '=', claim.requestHash)
    .execute();
}
