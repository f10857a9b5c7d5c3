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
  settings: { timerMaxAttempts: number; retryBaseMs: number },
): Promise<'retry' | 'dead'> {
  const dead = timer.attempts >= settings.timerMaxAttempts;
  const waitMs = dead ? 0 : retryDelayMs(timer.attempts, settings.retryBaseMs);
  const update = workerDb(db)
    .updateTable('timers')
    .set({
      status: dead ? 'dead' : 'scheduled',
      locked_until: dead ? null : sql<Date>`now() + ${waitMs}::integer * interval '1 millisecond'`,
      locked_by: null,
      last_error: error.slice(0, 4000),
    })
    .where('id', '=', timer.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'scheduled')
    .where((eb) => dueAtIs(eb, timer.dueAt));
  await update.execute();
  return dead ? 'dead' : 'retry';
}
