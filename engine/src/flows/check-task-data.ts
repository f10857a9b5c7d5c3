import { BatonError } from '../errors/error-catalogue.js';
import type { FlowTask } from './flow-state.js';
import type { CompiledNode } from './compiled-flow.js';
import type { FlowTransition } from './flow-transition.js';
import { FLOW_ERRORS } from './flow-errors.js';
import { deepEqual } from '../shared/deep-equal.js';
import { checkOwnRows } from './own-rows.js';
import { pointer } from '../errors/issue.js';
import { runStartChecks } from './start-checks.js';

/** A "table.column" access: a change to that column in any row counts, rows added or removed do not. */
function columnChanged(before: unknown, after: unknown, column: string): boolean {
  if (!Array.isArray(after)) return false;
  const rows = Array.isArray(before) ? before : [];
  return after.some((row, i) => {
    const old = rows[i] as Record<string, unknown> | undefined;
    const value = row && typeof row === 'object' ? (row as Record<string, unknown>)[column] : undefined;
    return old !== undefined && !deepEqual(old[column], value);
  });
}

/**
 * Refuses submitted data that touches a field the node shows read-only or hides, then lets the runtime's
 * form validation (ctx.validateTaskData) judge the merged data.
 */
export function checkTaskData(tx: FlowTransition, node: CompiledNode, task: FlowTask, patch: Record<string, unknown>): void {
  const access = node.def.form?.access ?? {};
  const data = tx.state.data;
  checkSubjectUnchanged(tx, node, data, patch);
  if (node.id === tx.flow.startNodeId) checkResubmission(tx, task, data, patch);
  for (const [field, mode] of Object.entries(access)) {
    if (mode === 'editable') continue;
    const dot = field.indexOf('.');
    const top = dot < 0 ? field : field.slice(0, dot);
    if (!Object.hasOwn(patch, top)) continue;
    const changed = dot < 0 ? !deepEqual(data[top], patch[top]) : columnChanged(data[top], patch[top], field.slice(dot + 1));
    if (changed) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_FIELD_NOT_EDITABLE, { field, access: mode, nodeId: node.id });
  }
  checkOwnRows(tx, node, task, patch);
  const validate = tx.ctx.validateTaskData;
  if (!validate) return;
  const input: Parameters<typeof validate>[0] = {
    nodeId: node.id, data: { ...data, ...patch }, patch, previous: data, access, locale: tx.ctx.locale ?? 'en',
  };
  if (task.formKey !== undefined) input.formKey = task.formKey;
  const issues = validate(input);
  if (issues.length > 0) {
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_DATA_INVALID, { taskId: task.id, count: issues.length }, issues);
  }
}

/**
 * The flow's subject field (flow.subject.field) names who the instance is about: the runtime keeps that
 * person as the instance's subject, so a resubmission naming somebody else is refused, at any node.
 */
function checkSubjectUnchanged(tx: FlowTransition, node: CompiledNode, data: Record<string, unknown>, patch: Record<string, unknown>): void {
  const field = tx.flow.definition.subject?.field;
  if (field === undefined || !Object.hasOwn(patch, field) || deepEqual(data[field], patch[field])) return;
  const label = (locale: 'en' | 'zh-CN') => tx.ctx.fieldLabel?.({ field, formKey: undefined, locale }) ?? field;
  throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_SUBJECT_LOCKED, { field, label: label('en'), labelZh: label('zh-CN'), nodeId: node.id }, [], pointer('data', field));
}

/** A resubmission is judged by the start node's checks again, for the fields it changes (start-checks.ts). */
function checkResubmission(tx: FlowTransition, task: FlowTask, data: Record<string, unknown>, patch: Record<string, unknown>): void {
  const actor = tx.actor ?? '';
  const roles = tx.evalCtx.directory?.user(actor)?.roles ?? [];
  const issues = runStartChecks(tx.flow, {
    data: { ...data, ...patch }, previous: data, starter: { id: actor, roles }, ctx: tx.evalCtx, locale: tx.ctx.locale ?? 'en',
  });
  if (issues.length > 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_DATA_INVALID, { taskId: task.id, count: issues.length }, issues);
}
