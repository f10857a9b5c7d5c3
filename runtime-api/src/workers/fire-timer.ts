import { BatonError, findTimer, type Effect, type FlowState } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { writeOutbox } from '../execution/effect-rows.js';
import { commandEnv } from '../execution/execution-services.js';
import { executeInstanceCommand } from '../execution/instance-pipeline.js';
import { fireRuleTimer } from './fire-rule-timer.js';
import { markObsolete, ObsoleteTimer, type TimerTarget } from './timer-marks.js';
import { dueAtIs, failTimer, type ClaimedTimer } from './timer-claims.js';
import { errorText, withRaceRetry, type WorkerContext } from './worker-context.js';
import { workerDb } from './worker-database.js';

/**
 * fired: the command ran and committed with the timer marked fired. obsolete: nothing left to do (the
 * instance ended, the rule is gone). skipped: the timer moved, was cancelled or passed to another worker
 * since it was claimed. retry / dead: the try failed.
 */
export type FireOutcome = 'fired' | 'obsolete' | 'skipped' | 'retry' | 'dead';

/** Flow timers (a timer node's wait, an SLA) belong to a running instance and nothing else. */
const FLOW_KINDS = new Set(['node', 'sla']);
/** Rule timers still fire after a flow completed normally ("7 days after the last day…"), not after it was abandoned. */
const RULE_TIMER_LIVE = new Set(['running', 'completed']);

/** A timer node's wait or an SLA: the engine's timerFired command through the ordinary pipeline. */
async function fireFlowTimer({ env, timer, instance }: TimerTarget): Promise<void> {
  if (!instance) throw new ObsoleteTimer('the instance no longer exists');
  if (instance.status !== 'running') throw new ObsoleteTimer(`the instance ended (${instance.status})`);
  if (!findTimer(instance.state as unknown as FlowState, timer.id)) throw new ObsoleteTimer('the instance no longer waits for this timer');
  const dueAt = timer.payload.dueAt;
  await executeInstanceCommand(env, {
    instanceId: instance.id,
    // Locked FOR UPDATE by this transaction already (the batch's lock, or lockTarget), and current.
    locked: instance,
    // The claim marked it fired in this transaction (runTimer's contract).
    markedTimerId: timer.id,
    authorize: () => undefined,
    command: () => ({ type: 'timerFired', timerId: timer.id }),
    audit: { action: timer.kind === 'sla' ? 'sla.timer-fired' : 'timer.fired', data: { timerId: timer.id, ...(typeof dueAt === 'string' ? { dueAt } : {}) } },
  });
}

/** A rule's schedule-reminder: the notify effect was prepared when the reminder was set; it goes to the outbox now. */
async function fireReminder({ env, timer }: TimerTarget): Promise<void> {
  const notify = (timer.payload.payload as { notify?: unknown } | undefined)?.notify;
  if (!notify || typeof notify !== 'object' || (notify as { type?: unknown }).type !== 'notify') {
    throw new ObsoleteTimer('the reminder carries no notification');
  }
  await writeOutbox(env.trx, timer.instanceId, [notify as Effect]);
}

/** The row locks, in the order commands take them (instance or record first, then the timer), so no deadlock. */
async function lockTarget(trx: Kysely<Database>, timer: ClaimedTimer): Promise<Pick<TimerTarget, 'instance' | 'record'>> {
  const instance = timer.instanceId
    ? await trx.selectFrom('instances').selectAll().where('id', '=', timer.instanceId).forUpdate().executeTakeFirst()
    : undefined;
  const recordId = timerRecordId(timer);
  const record = recordId ? await trx.selectFrom('records').selectAll().where('id', '=', recordId).forUpdate().executeTakeFirst() : undefined;
  return { instance, record };
}

/** The record a rule timer with no instance works on (a collection record's date-offset rule), if any. */
export function timerRecordId(timer: ClaimedTimer): string | undefined {
  const recordId = (timer.payload.payload as { recordId?: unknown } | undefined)?.recordId;
  return !timer.instanceId && timer.kind === 'rule' && typeof recordId === 'string' ? recordId : undefined;
}

