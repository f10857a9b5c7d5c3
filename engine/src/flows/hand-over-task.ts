import type { DirectoryReader } from '../directory/directory.js';
import { isPresent } from '../directory/person-presence.js';
import { BatonError } from '../errors/error-catalogue.js';
import type { FlowCommand } from './flow-command.js';
import { FLOW_ERRORS } from './flow-errors.js';
import { findTask, findToken, openTasks, type FlowTask } from './flow-state.js';
import type { CompiledNode } from './compiled-flow.js';
import type { FlowTransition } from './flow-transition.js';
import { presentOrManager, type AssigneeReplacement } from './resolve-assignees.js';

/**
 * A departed assignee taken off a task without a replacement, because someone still here covers it:
 * the task's present assignees (`assignees`), the present holders of its candidate roles or departments
 * (`candidates`), or their manager who already signs at the node (`co-signer`, named in `signer`: the
 * leaver's countersign place is withdrawn). Recorded as `assignee.removed`.
 */
export interface AssigneeRemoval {
  from: string;
  presence: 'inactive' | 'left';
  leaveDate?: string;
  coveredBy: 'assignees' | 'candidates' | 'co-signer';
  signer?: string;
}

/** What handing over an open task means: its new assignees and what happens to each departed assignee. */
export interface HandOverPlan {
  /** The task's new assignees, without repeats; empty: nobody present can take it (HR is told). */
  to: string[];
  /** Departed assignees replaced by their nearest present manager (`to` null: nobody above is here). */
  replacements: AssigneeReplacement[];
  /** Departed assignees dropped because someone present covers the task. */
  removals: AssigneeRemoval[];
}

/**
 * The handover of an open task, or undefined while none of its assignees has left (someone unknown to the
 * directory counts as here: judged elsewhere). Every task with several assignees is "any one of them"
 * (a shared approval slot, a shared to-do, a rule's to-do): a countersign (会签), a quorum, a sequential
 * approval and `each` to-dos give every signer their own single-assignee task. So, in order:
 * 1. someone on the task is still here: the leavers are dropped, the present ones keep it;
 * 2. nobody is, but the task was offered to a role or department (`candidates`, "role:it") that has
 *    present members now: they get it, as if it were offered again;
 * 3. otherwise each leaver's nearest present manager (same rule as assignment, presentOrManager).
 * Someone is present on their leave date, gone from the day after (in the organisation's zone).
 */
export function handOverPlan(assignees: readonly string[], directory: DirectoryReader, today: string, candidates: readonly string[] = []): HandOverPlan | undefined {
  const present: string[] = [];
  const gone: AssigneeReplacement[] = [];
  for (const id of assignees) {
    const replacement = presentOrManager(id, 'open-task', directory, today);
    if (replacement) gone.push(replacement);
    else present.push(id);
  }
  if (gone.length === 0) return undefined;
  if (present.length > 0) return { to: present, replacements: [], removals: gone.map((r) => removal(r, 'assignees')) };
  const holders = presentCandidates(candidates, directory, today);
  if (holders.length > 0) return { to: holders, replacements: [], removals: gone.map((r) => removal(r, 'candidates')) };
  const to = [...new Set(gone.flatMap((r) => (r.to === null ? [] : [r.to])))];
  return { to, replacements: gone, removals: [] };
}

function removal(replacement: AssigneeReplacement, coveredBy: AssigneeRemoval['coveredBy']): AssigneeRemoval {
  const out: AssigneeRemoval = { from: replacement.from, presence: replacement.presence, coveredBy };
  if (replacement.leaveDate !== undefined) out.leaveDate = replacement.leaveDate;
  return out;
}

/** Present members of the task's candidate roles and departments ("role:it", "department:d1"), in directory order. */
function presentCandidates(candidates: readonly string[], directory: DirectoryReader, today: string): string[] {
  const found = new Set<string>();
  for (const candidate of candidates) {
    const [kind, id] = [candidate.slice(0, candidate.indexOf(':')), candidate.slice(candidate.indexOf(':') + 1)];
    const members = kind === 'role' ? directory.usersWithRole(id) : kind === 'department' ? directory.usersInDepartment(id) : [];
    for (const member of members) if (isPresent(member, today)) found.add(member.id);
  }
  return [...found];
}

