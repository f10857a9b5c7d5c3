import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, RecordsTable } from '../db/database.js';
import { deferWrites, flushDeferredWrites, latestInstance } from '../execution/deferred-writes.js';
import { commandEnv } from '../execution/execution-services.js';
import { shareRelatedRecords } from '../records/related-records.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import { fireTimer, obsoleteReason, runTimer, timerRecordId, type FireOutcome } from './fire-timer.js';
import { markObsolete } from './timer-marks.js';
import { markBatchFired, recordBatchFailure, type ClaimedTimer } from './timer-claims.js';
import { errorText, isRace, type WorkerContext } from './worker-context.js';

/** Tries of one timer inside a batch when it lost a race (unique key, deadlock, concurrent write). */
const RACE_TRIES = 3;

/** What a batch did: each timer's outcome, and whether anything it committed wrote audit entries. */
export interface BatchResult {
  outcomes: Map<string, FireOutcome>;
  /** Fired or obsolete rows committed: audit entries may wait for the chainer. */
  committed: number;
}

/**
 * Lock order for every batch and every command: instances, then records, each by id. Timers of one
 * instance sit next to each other, so two batches (or a batch and a command) never wait on each other in a cycle.
 */
export function batchOrder(timers: readonly ClaimedTimer[]): ClaimedTimer[] {
  const key = (t: ClaimedTimer) => `${t.instanceId ?? ''}\u0000${timerRecordId(t) ?? ''}`;
  return [...timers].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.dueAt.getTime() - b.dueAt.getTime()));
}

/**
 * Largest batch: one transaction holds its instances' row locks until it commits, so commands on them wait
 * that long. Below 64 also keeps a savepoint batch's subtransactions within PostgreSQL's per-backend cache
 * (more would make every other session's snapshots slower until the batch commits).
 */
export const TIMER_BATCH = 50;

/**
 * Splits claimed timers (in `batchOrder`) into about `lanes` batches of at most `max`, never separating the
 * timers of one instance or record (each batch locks its own; two batches sharing one would wait in turn).
 */
