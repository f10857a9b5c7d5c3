import { BatonError } from '../errors/error-catalogue.js';
import { pointer } from '../errors/issue.js';
import type { Issue } from '../errors/issue.js';
import { issue } from '../errors/error-catalogue.js';
import type { FlowCommand } from './flow-command.js';
import { personPresence } from '../directory/person-presence.js';
import { FLOW_ERRORS } from './flow-errors.js';
import { findTask, findTimer, findToken, openTasks, type FlowTask, type FlowTimer } from './flow-state.js';
import type { FlowTransition } from './flow-transition.js';
import { checkTaskData } from './check-task-data.js';
import { resolveAssignees } from './resolve-assignees.js';
import type { AssigneeSpec } from './flow-definition.js';
import type { NodeCommand } from './node-type.js';
import type { CompiledNode } from './compiled-flow.js';
import { handOverTask } from './hand-over-task.js';
import { checkActionComment, checkHandOverWithinCandidates } from './task-action-rules.js';

type Command<T extends FlowCommand['type']> = Extract<FlowCommand, { type: T }>;

const REASSIGNING = new Set(['delegate', 'transfer']);

/**
 * Actions that move work forward judge the node's form even when nothing is submitted, so an empty
 * "approve" cannot skip required fields; sending work back or elsewhere needs no form filled in.
 */
function judgesEmptySubmission(action: string): boolean {
  return !(action === 'reject' || action === 'return' || REASSIGNING.has(action) || action.startsWith('add-signer'));
}

const NONE: string[] = [];

function targets(to: string | string[] | undefined): string[] {
  if (to === undefined) return NONE;
  if (typeof to === 'string') return to === '' ? NONE : [to];
  return to.filter((id) => id !== '');
}

/** Runs one command against a running instance; every check happens before the first event. */
export function applyFlowCommand(tx: FlowTransition, command: FlowCommand): void {
  switch (command.type) {
    case 'completeTask': return completeTask(tx, command);
    case 'timerFired': return timerFired(tx, command);
    case 'signal': return signal(tx, command);
    case 'cancel':
      return tx.finish('cancelled', command.reason);
    case 'withdraw':
      if (command.by !== tx.state.initiator) {
        throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NOT_INITIATOR, { initiator: tx.state.initiator, instanceId: tx.state.instanceId });
      }
      return tx.finish('withdrawn', command.reason);
    case 'remind': return remind(tx, command);
    case 'migrate': return migrate(tx, command);
    case 'handOverTask': return handOverTask(tx, command);
  }
}

function openTask(tx: FlowTransition, taskId: string): FlowTask {
  const task = findTask(tx.state, taskId);
  if (!task) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_NOT_FOUND, { taskId, instanceId: tx.state.instanceId });
  if (task.status !== 'open') throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_CLOSED, { taskId, status: task.status });
  return task;
}

