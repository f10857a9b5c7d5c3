import type { DirectoryReader } from '../directory/directory.js';
import { BatonError } from '../errors/error-catalogue.js';
import type { FlowCommand } from './flow-command.js';
import { FLOW_ERRORS } from './flow-errors.js';
import { findTask } from './flow-state.js';
import type { FlowTransition } from './flow-transition.js';
import { presentOrManager, type AssigneeReplacement } from './resolve-assignees.js';

/** What handing over an open task means: its new assignees and, per departed assignee, who replaces them. */
export interface HandOverPlan {
  /** The nearest present manager of each assignee, without repeats; empty: nobody present above any of them. */
  to: string[];
  replacements: AssigneeReplacement[];
}

/**
 * The handover of a task assigned to `assignees`, or undefined while one of them is still present (or
 * unknown to the directory): they can act, so the task is not stuck. Same rule as assignment
 * (presentOrManager): someone is present on their leave date, gone from the day after.
 */
export function handOverPlan(assignees: readonly string[], directory: DirectoryReader, today: string): HandOverPlan | undefined {
  if (assignees.length === 0) return undefined;
  const replacements: AssigneeReplacement[] = [];
  for (const id of assignees) {
    const replacement = presentOrManager(id, 'open-task', directory, today);
    if (!replacement) return undefined;
    replacements.push(replacement);
  }
  const to = [...new Set(replacements.flatMap((r) => (r.to === null ? [] : [r.to])))];
  return { to, replacements };
}

/**
 * `handOverTask`: an open task whose assignees have all left goes to their nearest present managers, as a
 * transfer by `system` with reason `left` (task.reassigned), after one `assignee.replaced` per departed
 * assignee (with the task's id), and the new assignees are told. Refused, with nothing recorded, when
 * someone on the task is still here or nobody present is found: the runtime reports the latter.
 */
export function handOverTask(tx: FlowTransition, command: Extract<FlowCommand, { type: 'handOverTask' }>): void {
  const task = findTask(tx.state, command.taskId);
  if (!task) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_NOT_FOUND, { taskId: command.taskId, instanceId: tx.state.instanceId });
  if (task.status !== 'open') throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_CLOSED, { taskId: task.id, status: task.status });
  const node = tx.node(task.nodeId);
  const today = tx.assigneeScope(node).today!;
  const plan = handOverPlan(task.assignees, tx.ctx.directory, today);
  const assignees = task.assignees.join(', ');
  if (!plan) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_HANDOVER_NOT_NEEDED, { taskId: task.id, assignees });
  if (plan.to.length === 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_HANDOVER_NOBODY, { taskId: task.id, assignees });
  for (const replacement of plan.replacements) {
    tx.emit('assignee.replaced', { ...tx.nodeFields(node), taskId: task.id, actor: 'system' }, { ...replacement, taskId: task.id });
  }
  const next = tx.reassignTask(task, plan.to, 'left', { by: 'system' });
  tx.effect({
    type: 'notify', to: plan.to,
    title: { en: 'Handed over to you: {node}', 'zh-CN': '离职交接给您：{node}' },
    data: { node: tx.node(task.nodeId).def.name, from: assignees },
    link: { instanceId: tx.state.instanceId, taskId: next.id },
  }, node.id, task.tokenId);
}
