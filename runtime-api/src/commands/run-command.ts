import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { completeIdempotencyKey } from '../idempotency/idempotency-claim.js';

const MAX_TRIES = 3;
const RETRYABLE = new Set(['23505', '40001', '40P01']);

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

export interface CommandResult<T> {
  status: number;
  body: T;
}

/**
 * Runs one command as one transaction: the work, its audit entries and the stored idempotent response
 * commit together or not at all. Inside `work`, use only `trx` (PGlite has a single connection: a query on
 * the outer `db` would wait for this transaction forever).
 */
export async function runCommand<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Transaction<Database>) => Promise<CommandResult<T>>,
): Promise<T> {
  const claim = request.idempotencyClaim;
  const attempt = () =>
    request.server.baton.database.db.transaction().execute(async (trx) => {
      const outcome = await work(trx);
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
      // A concurrent command won a race (same new key, deadlock): run again on what it committed. After
      // the last try the error handler answers 409.
      if (tries >= MAX_TRIES || !isRetryable(err)) throw err;
      request.log.debug({ err, tries }, 'retrying a command after a concurrent write');
    }
  }
  // Completed with the commit: nothing left for the release hook to free.
  if (claim) request.idempotencyClaim = null;
  reply.status(result.status);
  return result.body;
}