export function splitBatches(claimed: readonly ClaimedTimer[], lanes: number, max: number): ClaimedTimer[][] {
  const ordered = batchOrder(claimed);
  const size = Math.max(1, Math.min(max, Math.ceil(ordered.length / Math.max(1, lanes))));
  const batches: ClaimedTimer[][] = [];
  let current: ClaimedTimer[] = [];
  let lastKey: string | undefined;
  for (const timer of ordered) {
    const key = timer.instanceId ?? timerRecordId(timer) ?? timer.id;
    if (current.length >= size && key !== lastKey) {
      batches.push(current);
      current = [];
    }
    current.push(timer);
    lastKey = key;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The instances and records of a batch, locked in one statement each, in id order. */
async function lockTargets(trx: Kysely<Database>, timers: readonly ClaimedTimer[]) {
  const instanceIds = [...new Set(timers.flatMap((t) => (t.instanceId ? [t.instanceId] : [])))].sort();
  const recordIds = [...new Set(timers.flatMap((t) => timerRecordId(t) ?? []))].sort();
  const instances = new Map<string, InstanceRow>();
  const records = new Map<string, Selectable<RecordsTable>>();
  if (instanceIds.length > 0) {
    for (const row of await trx.selectFrom('instances').selectAll().where('id', 'in', instanceIds).orderBy('id').forUpdate().execute()) instances.set(row.id, row);
  }
  if (recordIds.length > 0) {
    for (const row of await trx.selectFrom('records').selectAll().where('id', 'in', recordIds).orderBy('id').forUpdate().execute()) records.set(row.id, row);
  }
  return { instances, records };
}

/** The instance as an earlier timer of the batch left it (the batch holds its lock already). */
function lockedInstance(trx: Kysely<Database>, id: string): Promise<InstanceRow | undefined> {
  return trx.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A timer of a batch run without savepoints failed: the batch is rolled back and run again with them. */
class NeedsSavepoints extends Error {}

/**
 * Fires a batch of claimed timers in ONE transaction. The first run defers the batch's writes: every
 * timer's command runs as usual (engine, rules, effects) but its history rows, instance row and audit entry
 * are kept and sent at the end as one multi-row statement per table (`deferred-writes.ts`), so a batch of
 * 50 timer steps costs about 8 statements instead of 3 per timer. Exactly once holds as before: the
 * batch's mark re-checks, under the row locks, that each timer is still scheduled, still leased to this
 * worker and still due when claimed.
 *
 * A timer that fails must not take the others with it: when one throws (or the deferred writes are
 * refused), that transaction is rolled back whole and the batch runs again the careful way: writes at once,
 * each timer under its own SAVEPOINT, a failing one rolled back alone (to just after the mark) and recorded
 * for a retry with backoff, or the dead letter, in the same transaction. When a batch fails as a whole (the
 * connection dropped, the commit failed), its timers are fired one transaction each, which re-checks every
 * mark: whatever did commit is skipped, never repeated.
 */
export async function fireTimerBatch(ctx: WorkerContext, claimed: readonly ClaimedTimer[]): Promise<BatchResult> {
  const timers = batchOrder(claimed);
  try {
    try {
      return await ctx.db.transaction().execute((trx) => fireInTransaction(ctx, trx, timers, false));
    } catch (err) {
      if (!(err instanceof NeedsSavepoints)) throw err;
      return await ctx.db.transaction().execute((trx) => fireInTransaction(ctx, trx, timers, true));
    }
  } catch (err) {
    ctx.log.warn({ timers: timers.length, err: errorText(err) }, 'timer batch failed as a whole; firing its timers one by one');
    const outcomes = new Map<string, FireOutcome>();
    let committed = 0;
    for (const timer of timers) {
      const outcome = await fireTimer(ctx, timer);
      outcomes.set(timer.id, outcome);
      if (outcome === 'fired' || outcome === 'obsolete') committed += 1;
    }
    return { outcomes, committed };
  }
}

async function fireInTransaction(ctx: WorkerContext, trx: Kysely<Database>, timers: readonly ClaimedTimer[], savepoints: boolean): Promise<BatchResult> {
  const outcomes = new Map<string, FireOutcome>();
  if (!savepoints) deferWrites(trx);
  // The batch writes no records: a related record its rules' texts name is read once for all of them.
  shareRelatedRecords(trx);
  const { instances, records } = await lockTargets(trx, timers);
  // Directory snapshot and pack parameters once per batch; the clock is read again for every timer.
  const env = await commandEnv(trx, ctx.services, 'system', 'en');
  const marked = await markBatchFired(trx, ctx.workerId, timers, env.now);
  // Fired, cancelled or taken over meanwhile; or re-planned (it fires at its new time): the lease goes back.
  const unmarked = timers.filter((t) => !marked.has(t.id));
  if (unmarked.length > 0) {
    await trx
      .updateTable('timers')
      .set({ locked_until: null, locked_by: null })
      .where('id', 'in', unmarked.map((t) => t.id))
      .where('locked_by', '=', ctx.workerId)
      .execute();
    for (const t of unmarked) outcomes.set(t.id, 'skipped');
  }
  const seen = new Set<string>();
  let committed = 0;
  for (const timer of timers) {
    if (!marked.has(timer.id)) continue;
    // A second timer of the same instance sees what the first one changed (kept in memory while writes wait).
    const refetch = timer.instanceId !== null && seen.has(timer.instanceId);
    if (timer.instanceId) seen.add(timer.instanceId);
    let outcome: FireOutcome | undefined;
    if (!savepoints) {
      const instance = timer.instanceId ? (latestInstance(trx, timer.instanceId) ?? instances.get(timer.instanceId)) : undefined;
      const recordId = timerRecordId(timer);
      try {
        outcome = await runTimer({ env: { ...env, now: new Date() }, timer, instance, record: recordId ? records.get(recordId) : undefined });
      } catch (err) {
        throw new NeedsSavepoints(errorText(err), { cause: err });
      }
    }
    for (let tries = 1; outcome === undefined; tries += 1) {
      await sql`savepoint baton_timer`.execute(trx);
      try {
        const instance = timer.instanceId
          ? refetch || tries > 1
            ? await lockedInstance(trx, timer.instanceId)
            : instances.get(timer.instanceId)
          : undefined;
        const recordId = timerRecordId(timer);
        const record = recordId ? records.get(recordId) : undefined;
        outcome = await runTimer({ env: { ...env, now: new Date() }, timer, instance, record });
        await sql`release savepoint baton_timer`.execute(trx);
      } catch (err) {
        await sql`rollback to savepoint baton_timer`.execute(trx);
        await sql`release savepoint baton_timer`.execute(trx);
        if (isRace(err) && tries < RACE_TRIES) continue;
        const reason = obsoleteReason(err);
        if (reason !== undefined) {
          await markObsolete(trx, timer, reason);
          outcome = 'obsolete';
          break;
        }
        const message = errorText(err);
        outcome = await recordBatchFailure(trx, timer, message, ctx.settings);
        ctx.log.warn({ timerId: timer.id, kind: timer.kind, attempt: timer.attempts, outcome, err: message }, outcome === 'dead' ? 'timer failed for the last time: dead letter' : 'timer failed; will retry');
      }
    }
    outcomes.set(timer.id, outcome);
    if (outcome === 'fired' || outcome === 'obsolete') committed += 1;
  }
  if (!savepoints) {
    try {
      await flushDeferredWrites(trx);
    } catch (err) {
      throw new NeedsSavepoints(errorText(err), { cause: err });
    }
  }
  return { outcomes, committed };
}
