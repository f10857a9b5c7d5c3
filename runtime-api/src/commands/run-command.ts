import type { FastifyReply, FastifyRequest } from 'fastify';
import { CompiledQuery, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { auditInsertText, auditParams, holdAudit, insertHeldAudit, takeHeldAudit, type AuditInput } from '../audit/append-audit.js';
import { commitAfter } from '../db/deferred-transaction.js';
import { ApiError } from '../errors/api-error.js';
import { rememberVersions, VERSIONS_SELECT_TEXT, versionsOf } from '../execution/command-versions.js';
import { hot, isStalePlan } from '../execution/prepared-statements.js';
import { allowHeldStepWrite, heldStepError, heldStepText, sendHeldStepWrite, takeHeldStepWrite, type HeldStepWrite } from '../execution/held-step-write.js';
import {
  claimInCommand,
  claimInCommandWith,
  completeIdempotencyKey,
  storeResponse,
  storedResponse,
  type IdempotencyClaim,
  type InCommandClaim,
} from '../idempotency/idempotency-claim.js';
import type { FirstRead } from './first-read.js';

const MAX_TRIES = 3;
const RETRYABLE = new Set(['23505', '40001', '40P01']);

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // A prepared statement planned before a migration changed its `*`: the retry prepares it afresh.
  return (typeof code === 'string' && RETRYABLE.has(code)) || isStalePlan(err);
}

export interface CommandResult<T> {
  status: number;
  body: T;
}

/** The key's answer was already stored: thrown inside the transaction (rolling it back), answered outside. */
class Replay {
  constructor(readonly status: number, readonly body: unknown) {}
}

/** Acts on the deferred key's check at the start of the transaction; throws what the client must hear instead of a run. */
function acceptClaim(trx: Transaction<Database>, result: InCommandClaim): void {
  switch (result.kind) {
    case 'go':
      rememberVersions(trx, result.versions);
      return;
    case 'replay':
      throw new Replay(result.status, result.body);
    case 'mismatch':
      throw new ApiError('BATON_E_IDEMPOTENCY_KEY_REUSED', {}, [], '/headers/idempotency-key');
    case 'in-flight':
      throw new ApiError('BATON_E_IDEMPOTENCY_IN_FLIGHT', {}, [], '/headers/idempotency-key');
  }
}

/** The deferred key's check, with the command's first read in the same statement when it has one. */
async function claimFirst<R>(trx: Transaction<Database>, claim: IdempotencyClaim, first: FirstRead<R> | undefined): Promise<R | undefined> {
  if (!first) {
    acceptClaim(trx, await claimInCommand(trx, claim));
    return undefined;
  }
  const both = await claimInCommandWith(trx, claim, first);
  acceptClaim(trx, both.claim);
  return both.first;
}

const lastAuditTexts = new Map<number, string>();

/**
 * The held audit entries — with the held step write in front, if any — as the transaction's last statement:
 * on PostgreSQL the commit travels with it.
 */
async function insertHeldAuditLast(trx: Transaction<Database>, entries: readonly AuditInput[], step: HeldStepWrite | undefined): Promise<void> {
  if (step) {
    const key = `${step.key}\u0000${entries.length}`;
    let text = lastStepTexts.get(key);
    if (text === undefined) {
      text = commitAfter(hot(heldStepText(step, entries.length > 0 ? [`"held_audit" as (${auditInsertText(entries.length, step.params.length)})`] : [])));
      if (lastStepTexts.size < 256) lastStepTexts.set(key, text);
    }
    try {
      await trx.executeQuery(CompiledQuery.raw(text, auditParams(entries, [...step.params])));
    } catch (err) {
      throw heldStepError(err);
    }
    return;
  }
  if (entries.length === 0) return;
  let text = lastAuditTexts.get(entries.length);
  if (text === undefined) {
    text = commitAfter(hot(auditInsertText(entries.length)));
    if (lastAuditTexts.size < 64) lastAuditTexts.set(entries.length, text);
  }
  await trx.executeQuery(CompiledQuery.raw(text, auditParams(entries)));
}

const lastStepTexts = new Map<string, string>();

const withVersionsTexts = new Map<string, string>();

