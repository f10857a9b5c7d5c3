import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';
import { retryDelayMs } from './retry-delay.js';
import { workerDb, type WorkerDatabase } from './worker-database.js';

/**
 * Rows of the timer still due at the time it was claimed. JS dates hold milliseconds, the column holds
 * microseconds (`due_at = now()` in SQL), so equality is a one-millisecond window.
 */
export function dueAtIs(eb: ExpressionBuilder<WorkerDatabase, 'timers'>, dueAt: Date): Expression<SqlBool> {
  return eb.and([eb('due_at', '>=', dueAt), eb('due_at', '<', new Date(dueAt.getTime() + 1))]);
}

/** A timer row this worker holds a lease on. `attempts` already counts this try. */
export interface ClaimedTimer {
  id: string;
  instanceId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  dueAt: Date;
  attempts: number;
}

interface ClaimRow {
  id: string;
  instance_id: string | null;
  kind: string;
  payload: Record<string, unknown>;
  due_at: Date;
  attempts: number;
}

/**
 * Claims up to `limit` due timers in one statement: the inner SELECT skips rows another transaction holds
 * (FOR UPDATE SKIP LOCKED) and rows under a live lease or a retry wait (`locked_until` in the future), the
 * UPDATE takes the lease. Several processes claiming at once get disjoint batches. Status stays
 * `scheduled` while leased, so the pipeline can still move (re-plan) or cancel the timer meanwhile; the
 * firing transaction re-checks under the row lock.
 */
export async function claimTimers(db: Kysely<Database>, workerId: string, limit: number, leaseMs: number): Promise<ClaimedTimer[]> {
  const result = await sql<ClaimRow>`
    update timers t
       set locked_until = now() + ${leaseMs}::integer * interval '1 millisecond', locked_by = ${workerId}, attempts = t.attempts + 1
      from (select id from timers
             where status = 'scheduled' and due_at <= now() and (locked_until is null or locked_until <= now())
             order by due_at
             limit ${limit}
             for update skip locked) due
     where t.id = due.id
    returning t.id, t.instance_id, t.kind, t.payload, t.due_at, t.attempts`.execute(db);
  return result.rows
    .map((r) => ({ id: r.id, instanceId: r.instance_id, kind: r.kind, payload: r.payload, dueAt: new Date(r.due_at), attempts: r.attempts }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Gives claimed timers back untouched (shutdown before they started): claimable again at once. */
export async function releaseTimers(db: Kysely<Database>, workerId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await workerDb(db)
    .updateTable('timers')
    .set((eb) => ({ locked_until: null, locked_by: null, attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'scheduled')
    .execute();
}

type RetrySettings = { timerMaxAttempts: number; retryBaseMs: number };

/** A failed try's columns: `dead` after the last allowed attempt, else scheduled behind its backoff; no holder. */
function failedTry(timer: ClaimedTimer, error: string, settings: RetrySettings) {
  const dead = timer.attempts >= settings.timerMaxAttempts;
  const waitMs = dead ? 0 : retryDelayMs(timer.attempts, settings.retryBaseMs);
  const status: 'dead' | 'scheduled' = dead ? 'dead' : 'scheduled';
  return {
    dead,
    failed: {
      status,
      locked_until: dead ? null : sql<Date>`now() + ${waitMs}::integer * interval '1 millisecond'`,
      locked_by: null,
      last_error: error.slice(0, 4000),
    },
  };
}

/**
 * Records a failed try (the firing transaction rolled back): after the last allowed attempt the timer is
 * `dead`, otherwise it waits out the backoff under `locked_until` with no holder. Only the lease holder
 * may do this; a timer moved or taken over meanwhile is left alone.
 */
export async function failTimer(
  db: Kysely<Database>,
  workerId: string,
  timer: ClaimedTimer,
  error: string,
  settings: RetrySettings,
): Promise<'retry' | 'dead'> {
  const { dead, failed } = failedTry(timer, error, settings);
  const update = workerDb(db)
    .updateTable('timers')
    .set(failed)
    .where('id', '=', timer.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'scheduled')
    .where((eb) => dueAtIs(eb, timer.dueAt));
  const recorded = await update.returning('id').executeTakeFirst();
  // Moved (re-planned) meanwhile: it fires at its new time, so only the lease goes back.
  if (!recorded) await workerDb(db).updateTable('timers').set({ locked_until: null, locked_by: null }).where('id', '=', timer.id).where('locked_by', '=', workerId).execute();
  return dead ? 'dead' : 'retry';
}

/**
 * Checks and marks a whole batch fired in one statement (taking the timers' row locks): still scheduled,
 * still held by this worker, still due at the time claimed. Returns the ids marked; a timer that failed to
 * fire is then set back by `recordBatchFailure` in the same transaction.
 */
export async function markBatchFired(trx: Kysely<Database>, workerId: string, timers: readonly ClaimedTimer[], firedAt: Date): Promise<Set<string>> {
  if (timers.length === 0) return new Set();
  const claimed = sql.join(timers.map((t) => sql`(${t.id}::text, ${t.dueAt.toISOString()}::timestamptz)`));
  const result = await sql<{ id: string }>`
    update timers t
       set status = 'fired', fired_at = ${firedAt.toISOString()}::timestamptz, locked_until = null, locked_by = null, last_error = null
      from (values ${claimed}) as c(id, due_at)
     where t.id = c.id and t.status = 'scheduled' and t.locked_by = ${workerId}
       and t.due_at >= c.due_at and t.due_at < c.due_at + interval '1 millisecond'
    returning t.id`.execute(trx);
  return new Set(result.rows.map((r) => r.id));
}

/**
 * A timer of a batch failed (its savepoint rolled back to just after the batch's mark): back to
 * `scheduled` behind its backoff, or `dead` after the last attempt. The batch holds the row lock since the mark.
 */
export async function recordBatchFailure(
  trx: Kysely<Database>,
  timer: ClaimedTimer,
  error: string,
  settings: RetrySettings,
): Promise<'retry' | 'dead'> {
  const { dead, failed } = failedTry(timer, error, settings);
  await workerDb(trx)
    .updateTable('timers')
    .set({ ...failed, fired_at: null })
    .where('id', '=', timer.id)
    .execute();
  return dead ? 'dead' : 'retry';
}
