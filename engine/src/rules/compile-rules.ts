import type { DomainEvent } from '../effects/domain-event.js';
import type { Effect } from '../effects/effect.js';
import { BatonError } from '../errors/error-catalogue.js';
import type { Locale } from '../i18n/localized-text.js';
import type { Registry } from '../registry/registry.js';
import { checkRuleDefinition } from './check-rule-definition.js';
import { CompiledRule } from './compiled-rule.js';
import type { RuleDefinition } from './rule-definition.js';
import { baseScope, eventIdentity, inScope, targetOfEvent, targetOfRecord } from './rule-scope.js';
import { RULES_ERRORS } from './rules-errors.js';
import { scheduleEffectOf, timerIdOf, type TimerPlan } from './timer-plan.js';
import type { RuleContext, RuleRecord } from './trigger-type.js';

export interface RuleOutcome {
  effects: Effect[];
  /** The rules whose trigger matched and whose condition held, in definition order. */
  fired: Array<{ rule: string; version: number }>;
}

export interface CompiledRules {
  readonly rules: ReadonlyArray<{ key: string; version: number; trigger: string; mode: 'event' | 'time' | 'schedule'; enabled: boolean }>;
  /** Matches event triggers and scope, checks conditions over event.data, returns the actions' effects. */
  onEvent(event: DomainEvent, ctx: RuleContext): RuleOutcome;
  /** The timers time-triggered rules need for this record now (call again whenever its data changes). */
  plan(record: RuleRecord, ctx: RuleContext): TimerPlan[];
  /** The next timer of every schedule rule after ctx.now (at start-up; afterwards onTimer plans the next one). */
  planSchedules(ctx: RuleContext): TimerPlan[];
  /**
   * Runs the rule of a fired timer: re-checks that the timer is still current and the condition still holds.
   * A schedule rule's outcome also carries the scheduleTimer effect of its next run.
   */
  onTimer(plan: TimerPlan, record: RuleRecord | undefined, ctx: RuleContext): RuleOutcome;
}

/**
 * Compiles a set of rule definitions (one version per key). Throws BATON_E_RULE_INVALID with the issues
 * when a rule names an unknown type or has an invalid config or params.
 */
export function compileRules(defs: readonly RuleDefinition[], registry: Registry, options: { locale?: Locale } = {}): CompiledRules {
  const seen = new Set<string>();
  const rules: CompiledRule[] = [];
  for (const def of defs) {
    if (seen.has(def.key)) throw new BatonError(RULES_ERRORS.BATON_E_RULE_DUPLICATE_KEY, { key: def.key });
    seen.add(def.key);
    const issues = checkRuleDefinition(def, { registry, locale: options.locale ?? 'en' });
    if (issues.length > 0) throw new BatonError(RULES_ERRORS.BATON_E_RULE_INVALID, { key: def.key }, issues);
    rules.push(new CompiledRule(def, registry));
  }
  const byKey = new Map(rules.map((r) => [r.key, r]));
  // Index event rules by the event types their trigger listens to; "*" for triggers that match any type.
  const byEvent = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    if (!rule.enabled || rule.mode !== 'event') continue;
    for (const type of rule.trigger.events ?? ['*']) {
      const list = byEvent.get(type) ?? [];
      list.push(rule);
      byEvent.set(type, list);
    }
  }

  const onEvent = (event: DomainEvent, ctx: RuleContext): RuleOutcome => {
    const out: RuleOutcome = { effects: [], fired: [] };
    const candidates = new Set([...(byEvent.get(event.type) ?? []), ...(byEvent.get('*') ?? [])]);
    if (candidates.size === 0) return out;
    const target = targetOfEvent(event);
    const data = event.data ?? {};
    // Definition order, so the effects of several rules come out in a stable order.
    for (const rule of rules) {
      if (!candidates.has(rule)) continue;
      if (!inScope(rule.def.scope, target)) continue;
      if (rule.trigger.match && !rule.trigger.match(event, rule.triggerConfig(ctx), ctx)) continue;
      const scope = rule.withVars(baseScope(data, target, ctx, event), ctx);
      if (!rule.conditionHolds(scope, ctx)) continue;
      out.fired.push({ rule: rule.key, version: rule.version });
      out.effects.push(...rule.run(scope, data, target, `rule:${rule.key}@${rule.version}:${eventIdentity(event)}`, ctx));
    }
    return out;
  };

  const planFor = (rule: CompiledRule, record: RuleRecord | undefined, ctx: RuleContext): TimerPlan[] => {
    const target = record ? targetOfRecord(record) : {};
    return (rule.trigger.plan?.(record, rule.triggerConfig(ctx), ctx) ?? []).map((t) => {
      const payload: TimerPlan['payload'] = { ...target };
      return {
        timerId: timerIdOf(rule.key, record?.id, rule.trigger.type, t.suffix),
        dueAt: t.dueAt,
        rule: rule.key,
        version: rule.version,
        trigger: rule.trigger.type,
        payload,
      };
    });
  };

  const plan = (record: RuleRecord, ctx: RuleContext): TimerPlan[] =>
    rules
      .filter((r) => r.enabled && r.mode === 'time' && inScope(r.def.scope, targetOfRecord(record)))
      .flatMap((r) => planFor(r, record, ctx));

  const planSchedules = (ctx: RuleContext): TimerPlan[] =>
    rules.filter((r) => r.enabled && r.mode === 'schedule').flatMap((r) => planFor(r, undefined, ctx));

  const onTimer = (fired: TimerPlan, record: RuleRecord | undefined, ctx: RuleContext): RuleOutcome => {
    const out: RuleOutcome = { effects: [], fired: [] };
    const rule = byKey.get(fired.rule);
    if (!rule || !rule.enabled) return out;
    if (rule.mode === 'schedule') {
      // Plan the next run first: it is due whatever the condition says. Runs missed while down fire once.
      const after = Date.parse(ctx.now) > Date.parse(fired.dueAt) ? ctx.now : fired.dueAt;
      for (const next of planFor(rule, undefined, { ...ctx, now: after })) out.effects.push(scheduleEffectOf(next));
    } else {
      if (!record || !inScope(rule.def.scope, targetOfRecord(record))) return out;
      // A stale timer (its date changed and the runtime has not moved it yet) must not fire.
      const current = planFor(rule, record, { ...ctx, now: fired.dueAt }).find((p) => p.timerId === fired.timerId);
      if (!current || current.dueAt !== fired.dueAt) return out;
    }
    const data = record?.data ?? {};
    const target = record ? targetOfRecord(record) : {};
    const scope = rule.withVars({ ...baseScope(data, target, ctx), $timer: { timerId: fired.timerId, dueAt: fired.dueAt } }, ctx);
    if (!rule.conditionHolds(scope, ctx)) return out;
    out.fired.push({ rule: rule.key, version: rule.version });
    out.effects.push(...rule.run(scope, data, target, `rule:${rule.key}@${rule.version}:timer:${fired.timerId}@${fired.dueAt}`, ctx));
    return out;
  };

  return {
    rules: rules.map((r) => ({ key: r.key, version: r.version, trigger: r.trigger.type, mode: r.mode, enabled: r.enabled })),
    onEvent,
    plan,
    planSchedules,
    onTimer,
  };
}
