import type { AssigneeSpec } from '../flow-definition.js';
import type { NodeCommand, NodeContext, NodeOutcome, NodeType, TaskRequest } from '../node-type.js';
import { issue } from '../../errors/error-catalogue.js';
import { FLOW_CHECK_ERRORS } from '../flow-check-errors.js';
import { assigneeListSchema, both, MAIN_IN, MAIN_OUT, worded } from './node-schemas.js';
import { ACTION_TITLES, COMMENT_REQUIRED_WORDS, HAND_OVER_WORDS } from './task-words.js';

export type ApprovalMode = 'single' | 'all' | 'any' | 'sequential' | 'quorum';
export type NoAssigneeAction = 'approve' | 'reject' | 'assign';

export interface ApprovalConfig {
  assignees: AssigneeSpec[];
  /** single: one shared task; all: countersign; any: or-sign (first decision wins); sequential; quorum. */
  mode?: ApprovalMode;
  quorum?: { count?: number; percent?: number };
  /** 'end' (default): a rejection ends the flow as rejected; 'port': leave through the "rejected" port. */
  onReject?: 'end' | 'port';
  /**
   * When the assignees resolve to nobody (钉钉 "审批人为空时"): 'reject', 'approve' (skip the step), or
   * 'assign' to `fallbackAssignees`. Default 'reject': a step never passes unseen unless the definition says
   * so. A fallback that resolves to nobody rejects too. The history keeps why (a node.updated note).
   */
  whenNoAssignee?: NoAssigneeAction;
  /** Who gets the approval when `whenNoAssignee` is 'assign' and the assignees resolve to nobody. */
  fallbackAssignees?: AssigneeSpec[];
  /** Deprecated spelling of whenNoAssignee ('approve' | 'reject'), still honoured when that is absent. */
  whenEmpty?: 'approve' | 'reject';
  /** Actions offered; default all of APPROVAL_ACTIONS. */
  actions?: string[];
  /** Actions that need a comment (the reason); default reject and return (task-action-rules.ts), [] asks for none. */
  commentRequired?: string[];
  /** Whom delegate, transfer and add-signer may name: anyone (default) or the task's candidates (task-action-rules.ts). */
  handOverTo?: 'anyone' | 'candidates';
}

export const APPROVAL_ACTIONS = ['approve', 'reject', 'return', 'delegate', 'transfer', 'add-signer-before', 'add-signer-after'];

/** `withdrawn`: the signer left and their manager already signs at this node (handover); it no longer counts. */
type SlotStatus = 'waiting' | 'open' | 'blocked' | 'approved' | 'rejected' | 'cancelled' | 'withdrawn';

/** One approver's place (or, in single mode, the shared place of every candidate). */
interface Slot {
  id: string;
  users: string[];
  status: SlotStatus;
  /** Signer added by an approver: must approve in addition to the mode's rule. */
  added?: 'before' | 'after';
  /** For a signer added before: the slot that reopens once they approve. */
  unblocks?: string;
}

interface ApprovalState {
  slots: Slot[];
  next: number;
  threshold: number;
  /** Set when nobody resolved and the fallback people got the approval instead. */
  fallback?: true;
}

function taskFor(slot: Slot, config: ApprovalConfig, ctx: NodeContext<ApprovalConfig>): TaskRequest {
  const request: TaskRequest = { slot: slot.id, kind: 'approval', assignees: slot.users, actions: config.actions ?? APPROVAL_ACTIONS };
  if (ctx.slaDueAt !== undefined) request.dueAt = ctx.slaDueAt;
  return request;
}

function rejected(config: ApprovalConfig): NodeOutcome {
  return config.onReject === 'port' ? { leave: { port: 'rejected' } } : { end: { status: 'rejected', terminate: true } };
}

function thresholdOf(config: ApprovalConfig, n: number): number {
  if (config.mode !== 'quorum') return n;
  const q = config.quorum ?? {};
  const wanted = q.count ?? Math.ceil((n * (q.percent ?? 50)) / 100);
  return Math.min(Math.max(wanted, 1), n);
}

