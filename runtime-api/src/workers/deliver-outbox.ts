import { sql } from 'kysely';
import type { ClaimedOutbox } from './outbox-claims.js';
import type { DeliveryLog, OutboxHandler, OutboxOutcome } from './outbox-handler.js';
import { retryDelayMs } from './retry-delay.js';
import { errorText, type WorkerContext } from './worker-context.js';
import { workerDb } from './worker-database.js';

/** What the delivery log keeps of a request or response body before it cuts it. */
const MAX_LOGGED_JSON = 32 * 1024;

/** A part of the handler's log, as stored: JSON, with a body too large to keep replaced by a preview. */
function bounded(part: DeliveryLog['request'] | DeliveryLog['response']): string | null {
  if (!part) return null;
  let text = JSON.stringify(part);
  if (text.length > MAX_LOGGED_JSON) {
    const body = JSON.stringify(part.body ?? null);
    text = JSON.stringify({ ...part, body: { truncated: true, bytes: body.length, preview: body.slice(0, 2000) } });
  }
  return text;
}

/** Runs the handler under a deadline; a throw or a timeout is a `retry`, never an unhandled rejection. */
async function runHandler(ctx: WorkerContext, handler: OutboxHandler, row: ClaimedOutbox, stop: AbortSignal): Promise<OutboxOutcome> {
  const controller = new AbortController();
  const onStop = () => controller.abort(stop.reason);
  stop.addEventListener('abort', onStop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<OutboxOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('handler timed out'));
      resolve({ status: 'retry', error: `the ${row.type} handler took longer than ${ctx.settings.handlerTimeoutMs} ms` });
    }, ctx.settings.handlerTimeoutMs);
  });
  try {
    const delivery = { id: row.id, instanceId: row.instanceId, effect: row.effect, idempotencyKey: row.idempotencyKey, attempt: row.attempts };
    const work = handler.handle(delivery as never, { db: ctx.db, config: ctx.config, now: new Date(), signal: controller.signal, log: ctx.log });
    return await Promise.race([work, deadline]);
  } catch (err) {
    return { status: 'retry', error: errorText(err) };
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}

/**
 * Delivers one claimed row and records the attempt: a delivery-log row and the outbox row's new state in
 * one transaction. A failed try whose lease passed to another worker meanwhile leaves that worker's state
 * alone and is logged as `lost`.
 */
export async function deliverOutbox(ctx: WorkerContext, handler: OutboxHandler, row: ClaimedOutbox, stop: AbortSignal): Promise<'delivered' | 'retry' | 'dead' | 'lost'> {
  const started = new Date();
  const outcome = await runHandler(ctx, handler, row, stop);
  const finished = new Date();
  const max = ctx.settings.outboxMaxAttempts;
  const status = outcome.status === 'retry' && row.attempts >= max ? 'dead' : outcome.status;
  const error = outcome.status === 'delivered' ? null : outcome.error.slice(0, 4000);
  const waitMs = outcome.status === 'retry' ? retryDelayMs(row.attempts, ctx.settings.retryBaseMs, outcome.retryAfterMs) : 0;
  const log = outcome.log ?? {};
  return ctx.db.transaction().execute(async (trx) => {
    const wdb = workerDb(trx);
    // A success counts whoever holds the lease now (it spares a second delivery); a failure only its holder's.
    let update = wdb
      .updateTable('outbox')
      .set({
        status: status === 'retry' ? 'pending' : status,
        next_attempt_at: status === 'retry' ? sql<Date>`now() + ${waitMs}::integer * interval '1 millisecond'` : sql<Date>`next_attempt_at`,
        locked_until: null,
        locked_by: null,
        last_error: error,
        delivered_at: status === 'delivered' ? finished : null,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'pending');
    if (status !== 'delivered') update = update.where('locked_by', '=', ctx.workerId);
    const updated = await update.returning('id').executeTakeFirst();
    const lost = !updated && status !== 'delivered';
    await wdb
      .insertInto('outbox_deliveries')
      .values({
        outbox_id: row.id,
        instance_id: row.instanceId,
        effect_type: row.type,
        attempt: row.attempts,
        status: lost ? 'lost' : status,
        error: status === 'dead' && outcome.status === 'retry' ? `${error} (attempt ${row.attempts} of ${max}: dead letter)` : error,
        request: bounded(log.request),
        response: bounded(log.response),
        note: [log.note, updated ? undefined : 'the lease had passed to another worker'].filter(Boolean).join('; ') || null,
        duration_ms: Math.round(log.durationMs ?? finished.getTime() - started.getTime()),
        worker: ctx.workerId,
        started_at: started,
        finished_at: finished,
      })
      .execute();
    if (status === 'dead') ctx.log.warn({ outboxId: row.id, type: row.type, attempt: row.attempts, err: error }, 'outbox delivery dead-lettered');
    return lost ? 'lost' : status;
  });
}
