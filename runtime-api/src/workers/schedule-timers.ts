import { compileRules, scheduleEffectOf, type CompiledRules, type Registry, type RuleDefinition, type ScheduleTimerEffect } from '@baton/engine';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { writeTimers } from '../execution/effect-rows.js';
import { commandEnv, ruleContext } from '../execution/execution-services.js';
import type { WorkerContext } from './worker-context.js';

interface RuleHead {
  key: string;
  version: number;
  hash: string;
  body: RuleDefinition;
}

// Compiled once per registry and set of published schedule rules (by their hashes): the sync runs every minute.
const compiledSets = new WeakMap<Registry, { key: string; rules: CompiledRules }>();

/**
 * Makes sure every published, enabled schedule (cron) rule has its next run as a scheduled timer. The
 * engine plans a schedule's following run when one fires; this plans the first, and re-plans a rule whose
 * new version changed (its timer still carries the old version) or whose timer ended without a successor.
 * A `dead` timer is left for an operator to replay. Idempotent and safe in every process at once: timer
 * ids are stable per rule, so concurrent syncs upsert the same row.
 */
export async function syncScheduleTimers(ctx: WorkerContext): Promise<number> {
  const heads = await sql<RuleHead>`
    select distinct on (key) key, version, hash, body from definitions
     where kind = 'rule' and status = 'published'
     order by key, version desc`.execute(ctx.db);
  const schedules = heads.rows.filter((r) => r.body.trigger?.type === 'schedule');
  if (schedules.length === 0) return 0;
  const setKey = createHash('sha256').update(schedules.map((r) => r.hash).join(',')).digest('hex');
  const registry = ctx.services.definitions.registry;
  let entry = compiledSets.get(registry);
  if (entry?.key !== setKey) {
    entry = { key: setKey, rules: compileRules(schedules.map((r) => r.body), registry) };
    compiledSets.set(registry, entry);
  }
  const rules = entry.rules;
  return ctx.db.transaction().execute(async (trx) => {
    const env = await commandEnv(trx, ctx.services, 'system', 'en');
    const plans = rules.planSchedules(ruleContext(env));
    if (plans.length === 0) return 0;
    const rows = await trx.selectFrom('timers').select(['id', 'status', 'payload']).where('id', 'in', plans.map((p) => p.timerId)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const due = plans.filter((plan) => {
      const row = byId.get(plan.timerId);
      if (!row) return true;
      if (row.status === 'dead') return false;
      if (row.status !== 'scheduled') return true;
      const version = (row.payload as unknown as ScheduleTimerEffect).payload?.version;
      return version !== plan.version;
    });
    await writeTimers(trx, null, due.map(scheduleEffectOf));
    return due.length;
  });
}