/** Decides the node after a vote: rejected, passed, or the next slots to open. */
function settle(st: ApprovalState, config: ApprovalConfig, ctx: NodeContext<ApprovalConfig>, tasks: TaskRequest[]): NodeOutcome {
  const mode = config.mode ?? 'single';
  const original = st.slots.filter((s) => !s.added && s.status !== 'withdrawn');
  const added = st.slots.filter((s) => s.added);
  const approvals = original.filter((s) => s.status === 'approved').length;
  const rejections = original.filter((s) => s.status === 'rejected').length;
  const addedRejected = added.some((s) => s.status === 'rejected');
  const tooManyNo = mode === 'quorum' ? rejections > original.length - st.threshold : rejections > 0;
  if (tooManyNo || addedRejected) return { state: st, ...rejected(config) };

  const originalDone =
    mode === 'single' || mode === 'any' ? approvals >= 1 : mode === 'quorum' ? approvals >= st.threshold : approvals === original.length;
  const cancelTasks: string[] = [];
  if (originalDone) {
    // The rule is met: the other original approvers have nothing left to decide.
    for (const slot of original) {
      if (slot.status !== 'open' && slot.status !== 'waiting') continue;
      slot.status = 'cancelled';
      for (const task of ctx.openTasks) if (task.slot === slot.id) cancelTasks.push(task.id);
    }
    if (added.every((s) => s.status === 'approved')) return { state: st, leave: {} };
  }
  if (mode === 'sequential' && !st.slots.some((s) => s.status === 'open' || s.status === 'blocked')) {
    const next = st.slots.find((s) => s.status === 'waiting');
    if (next) {
      next.status = 'open';
      tasks.push(taskFor(next, config, ctx));
    }
  }
  return { state: st, tasks, cancelTasks };
}

function onTask(command: Extract<NodeCommand, { kind: 'task' }>, st: ApprovalState, config: ApprovalConfig, ctx: NodeContext<ApprovalConfig>): NodeOutcome | undefined {
  const index = st.slots.findIndex((s) => s.id === command.task.slot);
  const slot = st.slots[index];
  if (!slot) return undefined;
  const tasks: TaskRequest[] = [];
  const newSlot = (added: 'before' | 'after', status: SlotStatus): Slot => ({ id: `s${st.next++}`, users: command.to ?? [], status, added });
  switch (command.action) {
    case 'approve': {
      slot.status = 'approved';
      const blocked = slot.unblocks === undefined ? undefined : st.slots.find((s) => s.id === slot.unblocks);
      if (blocked && blocked.status === 'blocked') {
        blocked.status = 'open';
        tasks.push(taskFor(blocked, config, ctx));
      }
      break;
    }
    case 'reject':
      slot.status = 'rejected';
      break;
    case 'add-signer-before': {
      const before = { ...newSlot('before', 'open'), unblocks: slot.id };
      slot.status = 'blocked';
      st.slots.splice(index, 0, before);
      tasks.push(taskFor(before, config, ctx));
      break;
    }
    case 'add-signer-after': {
      slot.status = 'approved';
      const sequential = (config.mode ?? 'single') === 'sequential';
      const after = newSlot('after', sequential ? 'waiting' : 'open');
      st.slots.splice(index + 1, 0, after);
      if (!sequential) tasks.push(taskFor(after, config, ctx));
      break;
    }
    default:
      return undefined;
  }
  return settle(st, config, ctx, tasks);
}

/**
 * A signer's place whose signer left, when their manager already holds another original place here (a
 * countersign with the manager among the signers): withdrawn rather than given to the manager, who would
 * otherwise approve twice (and, in a quorum, vote twice). The quorum shrinks with the signers left.
 */
function withdraw(command: Extract<NodeCommand, { kind: 'withdraw' }>, st: ApprovalState, config: ApprovalConfig, ctx: NodeContext<ApprovalConfig>): NodeOutcome | undefined {
  const slot = st.slots.find((s) => s.id === command.task.slot);
  const covering = st.slots.find((s) => s.id === command.coveredBy.slot);
  if (!slot || !covering || slot === covering || slot.added || covering.added || slot.status !== 'open') return undefined;
  slot.status = 'withdrawn';
  st.threshold = Math.min(st.threshold, st.slots.filter((s) => !s.added && s.status !== 'withdrawn').length);
  return settle(st, config, ctx, []);
}

