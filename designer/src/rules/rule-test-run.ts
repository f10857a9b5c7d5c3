import {
  BatonError,
  CN_CALENDAR,
  compileRules,
  createMemoryDirectory,
  type DirectoryUser,
  type DomainEvent,
  type Effect,
  type Issue,
  type Locale,
  type Registry,
  type RuleContext,
  type RuleDefinition,
  type RuleRecord,
} from '@baton/engine';

/** What "Test this rule" asks the engine: the rule as it is now, sample data, and what happens to it. */
export interface RuleTestRequest {
  rule: RuleDefinition;
  /** A domain event type ("flow.started"), or "timer" for a date-relative or scheduled rule. */
  event: string;
  data: Record<string, unknown>;
  /** The day the test pretends it is (ISO instant): event time, and when a date trigger is planned. */
  now: string;
  timeZone: string;
  locale: Locale;
  /** The sample organisation the assignees resolve in. */
  users: DirectoryUser[];
  initiator: string;
  parameters?: Record<string, unknown>;
}

/** One effect with the action that made it and, for a "for each" action, the item's position. */
export interface TestedEffect {
  action: number;
  item?: number;
  effect: Effect;
}

export interface RuleTestOutcome {
  /** Did the trigger fire at all (the event is one it listens to, the scope fits, a timer was planned)? */
  triggered: boolean;
  /** Only meaningful when triggered; absent when the rule has no condition. */
  conditionHeld?: boolean;
  /** A timer-run rule: when it would run. */
  runAt?: string;
  effects: TestedEffect[];
  error?: { code: string; message: string; issues: Issue[] };
}

export const SAMPLE_INSTANCE = 'sample-instance';
export const SAMPLE_RECORD = 'sample-record';

/** The event a sample run feeds the engine, addressed like the runtime addresses it. */
export function sampleEvent(req: Pick<RuleTestRequest, 'rule' | 'event' | 'data' | 'now' | 'initiator'>): DomainEvent {
  const scope = req.rule.scope ?? {};
  const config = (req.rule.trigger.config ?? {}) as Record<string, unknown>;
  const event: DomainEvent = { type: req.event, at: req.now, actor: req.initiator, initiator: req.initiator, data: req.data };
  if (scope.flow) {
    event.flowKey = scope.flow;
    event.instanceId = SAMPLE_INSTANCE;
  } else event.recordId = SAMPLE_RECORD;
  if (scope.form) event.formKey = scope.form;
  // A step trigger ("when step X is entered") is tested at the step it names.
  const node = Array.isArray(config.nodeId) ? config.nodeId[0] : config.nodeId;
  if (typeof node === 'string') event.nodeId = node;
  if (req.event === 'task.completed') event.payload = { action: typeof config.action === 'string' ? config.action : 'approve' };
  if (req.event === 'record.updated' || req.event === 'data.changed') event.previous = {};
  return event;
}

/** The record a timer-run rule reads: the sample data, as a record of the scoped form or a flow instance. */
export function sampleRecord(req: Pick<RuleTestRequest, 'rule' | 'data' | 'initiator'>): RuleRecord {
  const scope = req.rule.scope ?? {};
  const record: RuleRecord = { id: scope.flow ? SAMPLE_INSTANCE : SAMPLE_RECORD, data: req.data, initiator: req.initiator };
  if (scope.form) record.formKey = scope.form;
  if (scope.flow) {
    record.flowKey = scope.flow;
    record.instanceId = SAMPLE_INSTANCE;
  }
  return record;
}

/** "rule:key@1:<event>:2.0[:notify]" → action 2, item 0: the compiled rule keys each run so. */
export function effectOrigin(key: string): { action: number; item?: number } {
  const m = /:(\d+)(?:\.(\d+))?(?::[A-Za-z][\w-]*)*$/.exec(key);
  return m ? { action: Number(m[1]), ...(m[2] !== undefined ? { item: Number(m[2]) } : {}) } : { action: 0 };
}

function run(req: RuleTestRequest, registry: Registry, rule: RuleDefinition): { triggered: boolean; fired: boolean; runAt?: string; effects: Effect[] } {
  const compiled = (compileRules([{ ...rule, enabled: true }], registry, { locale: req.locale }));
  const ctx: RuleContext = {
    now: req.now,
    timeZone: req.timeZone,
    calendar: CN_CALENDAR,
    directory: createMemoryDirectory({ users: req.users }),
    ...(req.parameters ? { parameters: req.parameters } : {}),
  };
  const mode = compiled.rules[0]?.mode;
  if (req.event !== 'timer' || mode === 'event') {
    const out = compiled.onEvent(sampleEvent(req), ctx);
    return { triggered: out.fired.length > 0, fired: out.fired.length > 0, effects: out.effects };
  }
  const record = mode === 'time' ? sampleRecord(req) : undefined;
  const [plan] = mode === 'time' ? compiled.plan(record!, ctx) : compiled.planSchedules(ctx);
  if (!plan) return { triggered: false, fired: false, effects: [] };
  const out = compiled.onTimer(plan, record, { ...ctx, now: plan.dueAt });
  // A schedule's outcome also plans its next run: that is bookkeeping, not what the rule does.
  const effects = out.effects.filter((e) => !(e.type === 'scheduleTimer' && e.purpose === 'rule'));
  return { triggered: true, fired: out.fired.length > 0, runAt: plan.dueAt, effects };
}

/**
 * Runs one rule over sample data with the real engine (in the designer's worker): whether it triggers,
 * whether its condition holds, and the effects its actions would have, each traced to its action (and item).
 */
export function runRuleTest(req: RuleTestRequest, registry: Registry): RuleTestOutcome {
  try {
    const first = run(req, registry, req.rule);
    const hasCondition = req.rule.condition !== undefined;
    const outcome: RuleTestOutcome = { triggered: first.triggered, effects: [] };
    if (first.runAt) outcome.runAt = first.runAt;
    if (first.fired) {
      if (hasCondition) outcome.conditionHeld = true;
      outcome.effects = first.effects.map((effect) => ({ effect, ...effectOrigin(effect.key) }));
      return outcome;
    }
    if (!hasCondition) return outcome;
    // Not fired: without its condition, would it have? Then the trigger matched and the condition did not.
    const { condition: _c, ...bare } = req.rule;
    const again = run(req, registry, bare as RuleDefinition);
    outcome.triggered = again.fired;
    if (again.fired) outcome.conditionHeld = false;
    return outcome;
  } catch (err) {
    if (err instanceof BatonError) return { triggered: false, effects: [], error: { code: err.code, message: err.message, issues: err.issues } };
    return { triggered: false, effects: [], error: { code: 'BATON_E_DESIGNER_ENGINE', message: err instanceof Error ? err.message : String(err), issues: [] } };
  }
}
