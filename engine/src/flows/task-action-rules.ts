import { defineErrors } from '../errors/error-catalogue.js';
import { BatonError } from '../errors/error-catalogue.js';
import type { DirectoryReader } from '../directory/directory.js';
import type { CompiledNode } from './compiled-flow.js';
import type { FlowTask } from './flow-state.js';
import type { AssigneeSpec } from './flow-definition.js';
import { describeCandidates } from './resolve-assignees.js';

/** Codes of task actions refused for what they lack (apply-flow-command.ts). */
export const TASK_ACTION_ERRORS = defineErrors({
  BATON_E_FLOW_COMMENT_REQUIRED: {
    status: 422,
    en: 'Write a reason in the comment to {actionLabel} at "{node}": the person who gets the request back needs to know why.',
    'zh-CN': '请在意见中填写{actionLabelZh}的理由（“{nodeZh}”）：收到申请的人需要知道原因。',
  },
  BATON_E_FLOW_TARGET_NOT_CANDIDATE: {
    status: 422,
    en: 'Choose someone who may take "{node}" ({path}): {name} is not among {candidates}, to whom this step is offered.',
    'zh-CN': '请选择可以处理“{nodeZh}”的人（{path}）：{name}不属于此步骤的处理范围（{candidates}）。',
  },
});

/** Sending work back or refusing it needs a reason unless the node says otherwise (钉钉/NocoBase "意见必填"). */
export const DEFAULT_COMMENT_REQUIRED: readonly string[] = ['reject', 'return'];

const LABELS: Record<string, { en: string; zh: string }> = {
  reject: { en: 'reject', zh: '拒绝' },
  return: { en: 'return', zh: '退回' },
};

/**
 * The actions of a node that need a non-blank comment: the node's `commentRequired` list when it has one
 * (approval and task nodes declare it; `[]` asks for none), else reject and return.
 */
export function commentRequiredActions(nodeConfig: unknown): readonly string[] {
  const listed = (nodeConfig as { commentRequired?: unknown } | undefined)?.commentRequired;
  return Array.isArray(listed) ? listed.filter((a): a is string => typeof a === 'string') : DEFAULT_COMMENT_REQUIRED;
}

/** Refuses (422 at /comment) an action the node wants a reason for when the comment is missing or blank. */
export function checkActionComment(node: CompiledNode, action: string, comment: string | undefined): void {
  if (!commentRequiredActions(node.def.config).includes(action) || (comment ?? '').trim() !== '') return;
  const name = node.def.name as Record<string, string> | undefined;
  const label = LABELS[action];
  throw new BatonError(TASK_ACTION_ERRORS.BATON_E_FLOW_COMMENT_REQUIRED, {
    action, nodeId: node.id,
    node: name?.en ?? name?.['zh-CN'] ?? node.id, nodeZh: name?.['zh-CN'] ?? name?.en ?? node.id,
    actionLabel: label?.en ?? action, actionLabelZh: label?.zh ?? action,
  }, [], '/comment');
}

/**
 * A node with `handOverTo: 'candidates'` (e.g. HR's exit interview, whose form only HR may see) lets a
 * delegate, transfer or add-signer name only present holders of the roles or members of the departments
 * its task was offered to ("role:hr"), or people it names; refused (422 at /to or /to/i) otherwise. A task
 * offered by no role or department (a manager, a field) has nothing to judge by: anyone may take it.
 */
export function checkHandOverWithinCandidates(node: CompiledNode, task: FlowTask, to: string | string[] | undefined, directory: DirectoryReader): void {
  const config = node.def.config as { handOverTo?: unknown; assignees?: AssigneeSpec[] } | undefined;
  if (config?.handOverTo !== 'candidates' || to === undefined) return;
  // An approval's tasks do not carry candidates: the node's assignee specs say the same.
  const candidates = (task.candidates ?? describeCandidates(config.assignees ?? [])).filter((c) => /^(role|department|user):/.test(c));
  if (!candidates.some((c) => !c.startsWith('user:'))) return;
  const ids = Array.isArray(to) ? to : [to];
  ids.forEach((id, i) => {
    const user = directory.user(id);
    if (!user || candidates.some((c) => holds(c, user))) return;
    const name = node.def.name as Record<string, string> | undefined;
    const path = Array.isArray(to) ? `/to/${i}` : '/to';
    throw new BatonError(TASK_ACTION_ERRORS.BATON_E_FLOW_TARGET_NOT_CANDIDATE, {
      path, id, name: user.name, candidates: candidates.join(', '), nodeId: node.id,
      node: name?.en ?? node.id, nodeZh: name?.['zh-CN'] ?? name?.en ?? node.id,
    }, [], path);
  });
}

function holds(candidate: string, user: { id: string; roles: readonly string[]; departmentId?: string | undefined }): boolean {
  const colon = candidate.indexOf(':');
  const [kind, id] = [candidate.slice(0, colon), candidate.slice(colon + 1)];
  if (kind === 'role') return user.roles.includes(id);
  return kind === 'department' ? user.departmentId === id : user.id === id;
}