/** Copies the node state before changing it: states are shared with earlier versions of the instance. */
function cloneState(state: unknown): ApprovalState {
  const st = state as ApprovalState;
  return { ...st, slots: st.slots.map((s) => ({ ...s })) };
}

export const approvalNodeType: NodeType<ApprovalConfig> = {
  type: 'approval',
  version: '1.0.0',
  waitState: true,
  actions: APPROVAL_ACTIONS,
  configSchema: {
    type: 'object',
    properties: {
      assignees: worded(assigneeListSchema, { title: both('Approvers', '审批人') }),
      mode: worded({ enum: ['single', 'all', 'any', 'sequential', 'quorum'] }, {
        title: both('Approval mode', '审批方式'),
        enumTitles: {
          single: both('One person, a shared task', '单人审批（共享待办）'),
          all: both('Everyone must approve (countersign)', '会签（需所有人同意）'),
          any: both('The first to decide (or-sign)', '或签（一人同意即可）'),
          sequential: both('One after another', '依次审批'),
          quorum: both('Enough of them approve (quorum)', '按人数或比例通过'),
        },
      }),
      quorum: worded({
        type: 'object',
        properties: {
          count: worded({ type: 'integer', minimum: 1 }, { title: both('Approvals needed', '需同意人数') }),
          percent: worded({ type: 'number', exclusiveMinimum: 0, maximum: 100 }, { title: both('Share that must approve (%)', '需同意比例（%）') }),
        },
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
      }, { title: both('Quorum', '通过条件'), description: both('For the quorum mode: a number of approvals or a share of the approvers, not both.', '用于「按人数或比例通过」：填写人数或比例，二选一。') }),
      onReject: worded({ enum: ['end', 'port'] }, {
        title: both('When rejected', '驳回后'),
        enumTitles: { end: both('End the flow as rejected', '结束流程（结果为驳回）'), port: both('Continue through the “Rejected” exit', '从「驳回」出口继续') },
      }),
      whenNoAssignee: worded({ enum: ['approve', 'reject', 'assign'] }, {
        title: both('When nobody is found', '审批人为空时'),
        enumTitles: {
          reject: both('Reject automatically', '自动驳回'),
          approve: both('Approve automatically (skip the step)', '自动通过（跳过此步）'),
          assign: both('Give it to the fallback approvers', '转交给备用审批人'),
        },
        description: both('Default: reject, so a step never passes unseen.', '默认自动驳回，审批不会无人经手就通过。'),
      }),
      fallbackAssignees: worded(assigneeListSchema, {
        title: both('Fallback approvers', '备用审批人'),
        description: both('Who gets the approval when nobody is found and the setting above says to give it to them.', '审批人为空且上面选择「转交给备用审批人」时，由他们审批。'),
      }),
      whenEmpty: worded({ enum: ['approve', 'reject'], deprecated: true }, {
        title: both('When nobody is found (old setting)', '审批人为空时（旧设置）'),
        description: both('Replaced by “When nobody is found”: choose there, then clear this one.', '已由「审批人为空时」取代：请在那里选择，然后清除此项。'),
        enumTitles: { approve: both('Approve automatically', '自动通过'), reject: both('Reject automatically', '自动驳回') },
      }),
      actions: worded({ type: 'array', items: worded({ enum: APPROVAL_ACTIONS }, { title: both('Action', '操作'), enumTitles: ACTION_TITLES }), minItems: 1, uniqueItems: true }, {
        title: both('Actions offered', '可用操作'),
        description: both('What approvers may do; all of them when none is chosen.', '审批人可执行的操作；不选则全部可用。'),
      }),
      handOverTo: worded({ enum: ['anyone', 'candidates'] }, HAND_OVER_WORDS),
      commentRequired: worded({ type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, uniqueItems: true }, COMMENT_REQUIRED_WORDS),
    },
    required: ['assignees'],
    additionalProperties: false,
  },
  describe: () => ({
    label: { en: 'Approval', 'zh-CN': '审批' },
    description: {
      en: 'One or more people approve or reject: single, countersign, or-sign, sequential or quorum.',
      'zh-CN': '由一人或多人审批：单人、会签、或签、依次审批或按比例通过。',
    },
    icon: 'stamp',
    category: 'people',
    ports: { inputs: [MAIN_IN], outputs: [MAIN_OUT, { id: 'rejected', label: { en: 'Rejected', 'zh-CN': '驳回' } }] },
  }),
  assignees: (config) => config.assignees,
  check(config, ctx) {
    if (config.mode === 'quorum' && !config.quorum) {
      return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_QUORUM_MISSING, `${ctx.path}/config/quorum`, { nodeId: ctx.node.id }, ctx.locale)];
    }
    if (config.onReject === 'port' && !ctx.outgoing.some((e) => e.port === 'rejected')) {
      return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_REJECT_PORT_UNCONNECTED, `${ctx.path}/config/onReject`, { nodeId: ctx.node.id }, ctx.locale)];
    }
    if (config.whenNoAssignee === 'assign' && !(config.fallbackAssignees?.length)) {
      return [issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_FALLBACK_MISSING, `${ctx.path}/config/fallbackAssignees`, { nodeId: ctx.node.id }, ctx.locale)];
    }
    return [];
  },
  enter(_token, ctx) {
    const { config } = ctx;
    const users = ctx.resolveAssignees(config.assignees);
    if (users.length === 0) return nobodyResolved(config, ctx);
    return open(users, config, ctx);
  },
  on(command, token, ctx) {
    if (command.kind === 'decide') return command.decision === 'approve' ? { leave: {} } : rejected(ctx.config);
    if (command.kind === 'withdraw' && token.state !== undefined) return withdraw(command, cloneState(token.state), ctx.config, ctx);
    if (command.kind !== 'task' || token.state === undefined) return undefined;
    return onTask(command, cloneState(token.state), ctx.config, ctx);
  },
};