/**
 * The firing itself, on a timer already marked fired in `target.env.trx`: the command (flow timer), the rule
 * or the reminder. A timer with nothing left to do is marked obsolete instead. Any other error is thrown,
 * and the caller rolls back (the transaction, or the batch's savepoint) before recording the failure.
 */
export async function runTimer(target: TimerTarget): Promise<'fired' | 'obsolete'> {
  const { timer, instance, env } = target;
  try {
    if (timer.instanceId && !instance) throw new ObsoleteTimer('the instance no longer exists');
    if (FLOW_KINDS.has(timer.kind)) await fireFlowTimer(target);
    else {
      if (instance && !RULE_TIMER_LIVE.has(instance.status)) throw new ObsoleteTimer(`the instance ended (${instance.status})`);
      if (timer.kind === 'reminder') await fireReminder(target);
      else if (timer.kind === 'rule') await fireRuleTimer(target);
      else throw new ObsoleteTimer(`unknown timer kind "${timer.kind}"`);
    }
    return 'fired';
  } catch (err) {
    const reason = obsoleteReason(err);
    if (reason === undefined) throw err;
    // Every ObsoleteTimer is thrown before any write but the mark, which this one replaces.
    await markObsolete(env.trx, timer, reason);
    return 'obsolete';
  }
}

/** Why there is nothing to fire, or undefined for a real failure. The engine's "no such timer" (state and rows disagree) counts. */
export function obsoleteReason(err: unknown): string | undefined {
  if (err instanceof ObsoleteTimer) return err.message;
  if (err instanceof BatonError && err.code === 'BATON_E_FLOW_TIMER_NOT_FOUND') return err.message;
  return undefined;
}

/** One try in one transaction: the timer's status is written with the command it fires, or not at all. */
async function fireOnce(ctx: WorkerContext, timer: ClaimedTimer): Promise<'fired' | 'obsolete' | 'skipped'> {
  return ctx.db.transaction().execute(async (trx) => {
    const { instance, record } = await lockTarget(trx, timer);
    const env = await commandEnv(trx, ctx.services, 'system', 'en');
    // Check and mark in one statement (it also takes the timer's row lock): still ours, still due at the
    // time claimed. Rolled back with everything else if the command fails.
    const wdb = workerDb(trx);
    const mark = wdb
      .updateTable('timers')
      .set({ status: 'fired', fired_at: env.now, locked_until: null, locked_by: null, last_error: null })
      .where('id', '=', timer.id)
      .where('status', '=', 'scheduled')
      .where('locked_by', '=', ctx.workerId)
      .where((eb) => dueAtIs(eb, timer.dueAt));
    const marked = await mark.returning('id').executeTakeFirst();
    if (!marked) {
      // Fired, cancelled or taken over meanwhile; or re-planned (it fires at its new time): give the lease back.
      await wdb.updateTable('timers').set({ locked_until: null, locked_by: null }).where('id', '=', timer.id).where('locked_by', '=', ctx.workerId).execute();
      return 'skipped';
    }
    return runTimer({ env, timer, instance, record });
  });
}

/** Fires one claimed timer; a failure is recorded (backoff or dead letter) rather than thrown. */
export async function fireTimer(ctx: WorkerContext, timer: ClaimedTimer): Promise<FireOutcome> {
  try {
    return await withRaceRetry(() => fireOnce(ctx, timer));
  } catch (err) {
    const message = errorText(err);
    try {
      const outcome = await failTimer(ctx.db, ctx.workerId, timer, message, ctx.settings);
      ctx.log.warn({ timerId: timer.id, kind: timer.kind, attempt: timer.attempts, outcome, err: message }, outcome === 'dead' ? 'timer failed for the last time: dead letter' : 'timer failed; will retry');
      return outcome;
    } catch (recordErr) {
      // The database itself is failing: the lease runs out and the timer is claimed again later.
      ctx.log.error({ timerId: timer.id, err: errorText(recordErr) }, 'could not record a timer failure');
      return 'retry';
    }
  }
}
