import { scheduleEffectOf, type CancelTimerEffect, type Effect, type RuleRecord } from '@baton/engine';
import { sql } from 'kysely';
import { writeTimers } from '../execution/effect-rows.js';
import { ruleContext, type CommandEnv } from '../execution/execution-services.js';
import { instanceRuleRecord, instanceRuleScope } from '../execution/instance-rule-record.js';

interface TimerRow {
  id: string;
  status: string;
  due_at: Date;
}

/**
 * Re-plans the time-triggered rule timers of every running instance (and any instance still holding a
 * scheduled rule timer) with the command's parameters, e.g. after an operator changed settlementReminderDays:
 * a scheduled timer moves to its new due time, a newly planned one is scheduled, one no longer planned is
 * cancelled. A timer that already fired is left alone: the reminder it sent is not sent again because a
 * setting changed. Returns how many timers were moved, added or cancelled.
 */
export async function replanRuleTimers(env: CommandEnv): Promise<number> {
  const { trx } = env;
  const instances = await trx
    .selectFrom('instances')
    .select(['id', 'flow_key', 'form_key', 'started_by', 'data'])
    .where((eb) =>
      eb.or([
        eb('status', '=', 'running'),
        eb.exists(
          eb.selectFrom('timers').select('timers.id')
            .whereRef('timers.instance_id', '=', 'instances.id')
            .where('timers.kind', '=', 'rule')
            .where('timers.status', '=', 'scheduled'),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
  const ctx = ruleContext(env);
  let changed = 0;
  for (const instance of instances) {
    const rules = await env.services.definitions.rulesFor(trx, instanceRuleScope(instance));
    if (!rules) continue;
    const record: RuleRecord = instanceRuleRecord(instance, instance.data);
    const plans = rules.plan(record, ctx);
    const rows: TimerRow[] = await trx
      .selectFrom('timers')
      .select(['id', 'status', 'due_at'])
      .where('kind', '=', 'rule')
      .where(sql<boolean>`payload -> 'payload' ->> 'recordId' = ${instance.id}`)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const effects: Effect[] = [];
    for (const plan of plans) {
      const row = byId.get(plan.timerId);
      if (row?.status === 'fired') continue;
      if (row?.status === 'scheduled' && row.due_at.getTime() === Date.parse(plan.dueAt)) continue;
      effects.push(scheduleEffectOf(plan));
    }
    const planned = new Set(plans.map((p) => p.timerId));
    for (const row of rows) {
      if (row.status === 'scheduled' && !planned.has(row.id)) {
        effects.push({ type: 'cancelTimer', key: `${row.id}@${row.due_at.toISOString()}:cancel`, timerId: row.id } satisfies CancelTimerEffect);
      }
    }
    if (effects.length === 0) continue;
    await writeTimers(trx, instance.id, effects);
    changed += effects.length;
  }
  return changed;
}
