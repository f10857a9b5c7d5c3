import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { validateAgainstSchema } from '../definitions/validate-against-schema.js';
import { collectVariables, compileExpression } from '../expressions/compile-expression.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import { checkClearedFields } from './check-cleared-fields.js';
import { checkTextTemplate } from './check-text-template.js';
import { templatePlaceholders } from './fill-template.js';
import type { RuleDefinition } from './rule-definition.js';
import { fieldTypeName, findField, resolveRuleForm, type RuleForm } from './rule-form-fields.js';
import { RESERVED_SCOPE_NAMES } from './rule-scope.js';
import { RULES_ERRORS } from './rules-errors.js';
import type { FieldRef } from './trigger-type.js';

const DATE_TYPES = ['date', 'date-time'];

function list(names: string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
}

/**
 * Semantic checks of a rule beyond its JSON Schema: trigger and action types exist, their config / params
 * are valid for the type, expressions compile, and — when ctx.resolve finds the scoped form — conditions,
 * params, template placeholders and date fields name fields that exist (with the right type).
 */
export function checkRuleDefinition(def: RuleDefinition, ctx: SemanticCheckContext): Issue[] {
  const { registry, locale } = ctx;
  const issues: Issue[] = [];
  const expressions: Array<{ path: string; logic: JsonLogic }> = [];
  const templates: Array<{ path: string; text: LocalizedText }> = [];
  const fieldRefs: FieldRef[] = [];

  for (const [name, logic] of Object.entries(def.vars ?? {})) expressions.push({ path: pointer('vars', name), logic });
  if (def.condition !== undefined) expressions.push({ path: '/condition', logic: def.condition });

  const trigger = registry.triggers.get(def.trigger.type);
  if (!trigger) {
    const known = list(registry.triggers.list().map((t) => t.type));
    issues.push(issue(RULES_ERRORS.BATON_E_RULE_UNKNOWN_TRIGGER, '/trigger/type', { type: def.trigger.type, known }, locale));
  } else {
    const config = def.trigger.config ?? {};
    const configIssues = validateAgainstSchema(trigger.configSchema, config, '/trigger/config', locale);
    issues.push(...configIssues);
    if (configIssues.length === 0) {
      issues.push(...(trigger.check?.(config, '/trigger/config', locale) ?? []));
      for (const ref of trigger.fieldRefs?.(config) ?? []) fieldRefs.push({ ...ref, path: `/trigger/config${ref.path}` });
    }
  }

  // Hooks that read params run only on params their schema accepted.
  const checkedActions = new Set<number>();
  def.actions.forEach((action, i) => {
    const base = pointer('actions', i);
    if (action.forEach !== undefined) expressions.push({ path: `${base}/forEach`, logic: action.forEach });
    if (action.when !== undefined) expressions.push({ path: `${base}/when`, logic: action.when });
    const type = registry.actions.get(action.type);
    if (!type) {
      const known = list(registry.actions.list().map((a) => a.type));
      issues.push(issue(RULES_ERRORS.BATON_E_RULE_UNKNOWN_ACTION, `${base}/type`, { type: action.type, known }, locale));
      return;
    }
    const params = action.params ?? {};
    const paramIssues = validateAgainstSchema(type.paramsSchema, params, `${base}/params`, locale);
    issues.push(...paramIssues);
    if (paramIssues.length > 0) return;
    checkedActions.add(i);
    for (const e of type.expressions?.(params) ?? []) expressions.push({ path: `${base}/params${e.path}`, logic: e.logic });
    for (const t of type.templates?.(params) ?? []) templates.push({ path: `${base}/params${t.path}`, text: t.text });
    for (const r of type.fieldRefs?.(params) ?? []) fieldRefs.push({ ...r, path: `${base}/params${r.path}` });
  });

  for (const e of expressions) {
    try {
      compileExpression(e.logic);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      issues.push(issue(RULES_ERRORS.BATON_E_RULE_BAD_EXPRESSION, e.path, { error: message }, locale));
    }
  }

  for (const t of templates) issues.push(...checkTextTemplate(t.text, t.path, locale));
  issues.push(...checkClearedFields(def, ctx, checkedActions));

  const form = resolveRuleForm(def.scope, ctx);
  if (!form) return issues;
  const vars = new Set(Object.keys(def.vars ?? {}));
  const known = (): string => list(form.fields.map((f) => f.key));
  // A path is fine when it starts with a reserved name or a var, or names a field of the form.
  const unknownSegment = (path: string): string | undefined => {
    const head = path.split('.')[0] as string;
    if (vars.has(head) || (RESERVED_SCOPE_NAMES as readonly string[]).includes(head)) return undefined;
    return findField(form, path).missing;
  };

  for (const e of expressions) {
    for (const path of safeVariables(e.logic)) {
      const missing = unknownSegment(path);
      if (missing !== undefined) {
        issues.push(issue(RULES_ERRORS.BATON_E_RULE_UNKNOWN_FIELD, e.path, { field: path, form: form.key, known: known() }, locale));
      }
    }
  }
  for (const t of templates) {
    for (const placeholder of templatePlaceholders(t.text)) {
      if (unknownSegment(placeholder) !== undefined) {
        const example = form.fields[0]?.key ?? 'field';
        issues.push(issue(RULES_ERRORS.BATON_E_RULE_UNKNOWN_PLACEHOLDER, t.path, { placeholder, form: form.key, example }, locale));
      }
    }
  }
  for (const ref of fieldRefs) issues.push(...checkFieldRef(ref, form, vars, ctx, known));
  return issues;
}

function checkFieldRef(ref: FieldRef, form: RuleForm, vars: Set<string>, ctx: SemanticCheckContext, known: () => string): Issue[] {
  const head = ref.field.split('.')[0] as string;
  if (vars.has(head) || (RESERVED_SCOPE_NAMES as readonly string[]).includes(head)) return [];
  const { field, missing } = findField(form, ref.field);
  if (missing !== undefined) {
    return [issue(RULES_ERRORS.BATON_E_RULE_UNKNOWN_FIELD, ref.path, { field: ref.field, form: form.key, known: known() }, ctx.locale)];
  }
  if (!field || !ref.types) return [];
  const type = fieldTypeName(field);
  // A computed field counts as the type it computes.
  const effective = type === 'computed' && typeof field.config?.resultType === 'string' ? field.config.resultType : type;
  if (ref.types.includes(effective) || ref.types.includes(type)) return [];
  if (ref.types.every((t) => DATE_TYPES.includes(t))) {
    return [issue(RULES_ERRORS.BATON_E_RULE_FIELD_NOT_DATE, ref.path, { field: ref.field, type }, ctx.locale)];
  }
  return [issue(RULES_ERRORS.BATON_E_RULE_FIELD_WRONG_TYPE, ref.path, { field: ref.field, type, expected: ref.types.join(' / ') }, ctx.locale)];
}

function safeVariables(logic: JsonLogic): string[] {
  try {
    return collectVariables(logic);
  } catch {
    return [];
  }
}
