import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { RuleDefinition } from './rule-definition.js';
import { RULES_ERRORS } from './rules-errors.js';
import type { ClearedField } from './trigger-type.js';

interface FormShape {
  collection?: unknown;
  fields?: Array<{ key?: unknown; required?: unknown }>;
}

function formOf(ctx: SemanticCheckContext, key: string): FormShape | undefined {
  const found = ctx.resolve?.('form', key);
  return found && typeof found === 'object' ? (found as FormShape) : undefined;
}

/**
 * Where a cleared field of the rule's own data lives: a record of the scope's collection form (cleared like
 * any record's), or a flow instance's data, which keeps every key it once had (its history replays patches
 * as merges), so a null there would be refused at run time anyway. Unknown (no scope, form not found): no check.
 */
function ownTarget(def: RuleDefinition, ctx: SemanticCheckContext): { form: string; shape: FormShape } | 'flow' | undefined {
  const scope = def.scope;
  if (scope?.flow !== undefined) return 'flow';
  if (scope?.form === undefined) return undefined;
  const shape = formOf(ctx, scope.form);
  if (!shape) return undefined;
  return shape.collection === true ? { form: scope.form, shape } : 'flow';
}

/**
 * Actions that clear a field (set-data with a `null` value): refused when the field is required in its form,
 * since the form would refuse every such write at run time, and when the data is a flow instance's.
 * Paths point at the null value (/actions/0/params/values/holderId).
 */
export function checkClearedFields(def: RuleDefinition, ctx: SemanticCheckContext, checkedActions: ReadonlySet<number>): Issue[] {
  const issues: Issue[] = [];
  def.actions.forEach((action, i) => {
    if (!checkedActions.has(i)) return;
    const type = ctx.registry.actions.get(action.type);
    const cleared: ClearedField[] = type?.clearedFields?.(action.params ?? {}) ?? [];
    for (const clear of cleared) {
      const path = `${pointer('actions', i, 'params')}${clear.path}`;
      const target = clear.form !== undefined ? resolved(ctx, clear.form) : ownTarget(def, ctx);
      if (target === undefined) continue;
      if (target === 'flow') {
        issues.push(issue(RULES_ERRORS.BATON_E_RULE_CLEARS_FLOW_DATA, path, { field: clear.field }, ctx.locale));
        continue;
      }
      const field = target.shape.fields?.find((f) => f.key === clear.field);
      if (field?.required === true) {
        issues.push(issue(RULES_ERRORS.BATON_E_RULE_CLEARS_REQUIRED, path, { field: clear.field, form: target.form }, ctx.locale));
      }
    }
  });
  return issues;
}

function resolved(ctx: SemanticCheckContext, form: string): { form: string; shape: FormShape } | undefined {
  const shape = formOf(ctx, form);
  return shape ? { form, shape } : undefined;
}