/**
 * `handOverTask`: an open task with an assignee who left is handed over as handOverPlan says, as a transfer
 * by `system` with reason `left` (task.reassigned), after one `assignee.removed` or `assignee.replaced` per
 * departed assignee (with the task's id); the people new to the task are told. A countersign place whose
 * manager already signs at the node is withdrawn instead (withdrawnForCoSigner). Refused, with nothing
 * recorded, when nobody on the task left or nobody present is found: the runtime reports the latter.
 */
export function handOverTask(tx: FlowTransition, command: Extract<FlowCommand, { type: 'handOverTask' }>): void {
  const task = findTask(tx.state, command.taskId);
  if (!task) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_NOT_FOUND, { taskId: command.taskId, instanceId: tx.state.instanceId });
  if (task.status !== 'open') throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_TASK_CLOSED, { taskId: task.id, status: task.status });
  const node = tx.node(task.nodeId);
  const plan = handOverPlan(task.assignees, tx.ctx.directory, tx.presenceToday(), task.candidates);
  const assignees = task.assignees.join(', ');
  if (!plan) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_HANDOVER_NOT_NEEDED, { taskId: task.id, assignees });
  if (plan.to.length === 0) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_HANDOVER_NOBODY, { taskId: task.id, assignees });
  const fields = { ...tx.nodeFields(node), taskId: task.id, actor: 'system' };
  if (withdrawnForCoSigner(tx, node, task, plan)) return;
  for (const removed of plan.removals) tx.emit('assignee.removed', fields, { ...removed, taskId: task.id });
  for (const replacement of plan.replacements) tx.emit('assignee.replaced', fields, { ...replacement, taskId: task.id });
  const next = tx.reassignTask(task, plan.to, 'left', { by: 'system' });
  const newcomers = plan.to.filter((id) => !task.assignees.includes(id));
  if (newcomers.length === 0) return;
  tx.effect({
    type: 'notify', to: newcomers,
    title: { en: 'Handed over to you: {node}', 'zh-CN': '离职交接给您：{node}' },
    data: { node: node.def.name, from: assignees },
    link: { instanceId: tx.state.instanceId, taskId: next.id },
  }, node.id, task.tokenId);
}

/**
 * A countersign place (one signer's own task) whose signer left, when the manager who would take it already
 * holds another open task of the same token: the node may withdraw the place (approval-node.ts) instead,
 * so the manager does not decide twice. The task is cancelled (reason `left`) after `assignee.removed`.
 */
function withdrawnForCoSigner(tx: FlowTransition, node: CompiledNode, task: FlowTask, plan: HandOverPlan): boolean {
  const [replacement] = plan.replacements;
  if (plan.replacements.length !== 1 || !replacement?.to || task.slot === undefined || !node.nodeType.on) return false;
  const manager = replacement.to;
  const coveredBy = openTasks(tx.state).find((t) => t.id !== task.id && t.tokenId === task.tokenId && t.nodeId === task.nodeId && t.assignees.includes(manager));
  const token = findToken(tx.state, task.tokenId);
  if (!coveredBy || !token) return false;
  const outcome = node.nodeType.on({ kind: 'withdraw', task, coveredBy }, token, tx.nodeContext(node, token));
  if (!outcome) return false;
  const removal: AssigneeRemoval = { from: replacement.from, presence: replacement.presence, coveredBy: 'co-signer', signer: manager };
  if (replacement.leaveDate !== undefined) removal.leaveDate = replacement.leaveDate;
  tx.emit('assignee.removed', { ...tx.nodeFields(node), taskId: task.id, actor: 'system' }, { ...removal, taskId: task.id });
  tx.cancelTask(task.id, 'left');
  tx.applyOutcome(node, token.id, outcome, { by: 'system' });
  return true;
}