/** The default when a definition says nothing: refuse rather than let the step pass unseen. */
export function noAssigneeActionOf(config: Pick<ApprovalConfig, 'whenNoAssignee' | 'whenEmpty'>): NoAssigneeAction {
  return config.whenNoAssignee ?? config.whenEmpty ?? 'reject';
}

/** Nobody resolved: approve, reject or hand to the fallback people, as the node says, noting why. */
function nobodyResolved(config: ApprovalConfig, ctx: NodeContext<ApprovalConfig>): NodeOutcome {
  const action = noAssigneeActionOf(config);
  // History `assignee.none`: nobody resolved and the step passed or was refused, as the node says.
  const none = (resolution: 'approved' | 'rejected', fallbackEmpty = false) => ({
    type: 'assignee.none',
    payload: { reason: 'nobody-resolved', resolution, ...(fallbackEmpty ? { fallbackEmpty } : {}) },
  });
  if (action === 'approve') return { leave: {}, note: none('approved') };
  if (action === 'assign') {
    const fallback = ctx.resolveAssignees(config.fallbackAssignees ?? []);
    if (fallback.length === 0) return { ...rejected(config), note: none('rejected', true) };
    const outcome = open(fallback, config, ctx);
    (outcome.state as ApprovalState).fallback = true;
    // Recorded like a rule task's fallback (task-assignee-fallback.ts), so timelines already explain it.
    return { ...outcome, note: { type: 'assignee.fallback', payload: { reason: 'nobody-resolved', via: 'fallbackAssignees', to: fallback, source: 'flow' } } };
  }
  return { ...rejected(config), note: none('rejected') };
}

function open(users: string[], config: ApprovalConfig, ctx: NodeContext<ApprovalConfig>): NodeOutcome {
  const mode = config.mode ?? 'single';
  const slots: Slot[] = mode === 'single'
    ? [{ id: 's1', users, status: 'open' }]
    : users.map((user, i) => ({ id: `s${i + 1}`, users: [user], status: mode === 'sequential' && i > 0 ? 'waiting' : 'open' }));
  const state: ApprovalState = { slots, next: slots.length + 1, threshold: thresholdOf(config, slots.length) };
  return { state, tasks: slots.filter((s) => s.status === 'open').map((s) => taskFor(s, config, ctx)) };
}
