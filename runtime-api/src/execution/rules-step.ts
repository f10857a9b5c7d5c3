import { diffPlans, timerPlanFromEffect, type CompiledRules, type DomainEvent, type Effect, type RuleRecord, type ScheduleTimerEffect } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ruleContext, type CommandEnv } from './execution-services.js';
import { withRelatedRecords } from '../records/related-records.js';

/** What the rules see of the instance or record an event belongs to (flow events carry no data snapshot). */
export interface RuleSubject {
  record: RuleRecord;
}

/** Adds what flow events leave out and rules read: the data after the step, the initiator, the form. */
export function enrichEvent(event: DomainEvent, subject: RuleSubject): DomainEvent {
  const out: DomainEvent = { ...event };
  if (out.data === undefined) out.data = subject.record.data;
  if (out.initiator === undefined && subject.record.initiator !== undefined) out.initiator = subject.record.initiator;
  if (out.formKey === undefined && subject.record.formKey !== undefined) out.formKey = subject.record.formKey;
  return out;
}

/** Every event rule that matches one of the events, in event order; then date-offset timers re-planned if data changed. */
export async function runRules(
  env: CommandEnv,
  rules: CompiledRules | undefined,
  events: readonly DomainEvent[],
  subject: RuleSubject,
): Promise<{ effects: Effect[]; fired: Array<{ rule: string; version: number; event: string }> }> {
  const effects: Effect[] = [];
  const fired: Array<{ rule: string; version: number; event: string }> = [];
  if (!rules) return { effects, fired };
  const ctx = ruleContext(env);
  for (const event of events) {
    // Templates may name a related record's field ({assets.assetId.tag}): those records are read on demand.
    const outcome = await withRelatedRecords(env.trx, ctx, (c) => rules.onEvent(enrichEvent(event, subject), c));
    effects.push(...outcome.effects);
    for (const f of outcome.fired) fired.push({ ...f, event: event.type });
  }
  const dataChanged = events.some((e) => ['flow.started', 'data.changed', 'record.created', 'record.updated'].includes(e.type));
  if (dataChanged) effects.push(...(await replanTimers(env, rules, subject.record)));
  return { effects, fired };
}

/** Rule timers of a record (an instance is a record of its flow here), compared with what the rules plan now. */
async function replanTimers(env: CommandEnv, rules: CompiledRules, record: RuleRecord): Promise<Effect[]> {
  const next = rules.plan(record, ruleContext(env));
  const rows = await env.trx
    .selectFrom('timers')
    .select(['payload', 'status'])
    .where('kind', '=', 'rule')
    .where('status', 'in', ['scheduled', 'fired'])
    .where(sql<boolean>`payload -> 'payload' ->> 'recordId' = ${record.id}`)
    .execute();
  if (next.length === 0 && rows.length === 0) return [];
  const plans = rows.map((row) => ({ status: row.status, plan: timerPlanFromEffect(row.payload as unknown as ScheduleTimerEffect) }));
  // A timer that already fired at the planned time stays fired: re-planning on a later data change must not
  // schedule (and fire) it a second time. A moved date plans it anew.
  const firedAt = new Set(plans.filter((p) => p.status === 'fired').map((p) => `${p.plan.timerId}@${p.plan.dueAt}`));
  const previous = plans.filter((p) => p.status === 'scheduled').map((p) => p.plan);
  const { schedule, cancel } = diffPlans(previous, next.filter((p) => !firedAt.has(`${p.timerId}@${p.dueAt}`)));
  return [...schedule, ...cancel];
}
