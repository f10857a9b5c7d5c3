import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { VERSIONS_SELECT_TEXT, versionsOf, type CommandVersions, type VersionsRow } from '../execution/command-versions.js';
import { hot } from '../execution/prepared-statements.js';
import type { Database } from '../db/database.js';
import { commitAfter } from '../db/deferred-transaction.js';
import { auditInsertText, auditParams, type AuditInput } from '../audit/append-audit.js';
import { canonicalJson } from '@baton/engine';
import { shiftParams, type FirstRead } from '../commands/first-read.js';
import { heldStepError, heldStepText, type HeldStepWrite } from '../execution/held-step-write.js';

/**
 * A request's Idempotency-Key. `deferred` (the plugin's claims): nothing is stored yet; runCommand checks
 * and stores the key inside the command's own transaction (claimInCommand / storeResponse). Otherwise the
 * key was claimed ahead in its own transaction (claimIdempotencyKey: uploads, which must claim before
 * streaming) and runCommand completes that claim.
 */
export interface IdempotencyClaim {
  principal: string;
  key: string;
  requestHash: string;
  deferred?: boolean;
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
  const row = await readKey(db, claim);
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

export type InCommandClaim =
  | { kind: 'go'; versions: CommandVersions }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

/**
 * The first statement of a command that carries a deferred key, in the command's transaction: a
 * transaction-scoped advisory lock on the key (taken without waiting: held → another request with this
 * key is running → 409), the stored answer if any, and the versions the command's caches check (so this
 * costs no extra round trip). Nothing is written here: storeResponse inserts the key with the answer at
 * the end, so claim, command and stored response commit together, and a crash leaves nothing to clean up.
 * The primary key on (principal, key) backs the lock up: a second insert fails and runCommand retries,
 * finding the stored answer.
 */
export async function claimInCommand(trx: Kysely<Database>, claim: IdempotencyClaim): Promise<InCommandClaim> {
  const row = (await trx.executeQuery<ClaimRow>(CompiledQuery.raw(hot(CLAIM_IN_COMMAND), [claim.principal, claim.key]))).rows[0];
  return judgeClaim(claim, row);
}

/**
 * claimInCommand and the command's first read in ONE statement: the read joined laterally to the key's
 * check, its row only when the command goes ahead (the check's columns come as one JSON `baton_key`, so
 * no column of the read can shadow them). One round trip instead of two.
 */
export async function claimInCommandWith<R>(trx: Kysely<Database>, claim: IdempotencyClaim, first: FirstRead<R>): Promise<{ claim: InCommandClaim; first: R }> {
  const params = [claim.principal, claim.key, ...first.params];
  const row = (await trx.executeQuery<Record<string, unknown> & { baton_key: unknown }>(CompiledQuery.raw(claimWithText(first.text), params))).rows[0];
  const { baton_key: keyJson, ...rest } = row ?? { baton_key: undefined };
  const key = (typeof keyJson === 'string' ? JSON.parse(keyJson) : keyJson) as ClaimRow | undefined;
  const judged = judgeClaim(claim, key);
  // When the command does not go ahead, the read's columns are all null and not read.
  return { claim: judged, first: first.read(judged.kind === 'go' && row ? rest : undefined) };
}

type ClaimRow = VersionsRow & { locked: boolean; request_hash: string | null; state: string | null; response_status: number | null; response_body: unknown };

function judgeClaim(claim: IdempotencyClaim, row: ClaimRow | undefined): InCommandClaim {
  if (!row || !row.locked) return { kind: 'in-flight' };
  if (row.request_hash === null) return { kind: 'go', versions: versionsOf(row) };
  if (row.request_hash !== claim.requestHash) return { kind: 'mismatch' };
  // An upload's claim (claimed ahead, its own lease) still running.
  if (row.state !== 'completed') return { kind: 'in-flight' };
  return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
}

const claimWithTexts = new Map<string, string>();

function claimWithText(firstText: string): string {
  let text = claimWithTexts.get(firstText);
  if (text === undefined) {
    text = hot(
      // The condition inside the OFFSET 0 subquery becomes a one-time filter checked before the read runs,
      // so a key in flight or already used takes no row lock (a join condition would lock, then discard).
      `select to_json(c) as baton_key, f.* from (${CLAIM_IN_COMMAND}) as c ` +
        `left join lateral (select * from (${shiftParams(firstText, 2)}) as f0 ` +
        `where c.locked and c.request_hash is null offset 0) as f on true`,
    );
    if (claimWithTexts.size < 64) claimWithTexts.set(firstText, text);
  }
  return text;
}

// The hot statements of a keyed command as fixed text (no query building per command; named prepared
// statements on PostgreSQL, see prepared-statements.ts).
const CLAIM_IN_COMMAND = `select pg_try_advisory_xact_lock(hashtextextended($1 || E'\\n' || $2, 0)) as locked,
       k.request_hash, k.state, k.response_status, k.response_body, ${VERSIONS_SELECT_TEXT}
from (select 1) as one
left join idempotency_keys as k on k.principal = $1 and k.key = $2`;

const KEY_COLUMNS = '"principal", "key", "request_hash", "state", "response_status", "response_body", "locked_until"';
const storeTexts = new Map<number, string>();

/**
 * INSERT of the key (`$1`…`$5`), after an INSERT of `auditCount` held audit entries in a CTE; the
 * transaction's last statement, so the commit travels with it on PostgreSQL (commitAfter).
 */
function storeText(auditCount: number): string {
  let text = storeTexts.get(auditCount);
  if (text === undefined) {
    const key = `insert into "idempotency_keys" (${KEY_COLUMNS}) values ($1, $2, $3, 'completed', $4, $5, now())`;
    text = commitAfter(hot(auditCount === 0 ? key : `with "held_audit" as (${auditInsertText(auditCount, 5)}) ${key}`));
    if (storeTexts.size < 64) storeTexts.set(auditCount, text);
  }
  return text;
}

/**
 * Stores a deferred key with the command's answer, in the command's transaction (after claimInCommand),
 * together with the audit entries the command held back (one statement: a data-modifying CTE) and, when its
 * step write was held (step-writes.ts), the step's rows too. It must be the transaction's LAST statement:
 * on PostgreSQL the commit is sent with it, and a failed commit is its error.
 */
export async function storeResponse(
  trx: Kysely<Database>,
  claim: IdempotencyClaim,
  status: number,
  body: unknown,
  audit: readonly AuditInput[] = [],
  step?: HeldStepWrite,
): Promise<void> {
  if (!step) {
    const params = auditParams(audit, [claim.principal, claim.key, claim.requestHash, status, JSON.stringify(body ?? null)]);
    await trx.executeQuery(CompiledQuery.raw(storeText(audit.length), params));
    return;
  }
  const params = auditParams(audit, [...step.params, claim.principal, claim.key, claim.requestHash, status, JSON.stringify(body ?? null)]);
  try {
    await trx.executeQuery(CompiledQuery.raw(storeWithStepText(step, audit.length), params));
  } catch (err) {
    throw heldStepError(err);
  }
}

const storeWithStepTexts = new Map<string, string>();

/** storeText with a held step write in front (step-writes.ts): the step's rows, the audit entries and the key, one statement. */
function storeWithStepText(step: HeldStepWrite, auditCount: number): string {
  const cacheKey = `${step.key}\u0000${auditCount}`;
  let text = storeWithStepTexts.get(cacheKey);
  if (text === undefined) {
    const n = step.params.length;
    const $ = (i: number) => `$${n + i}`;
    const more = [`"stored_key" as (insert into "idempotency_keys" (${KEY_COLUMNS}) values (${$(1)}, ${$(2)}, ${$(3)}, 'completed', ${$(4)}, ${$(5)}, now()))`];
    if (auditCount > 0) more.unshift(`"held_audit" as (${auditInsertText(auditCount, n + 5)})`);
    text = commitAfter(hot(heldStepText(step, more)));
    if (storeWithStepTexts.size < 256) storeWithStepTexts.set(cacheKey, text);
  }
  return text;
}

/** The stored answer of a completed key with this request's hash, if any (read outside any transaction). */
export async function storedResponse(db: Kysely<Database>, claim: IdempotencyClaim): Promise<{ status: number; body: unknown } | undefined> {
  const row = await readKey(db, claim);
  if (!row || row.state !== 'completed' || row.request_hash !== claim.requestHash) return undefined;
  return { status: row.response_status ?? 200, body: row.response_body };
}

/** A key's stored row (hash, state, answer), as claimIdempotencyKey and storedResponse judge it. */
function readKey(db: Kysely<Database>, claim: IdempotencyClaim) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'response_status', 'response_body'])
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .executeTakeFirst();
}
