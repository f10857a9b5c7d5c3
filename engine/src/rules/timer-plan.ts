import type { CancelTimerEffect, ScheduleTimerEffect } from '../effects/effect.js';

/**
 * A timer a time-triggered rule needs. `timerId` is stable for (rule, record, trigger): planning again
 * after the date field changed gives the same id with a new `dueAt`, which the runtime applies as an
 * update of that timer. The rule version is carried so the timer can tell which definition planned it.
 */
export interface TimerPlan {
  timerId: string;
  /** ISO 8601 instant. */
  dueAt: string;
  /** Rule key. */
  rule: string;
  version: number;
  /** Trigger type that planned it ("date-offset", "schedule"). */
  trigger: string;
  /** Where the rule runs when the timer fires. */
  payload: { recordId?: string; formKey?: string; flowKey?: string; instanceId?: string; initiator?: string };
}

/** Timer ids: `rule:<key>:<recordId | "*">:<trigger>[:<suffix>]`. Versions stay out so a new version moves the same timer. */
export function timerIdOf(ruleKey: string, recordId: string | undefined, trigger: string, suffix?: string): string {
  return `rule:${ruleKey}:${recordId ?? '*'}:${trigger}${suffix ? `:${suffix}` : ''}`;
}

/** The scheduleTimer effect for a plan. Its key includes dueAt and the rule version: moving a timer is a new decision. */
export function scheduleEffectOf(plan: TimerPlan): ScheduleTimerEffect {
  const effect: ScheduleTimerEffect = {
    type: 'scheduleTimer',
    key: `${plan.timerId}@${plan.dueAt}#${plan.version}`,
    timerId: plan.timerId,
    dueAt: plan.dueAt,
    purpose: 'rule',
    payload: { rule: plan.rule, version: plan.version, trigger: plan.trigger, ...plan.payload },
  };
  if (plan.payload.instanceId) effect.instanceId = plan.payload.instanceId;
  return effect;
}

/** Rebuilds the plan from a stored scheduleTimer effect (what the runtime keeps in its timer row). */
export function timerPlanFromEffect(effect: Pick<ScheduleTimerEffect, 'timerId' | 'dueAt' | 'payload'>): TimerPlan {
  const p = effect.payload ?? {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const payload: TimerPlan['payload'] = {};
  for (const name of ['recordId', 'formKey', 'flowKey', 'instanceId', 'initiator'] as const) {
    const v = str(p[name]);
    if (v !== undefined) payload[name] = v;
  }
  return {
    timerId: effect.timerId,
    dueAt: effect.dueAt,
    rule: str(p.rule) ?? '',
    version: typeof p.version === 'number' ? p.version : 0,
    trigger: str(p.trigger) ?? '',
    payload,
  };
}

/**
 * What to change when a record's plans move from `previous` to `next`: schedule new timers and timers
 * whose due time changed (same timerId: the runtime replaces the old due time), cancel timers no longer planned.
 */
export function diffPlans(
  previous: readonly TimerPlan[],
  next: readonly TimerPlan[],
): { schedule: ScheduleTimerEffect[]; cancel: CancelTimerEffect[] } {
  const before = new Map(previous.map((p) => [p.timerId, p]));
  const after = new Set(next.map((p) => p.timerId));
  const schedule = next
    .filter((p) => {
      const old = before.get(p.timerId);
      return !old || old.dueAt !== p.dueAt || old.version !== p.version;
    })
    .map(scheduleEffectOf);
  const cancel = previous
    .filter((p) => !after.has(p.timerId))
    .map((p): CancelTimerEffect => ({ type: 'cancelTimer', key: `${p.timerId}@${p.dueAt}:cancel`, timerId: p.timerId }));
  return { schedule, cancel };
}
