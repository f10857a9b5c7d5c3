import { timerPlanFromEffect, type CompiledRules, type RuleRecord, type ScheduleTimerEffect } from '@baton/engine';
import { sql } from 'kysely';
import { appendAuditAtEnd } from '../audit/append-audit.js';
import { deferHistorySeq } from '../execution/deferred-writes.js';
import { ruleContext, type CommandEnv } from '../execution/execution-services.js';
import { writeRuleEffects } from '../execution/instance-pipeline.js';
import { ObsoleteTimer, type TimerTarget } from './timer-marks.js';
import { instanceRuleRecord } from '../execution/instance-rule-record.js';
import { withRelatedRecords } from '../records/related-records.js';

/** The scope a rule was published with: a schedule rule has no record to tell which rule set it is in. */
async function scopeOf(env: CommandEnv, ruleKey: string): Promise<{ flow?: string; form?: string } | undefined> {
  const row = await sql<{ scope: { flow?: string; form?: string } | null }>`
    select body -> 'scope' as scope from definitions
     where kind = 'rule' and key = ${ruleKey} and status = 'published'
     order by version desc limit 1`.execute(env.trx);
  const head = row.rows[0];
  return head ? (head.scope ?? {}) : undefined;
}

/** The compiled rule set the timer's rule runs in: the record's (flow, form) or, for a schedule, the rule's own scope. */
async function ruleSetFor(env: CommandEnv, ruleKey: string, record: RuleRecord | undefined): Promise<CompiledRules | undefined> {
  const definitions = env.services.definitions;
  if (record) {
    return definitions.rulesFor(env.trx, { ...(record.flowKey ? { flowKey: record.flowKey } : {}), ...(record.formKey ? { formKey: record.formKey } : {}) });
  }
  const scope = await scopeOf(env, ruleKey);
  if (!scope) return undefined;
  return definitions.rulesFor(env.trx, { ...(scope.flow ? { flowKey: scope.flow } : {}), ...(scope.form ? { formKey: scope.form } : {}) });
}

/**
 * A rule timer (date-offset, schedule): the compiled rule set's onTimer with the record as it is now. The
 * engine re-checks that the timer is still current and the condition still holds; a schedule rule's
 * outcome plans its next run under the same timer id, which writeRuleEffects upserts over the fired row. Effects are written exactly like an event rule's (tasks with history, timers, outbox).
 */
export async function fireRuleTimer({ env, timer, instance, record: recordRow }: TimerTarget): Promise<void> {
  const plan = timerPlanFromEffect(timer.payload as unknown as ScheduleTimerEffect);
  let record: RuleRecord | undefined;
  if (instance) {
    record = instanceRuleRecord(instance, instance.data);
  } else if (recordRow) {
    record = { id: recordRow.id, formKey: recordRow.form_key, initiator: recordRow.created_by, data: recordRow.data };
  } else if (plan.payload.recordId) {
    throw new ObsoleteTimer(`record ${plan.payload.recordId} no longer exists`);
  }
  const rules = await ruleSetFor(env, plan.rule, record);
  const compiled = rules?.rules.find((r) => r.key === plan.rule);
  if (!rules || !compiled) throw new ObsoleteTimer(`rule "${plan.rule}" is no longer published for this ${record ? 'record' : 'scope'}`);
  if (!compiled.enabled) throw new ObsoleteTimer(`rule "${plan.rule}" is disabled`);

  // The row is already marked fired: a schedule rule's next run, upserted below, makes it scheduled again.
  // Texts may name a related record's field ({assets.assetId.tag}): read on demand, exactly as for event rules.
  const outcome = await withRelatedRecords(env.trx, ruleContext(env), (ctx) => rules.onTimer(plan, record, ctx));
  const target = { instanceId: instance?.id ?? null, flowKey: instance?.flow_key ?? null, recordId: instance ? null : (recordRow?.id ?? null) };
  const seq = await writeRuleEffects(env, target, outcome.effects, instance?.history_seq ?? 0);
  // In a batch that defers its writes, the new sequence goes out with the batch's instance rows.
  if (instance && seq !== instance.history_seq && !deferHistorySeq(env.trx, instance, seq, env.now)) {
    await env.trx.updateTable('instances').set({ history_seq: seq, updated_at: env.now }).where('id', '=', instance.id).execute();
  }
  if (outcome.fired.length === 0) return;
  // Audited like any command that changed something; a timer whose condition no longer holds leaves no entry.
  await appendAuditAtEnd(env.trx, {
    actor: 'system',
    action: 'rule.timer-fired',
    subjectKind: instance ? 'instance' : recordRow ? 'record' : 'rule',
    subjectId: instance ? instance.id : recordRow ? `${recordRow.form_key}/${recordRow.id}` : plan.rule,
    at: env.now,
    data: { timerId: timer.id, dueAt: plan.dueAt, rules: outcome.fired.map((f) => `${f.rule}@${f.version}`) },
  });
}