/** The first read joined laterally to the cache versions: its columns all null when it finds no row. */
function withVersionsText(firstText: string): string {
  let text = withVersionsTexts.get(firstText);
  if (text === undefined) {
    text = hot(
      `select v.directory_version as baton_v_directory, v.catalog_version as baton_v_catalog, v.catalog_written as baton_v_written, f.* ` +
        `from (select ${VERSIONS_SELECT_TEXT}) as v left join lateral (${firstText}) as f on true`,
    );
    if (withVersionsTexts.size < 64) withVersionsTexts.set(firstText, text);
  }
  return text;
}

/**
 * The first read without a deferred key to check with it: sent with the versions the command's caches
 * check (as the key's check carries them), so a command reading them at start costs no statement for them.
 */
async function readFirst<R>(trx: Transaction<Database>, first: FirstRead<R>): Promise<R> {
  const row = (await trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(withVersionsText(first.text), [...first.params]))).rows[0];
  if (!row) return first.read(undefined);
  const { baton_v_directory, baton_v_catalog, baton_v_written, ...rest } = row;
  rememberVersions(trx, versionsOf({ directory_version: baton_v_directory, catalog_version: baton_v_catalog, catalog_written: baton_v_written }));
  return first.read(rest);
}

/**
 * Runs one command as one transaction: the Idempotency-Key's check, the work, its audit entries and the
 * stored idempotent response commit together or not at all — one commit per command, nothing to release
 * when it fails. Inside `work`, use only `trx` (PGlite has a single connection: a query on the outer `db`
 * would wait for this transaction forever). `first`, the command's first read, is sent with the key's
 * check as one statement (see FirstRead); `work` receives what it read.
 */
export async function runCommand<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Transaction<Database>) => Promise<CommandResult<T>>,
): Promise<T>;
export async function runCommand<T, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Transaction<Database>, first: R) => Promise<CommandResult<T>>,
  first: FirstRead<R>,
): Promise<T>;
export async function runCommand<T, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Transaction<Database>, first: R) => Promise<CommandResult<T>>,
  first?: FirstRead<R>,
): Promise<T> {
  const claim = request.idempotencyClaim;
  const pipelines = request.server.baton.database.dialect === 'postgres';
  const attempt = () =>
    request.server.baton.database.db.transaction().execute(async (trx) => {
      const firstRead = claim?.deferred ? await claimFirst(trx, claim, first) : first ? await readFirst(trx, first) : undefined;
      // Audit entries of the pipeline wait for the last statement (appendAuditAtEnd): one round trip fewer.
      holdAudit(trx);
      // So may a step write its route forecast (step-writes.ts): PostgreSQL only, PGlite sends it at once.
      if (pipelines) allowHeldStepWrite(trx);
      // Without `first`, R is undefined (the first overload's work takes no second argument).
      const outcome = await work(trx, firstRead as R);
      const audit = takeHeldAudit(trx);
      const step = takeHeldStepWrite(trx);
      if (claim?.deferred) {
        await storeResponse(trx, claim, outcome.status, outcome.body, audit, step);
        return outcome;
      }
      if (claim && step) await sendHeldStepWrite(trx, step);
      if (claim) await insertHeldAudit(trx, audit);
      else await insertHeldAuditLast(trx, audit, step);
      if (claim && !(await completeIdempotencyKey(trx, claim, outcome.status, outcome.body))) {
        throw new ApiError('BATON_E_IDEMPOTENCY_IN_FLIGHT', {}, [], '/headers/idempotency-key');
      }
      return outcome;
    });
  let result: CommandResult<T>;
  for (let tries = 1; ; tries += 1) {
    try {
      result = await attempt();
      break;
    } catch (err) {
      if (err instanceof Replay) {
        result = { status: err.status, body: err.body as T };
        reply.header('idempotent-replayed', 'true');
        break;
      }
      // A concurrent command won a race (same new key, deadlock): run again on what it committed. After
      // the last try the error handler answers 409.
      if (tries < MAX_TRIES && isRetryable(err)) {
        request.log.debug({ err, tries }, 'retrying a command after a concurrent write');
        continue;
      }
      // The same key's first request may have committed in the instant between our check and our work
      // (its task is now closed, say): its stored answer, not our error, is what this client must hear.
      const stored = claim?.deferred ? await storedResponse(request.server.baton.database.db, claim).catch(() => undefined) : undefined;
      if (!stored) throw err;
      result = { status: stored.status, body: stored.body as T };
      reply.header('idempotent-replayed', 'true');
      break;
    }
  }
  // Completed with the commit: nothing left for the release hook to free.
  if (claim) request.idempotencyClaim = null;
  reply.status(result.status);
  return result.body;
}
