import type { Effect } from '../effects/effect.js';
import { BatonError } from '../errors/error-catalogue.js';
import { compileDefinitionExpression } from '../expressions/definition-expressions.js';
import type { CompiledExpression, EvalContext, JsonLogic } from '../expressions/expression-types.js';
import type { Registry } from '../registry/registry.js';
import { resolveAssignees } from './assignee-spec.js';
import { todayIn } from '../directory/person-presence.js';
import { fillTemplate } from './fill-template.js';
import { resolveParamRefs } from './param-ref.js';
import type { RuleDefinition } from './rule-definition.js';
import type { RuleTarget } from './rule-scope.js';
import { RULES_ERRORS } from './rules-errors.js';
import type { ActionEnv, RuleActionType, RuleContext, TriggerType } from './trigger-type.js';

interface CompiledAction {
  type: RuleActionType;
  params: Record<string, unknown>;
  forEach?: JsonLogic;
  when?: JsonLogic;
}

/** One rule, compiled: its types looked up, every expression compiled once. */
export class CompiledRule {
  readonly key: string;
  readonly version: number;
  readonly enabled: boolean;
  readonly trigger: TriggerType;
  readonly mode: 'event' | 'time' | 'schedule';
  private readonly actions: CompiledAction[];
  private readonly vars: Array<[string, JsonLogic]>;
  /** Compiled expressions by the identity of their JSON node in the definition. */
  private readonly compiled = new Map<object, CompiledExpression>();

  constructor(readonly def: RuleDefinition, registry: Registry) {
    this.key = def.key;
    this.version = def.version;
    this.enabled = def.enabled !== false;
    const trigger = registry.triggers.get(def.trigger.type);
    if (!trigger) throw new BatonError(RULES_ERRORS.BATON_E_RULE_INVALID, { key: def.key });
    this.trigger = trigger;
    this.mode = trigger.describe().mode;
    this.vars = Object.entries(def.vars ?? {});
    this.actions = def.actions.map((a) => {
      const type = registry.actions.get(a.type);
      if (!type) throw new BatonError(RULES_ERRORS.BATON_E_RULE_INVALID, { key: def.key });
      const action: CompiledAction = { type, params: a.params ?? {} };
      if (a.forEach !== undefined) action.forEach = a.forEach;
      if (a.when !== undefined) action.when = a.when;
      return action;
    });
    // Compile every expression now, so a bad one fails at compile time and none is compiled per event.
    for (const [, logic] of this.vars) this.compile(logic);
    if (def.condition !== undefined) this.compile(def.condition);
    for (const a of this.actions) {
      if (a.forEach !== undefined) this.compile(a.forEach);
      if (a.when !== undefined) this.compile(a.when);
      for (const e of a.type.expressions?.(a.params) ?? []) this.compile(e.logic);
    }
  }

  /** The trigger config with pack parameters filled in. */
  triggerConfig(ctx: RuleContext): Record<string, unknown> {
    return resolveParamRefs(this.def.trigger.config ?? {}, ctx.parameters, (param) => {
      throw new BatonError(RULES_ERRORS.BATON_E_RULE_MISSING_PARAMETER, { rule: this.key, param });
    });
  }

  /** Adds the rule's vars to a base scope (each var sees the ones before it). */
  withVars(scope: Record<string, unknown>, ctx: RuleContext): Record<string, unknown> {
    if (this.vars.length === 0) return scope;
    const out = { ...scope };
    for (const [name, logic] of this.vars) out[name] = this.evaluate(logic, out, ctx);
    return out;
  }

  conditionHolds(scope: Record<string, unknown>, ctx: RuleContext): boolean {
    return this.def.condition === undefined || truthy(this.evaluate(this.def.condition, scope, ctx));
  }

  /** Runs every action; `keyPrefix` makes the effect keys (same prefix in, same keys out). */
  run(scope: Record<string, unknown>, data: Record<string, unknown>, target: RuleTarget, keyPrefix: string, ctx: RuleContext): Effect[] {
    const effects: Effect[] = [];
    this.actions.forEach((action, i) => {
      const runOnce = (s: Record<string, unknown>, key: string): void => {
        if (action.when !== undefined && !truthy(this.evaluate(action.when, s, ctx))) return;
        effects.push(...action.type.toEffects(action.params, this.env(s, data, target, key, ctx)));
      };
      if (action.forEach === undefined) return runOnce(scope, `${keyPrefix}:${i}`);
      const items = this.evaluate(action.forEach, scope, ctx);
      if (!Array.isArray(items)) return;
      items.forEach((item, j) => runOnce({ ...scope, $item: item, $index: j }, `${keyPrefix}:${i}.${j}`));
    });
    return effects;
  }

  private env(scope: Record<string, unknown>, data: Record<string, unknown>, target: RuleTarget, key: string, ctx: RuleContext): ActionEnv {
    const env: ActionEnv = {
      rule: { key: this.key, version: this.version },
      key,
      data,
      scope,
      ctx,
      evaluate: (logic) => this.evaluate(logic, scope, ctx),
      fill: (text) => fillTemplate(text, scope, ctx.directory, ctx.records),
      resolveAssignees: (specs) => resolveAssignees(specs, scope, ctx.directory, target.initiator, todayIn(ctx.now, ctx.timeZone ?? 'UTC')),
    };
    if (target.instanceId !== undefined) env.instanceId = target.instanceId;
    if (target.recordId !== undefined) env.recordId = target.recordId;
    if (target.formKey !== undefined) env.formKey = target.formKey;
    if (target.flowKey !== undefined) env.flowKey = target.flowKey;
    return env;
  }

  private compile(logic: JsonLogic): CompiledExpression | undefined {
    if (logic === null || typeof logic !== 'object') return undefined;
    let fn = this.compiled.get(logic);
    if (!fn) {
      fn = compileDefinitionExpression(logic);
      this.compiled.set(logic, fn);
    }
    return fn;
  }

  /** Literals are themselves; JSON objects and arrays are JsonLogic, compiled once. */
  evaluate(logic: JsonLogic, scope: Record<string, unknown>, ctx: RuleContext): unknown {
    const fn = this.compile(logic);
    if (!fn) return logic;
    const evalCtx: EvalContext = { now: ctx.now };
    if (ctx.timeZone !== undefined) evalCtx.timeZone = ctx.timeZone;
    if (ctx.calendar !== undefined) evalCtx.calendar = ctx.calendar;
    evalCtx.directory = ctx.directory;
    return fn(scope, evalCtx);
  }
}

/** JsonLogic truthiness: empty arrays are false, as in json-logic-js. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}