function completeTask(tx: FlowTransition, command: Command<'completeTask'>): void {
  const task = openTask(tx, command.taskId);
  if (!task.assignees.includes(command.by)) {
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NOT_ASSIGNEE, { user: command.by, taskId: task.id, assignees: task.assignees.join(', ') });
  }
  // Someone whose leave date has passed may still be listed until the handover sweep runs: they cannot
  // act any more, whether the task was theirs alone or offered to several (a role, a shared slot). Judged
  // at the command's own date, so replaying a past instance (demo seed) lets them act as they did then;
  // someone switched off cannot sign in at all (their tokens end), so that flag is not judged here.
  const actor = tx.ctx.directory.user(command.by);
  if (actor && personPresence(actor, tx.presenceToday()) === 'left') {
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_ASSIGNEE_LEFT, { user: command.by, taskId: task.id });
  }
  if (!task.actions.includes(command.action)) {
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_ACTION_NOT_ALLOWED, { action: command.action, taskId: task.id, nodeId: task.nodeId, allowed: task.actions.join(', ') });
  }
  const node = tx.node(task.nodeId);
  const token = findToken(tx.state, task.tokenId)!;
  const to = targets(command.to);
  const needsTarget = REASSIGNING.has(command.action) || command.action.startsWith('add-signer');
  if (needsTarget && to.length === 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_ACTION_NEEDS_TARGET, { action: command.action });
  if (needsTarget) checkHandOverWithinCandidates(node, task, command.to, tx.ctx.directory);
  let returnTarget: string | undefined;
  if (command.action === 'return') {
    returnTarget = to[0] ?? token.trail[token.trail.length - 1];
    if (returnTarget === undefined || !token.trail.includes(returnTarget)) {
      throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_RETURN_TARGET, { taskId: task.id, target: returnTarget ?? '', allowed: token.trail.join(', ') || '-' });
    }
  }
  checkActionComment(node, command.action, command.comment);
  const patch = command.data && Object.keys(command.data).length > 0 ? command.data : undefined;
  if (patch) checkTaskData(tx, node, task, patch);
  else if (judgesEmptySubmission(command.action)) checkTaskData(tx, node, task, {});

  if (patch) tx.changeData(patch, node, token.id);
  if (REASSIGNING.has(command.action)) {
    const extra: { by: string; comment?: string; onBehalfOf?: string } = { by: command.by };
    if (command.comment !== undefined) extra.comment = command.comment;
    if (command.action === 'delegate') extra.onBehalfOf = task.onBehalfOf ?? command.by;
    tx.reassignTask(task, to, command.action, extra);
    return;
  }
  const payload: { action: string; by: string; comment?: string } = { action: command.action, by: command.by };
  if (command.comment !== undefined) payload.comment = command.comment;
  tx.emit('task.completed', { nodeId: node.id, nodeType: node.nodeType.type, taskId: task.id, actor: command.by, data: tx.state.data as Record<string, unknown> }, payload);
  if (returnTarget !== undefined) {
    const by: { by: string; comment?: string } = { by: command.by };
    if (command.comment !== undefined) by.comment = command.comment;
    tx.returnToken(token.id, returnTarget, by);
    return;
  }
  const completed = findTask(tx.state, task.id)!;
  const nodeCommand: Extract<NodeCommand, { kind: 'task' }> = { kind: 'task', task: completed, action: command.action, by: command.by };
  if (command.comment !== undefined) nodeCommand.comment = command.comment;
  if (to.length > 0) nodeCommand.to = to;
  const current = findToken(tx.state, token.id)!;
  const outcome = node.nodeType.on?.(nodeCommand, current, tx.nodeContext(node, current));
  if (!outcome) {
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_ACTION_NOT_ALLOWED, { action: command.action, taskId: task.id, nodeId: task.nodeId, allowed: task.actions.join(', ') });
  }
  const by: { by: string; comment?: string } = { by: command.by };
  if (command.comment !== undefined) by.comment = command.comment;
  tx.applyOutcome(node, token.id, outcome, by);
}

function timerFired(tx: FlowTransition, command: Command<'timerFired'>): void {
  const timer = findTimer(tx.state, command.timerId);
  if (!timer) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TIMER_NOT_FOUND, { timerId: command.timerId, instanceId: tx.state.instanceId });
  const node = tx.node(timer.nodeId);
  tx.emit('timer.fired', tx.nodeFields(node), { timerId: timer.id });
  if (timer.purpose === 'sla') return escalate(tx, timer);
  const token = findToken(tx.state, timer.tokenId);
  if (!token) return;
  const outcome = node.nodeType.on?.({ kind: 'timer', timer }, token, tx.nodeContext(node, token));
  if (outcome) tx.applyOutcome(node, token.id, outcome);
}

function managersOf(tx: FlowTransition, users: string[], node: CompiledNode): string[] {
  const specs: AssigneeSpec[] = users.map((user) => ({ kind: 'manager-of', user }));
  return resolveAssignees(specs, tx.assigneeScope(node));
}

/** SLA breach: notify, reassign or decide on behalf of the assignees, as the node's `sla.escalate` says. */
function escalate(tx: FlowTransition, timer: FlowTimer): void {
  const node = tx.node(timer.nodeId);
  const sla = node.def.sla;
  const token = findToken(tx.state, timer.tokenId);
  if (!sla || !token) return;
  const tasks = openTasks(tx.state, token.id);
  const assignees = [...new Set(tasks.flatMap((t) => t.assignees))];
  const explicit = sla.escalate.to ? resolveAssignees([sla.escalate.to], tx.assigneeScope(node)) : undefined;
  tx.emit('sla.breached', { ...tx.nodeFields(node), actor: 'system' }, { tokenId: token.id, timerId: timer.id, action: sla.escalate.action, assignees, dueAt: timer.dueAt });
  switch (sla.escalate.action) {
    case 'notify': {
      const to = explicit ?? managersOf(tx, assignees, node);
      tx.effect({
        type: 'notify', to: to.length ? to : assignees,
        title: { en: 'Overdue: {node}', 'zh-CN': '已超时：{node}' },
        data: { node: node.def.name, nodeId: node.id, assignees, dueAt: timer.dueAt },
        link: { instanceId: tx.state.instanceId },
      }, node.id, token.id);
      return;
    }
    case 'reassign':
      for (const task of tasks) {
        const to = explicit ?? managersOf(tx, task.assignees, node);
        if (to.length > 0) tx.reassignTask(task, to, 'sla', { by: 'system' });
      }
      return;
    case 'auto-approve':
    case 'auto-reject': {
      const decision = sla.escalate.action === 'auto-approve' ? 'approve' : 'reject';
      const outcome = node.nodeType.on?.({ kind: 'decide', decision, reason: 'sla' }, token, tx.nodeContext(node, token));
      if (outcome) tx.applyOutcome(node, token.id, outcome, { by: 'system' });
    }
  }
}

