import { resolveFormFields, type FieldInfo } from '../definitions/form-field-index.js';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { FlowDefinition } from './flow-definition.js';
import { FLOW_CHECK_ERRORS } from './flow-check-errors.js';
import type { StartCheck } from './start-checks.js';

/** The field type that holds a person (a directory user id): the only kind a subject or a reader can be. */
export const PERSON_FIELD_TYPE = 'user';

/** What to name instead, in words: one of the start form's Person fields, or a new one when it has none. */
function personFieldFix(fields: Map<string, FieldInfo>): { fix: string; fixZh: string } {
  const keys = [...fields.values()].filter((f) => f.type === PERSON_FIELD_TYPE).map((f) => `"${f.key}"`);
  if (keys.length === 0) return { fix: 'add a Person field to that form and name it here', fixZh: '请先在该表单中添加一个人员字段，再在此处选择它' };
  return { fix: `name one of its Person fields: ${keys.join(', ')}`, fixZh: `请改为其人员字段之一：${keys.join('、')}` };
}

/** Roles are matched exactly: an empty one or one padded with spaces matches nobody. */
function checkOnBehalfRoles(roles: readonly string[], ctx: SemanticCheckContext): Issue[] {
  return roles.flatMap((role, i) => {
    const at = pointer('subject', 'onBehalfRoles', i);
    const trimmed = role.trim();
    if (trimmed === '') return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SUBJECT_ROLE_BLANK, at, { position: i + 1 }, ctx.locale)];
    if (trimmed !== role) return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SUBJECT_ROLE_SPACES, at, { role, trimmed }, ctx.locale)];
    return [];
  });
}

/**
 * The flow's `subject` against its start form (the flow's `form`, the one runtime-api validates a start
 * with): the field must be a top-level Person field, or the runtime would record nobody (or a date) as the
 * person the request is about. Skipped when the form cannot be resolved, as the other cross-definition checks.
 */
function checkSubjectField(def: FlowDefinition, fields: Map<string, FieldInfo> | undefined, ctx: SemanticCheckContext): Issue[] {
  const field = def.subject?.field;
  if (field === undefined) return [];
  const at = pointer('subject', 'field');
  if (def.form === undefined) return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SUBJECT_WITHOUT_FORM, at, { field }, ctx.locale)];
  if (!fields) return [];
  const found = fields.get(field);
  const params = { field, formKey: def.form, ...personFieldFix(fields) };
  if (!found) return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SUBJECT_UNKNOWN_FIELD, at, params, ctx.locale)];
  if (found.type !== PERSON_FIELD_TYPE) return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SUBJECT_NOT_PERSON, at, { ...params, type: found.type }, ctx.locale)];
  return [];
}

/** A start check shows its message at a field of the start form; elsewhere nobody would see why the start failed. */
function checkStartCheckPaths(def: FlowDefinition, fields: Map<string, FieldInfo> | undefined, ctx: SemanticCheckContext): Issue[] {
  if (!fields || def.form === undefined) return [];
  const issues: Issue[] = [];
  def.nodes.forEach((node, i) => {
    if (ctx.registry.nodes.get(node.type)?.role !== 'start') return;
    // The node's config schema is judged beside this check: tolerate a malformed one rather than throw.
    const checks = (node.config as { checks?: unknown } | undefined)?.checks;
    if (!Array.isArray(checks)) return;
    (checks as Array<Partial<StartCheck> | null>).forEach((check, j) => {
      if (typeof check?.path !== 'string' || fields.has(check.path)) return;
      issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_START_CHECK_UNKNOWN_FIELD, pointer('nodes', i, 'config', 'checks', j, 'path'), { check: check.key ?? String(j + 1), field: check.path, formKey: def.form }, ctx.locale));
    });
  });
  return issues;
}

/** Semantic checks of the flow's start rules: its `subject` setting and its start node's check fields. */
export function checkFlowSubject(def: FlowDefinition, ctx: SemanticCheckContext): Issue[] {
  const fields = resolveFormFields(ctx, def.form);
  return [
    ...checkSubjectField(def, fields, ctx),
    ...checkOnBehalfRoles(def.subject?.onBehalfRoles ?? [], ctx),
    ...checkStartCheckPaths(def, fields, ctx),
  ];
}