function signal(tx: FlowTransition, command: Command<'signal'>): void {
  tx.emit('signal.received', {}, { name: command.name, payload: command.payload, tokenId: command.tokenId, nodeId: command.nodeId });
  const candidates = tx.state.tokens.filter(
    (t) => !t.waiting && (command.tokenId === undefined || t.id === command.tokenId) && (command.nodeId === undefined || t.nodeId === command.nodeId),
  );
  let handled = 0;
  for (const candidate of candidates) {
    const token = findToken(tx.state, candidate.id);
    if (!token || tx.state.status !== 'running') continue;
    const node = tx.node(token.nodeId);
    const nodeCommand = { kind: 'signal' as const, name: command.name, ...(command.payload ? { payload: command.payload } : {}) };
    const outcome = node.nodeType.on?.(nodeCommand, token, tx.nodeContext(node, token));
    if (!outcome) continue;
    handled++;
    tx.applyOutcome(node, token.id, outcome);
  }
  if (handled === 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_SIGNAL_UNHANDLED, { name: command.name, instanceId: tx.state.instanceId });
}

function remind(tx: FlowTransition, command: Command<'remind'>): void {
  const tasks = command.taskId !== undefined ? [openTask(tx, command.taskId)] : openTasks(tx.state);
  tx.emit('task.reminded', { actor: command.by }, { taskIds: tasks.map((t) => t.id), comment: command.comment });
  for (const task of tasks) {
    const node = tx.node(task.nodeId);
    tx.effect({
      type: 'notify', to: task.assignees,
      title: { en: 'Reminder: {node} is waiting for you', 'zh-CN': '催办：{node} 等待您处理' },
      data: { node: node.def.name, by: command.by, comment: command.comment ?? '' },
      link: { instanceId: tx.state.instanceId, taskId: task.id },
    }, node.id, task.tokenId);
  }
}

function migrate(tx: FlowTransition, command: Command<'migrate'>): void {
  const { to } = command;
  const state = tx.state;
  if (to.key !== state.flowKey) {
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_MIGRATE_OTHER_FLOW, { instanceId: state.instanceId, flowKey: state.flowKey, targetKey: to.key });
  }
  const mapping = command.nodeMapping ?? {};
  const effective: Record<string, string> = {};
  const problems: Issue[] = [];
  const seen = new Set<string>();
  const occupied = [...state.tokens.map((t) => t.nodeId), ...openTasks(state).map((t) => t.nodeId)];
  for (const nodeId of occupied) {
    if (seen.has(nodeId)) continue;
    seen.add(nodeId);
    const target = mapping[nodeId] ?? nodeId;
    const oldType = tx.node(nodeId).nodeType.type;
    const next = to.node(target);
    if (!next || next.nodeType.type !== oldType) {
      problems.push(issue(FLOW_ERRORS.BATON_E_FLOW_MIGRATE_REMOVED_NODE, pointer('nodeMapping', nodeId), { instanceId: state.instanceId, toVersion: to.version, count: 1, nodes: nodeId }, tx.ctx.locale));
    } else if (target !== nodeId) effective[nodeId] = target;
  }
  if (problems.length > 0) {
    const nodes = problems.map((p) => p.path.split('/').pop()).join(', ');
    throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_MIGRATE_REMOVED_NODE, { instanceId: state.instanceId, toVersion: to.version, count: problems.length, nodes }, problems);
  }
  tx.emit('flow.migrated', { actor: command.by ?? tx.actor }, { fromVersion: state.flowVersion, toVersion: to.version, nodeMapping: effective });
}
