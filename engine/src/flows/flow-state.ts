/**
 * The state of one flow instance. It is a fold of the instance's events (see evolve-flow-state.ts), so it
 * holds nothing an event does not carry: resolved assignees, ids and due times are all in the events.
 * States are immutable: a transition shares every untouched object with the previous state.
 */
export type FlowStatus = 'running' | 'completed' | 'rejected' | 'cancelled' | 'withdrawn';

/** A marker moving through the graph. Parallel branches are separate tokens. */
export interface FlowToken {
  id: string;
  nodeId: string;
  enteredAt: string;
  /** Stack of forks this token was split by, innermost last; joins pop it. */
  forks: string[];
  /** Wait-state nodes this token has left, oldest first: the targets a "return" may go back to. */
  trail: string[];
  /** Nodes that returned work to an earlier node; leaving resumes at the last one instead of following edges. */
  resume?: string[];
  /** Set while the token waits at a join for its siblings. */
  waiting?: boolean;
  /** Who sent the work back here, when the node was re-entered by a return. */
  returned?: { from: string; by: string; comment?: string };
  /** Node-private state, owned by the node type (JSON). */
  state?: unknown;
}

/** A split that a join will merge again. */
export interface FlowFork {
  id: string;
  nodeId: string;
  /** Tokens the join waits for. */
  expected: number;
  /** The splitting token's trail, restored on the merged token. */
  trail: string[];
}

export type FlowTaskStatus = 'open' | 'completed' | 'cancelled' | 'reassigned';

export interface FlowTask {
  id: string;
  nodeId: string;
  tokenId: string;
  /** The node type's own handle for the task (e.g. an approval slot). */
  slot?: string;
  kind: string;
  assignees: string[];
  candidates?: string[];
  actions: string[];
  status: FlowTaskStatus;
  createdAt: string;
  dueAt?: string;
  formKey?: string;
  /** Set on a delegated task: whom the assignee acts for. */
  onBehalfOf?: string;
  action?: string;
  by?: string;
  closedAt?: string;
}

export interface FlowTimer {
  id: string;
  nodeId: string;
  tokenId: string;
  purpose: 'node' | 'sla';
  dueAt: string;
  payload?: Record<string, unknown>;
}

export interface FlowState {
  instanceId: string;
  flowKey: string;
  flowVersion: number;
  businessKey?: string;
  initiator: string;
  status: FlowStatus;
  /** Sequence number of the last event folded in: only increases, usable for optimistic concurrency. */
  version: number;
  startedAt: string;
  endedAt?: string;
  data: Readonly<Record<string, unknown>>;
  // Lists, not records keyed by id: ids are unique per instance, and objects used as dictionaries with
  // ever-new keys are ~25x slower to copy in V8. Instances hold tens of entries, so a scan is cheap.
  tokens: readonly FlowToken[];
  forks: readonly FlowFork[];
  /** Every task the instance created, closed ones included (so a second completion is refused). */
  tasks: readonly FlowTask[];
  /** Pending timers only. */
  timers: readonly FlowTimer[];
  /** Counter for token and fork ids, which are local to the instance. */
  nextLocalId: number;
}

// Plain loops, no callbacks: these run several times per transition.
function byId<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]!.id === id) return list[i];
  return undefined;
}

export function findToken(state: FlowState, id: string): FlowToken | undefined {
  return byId(state.tokens, id);
}

export function findTask(state: FlowState, id: string): FlowTask | undefined {
  return byId(state.tasks, id);
}

export function findTimer(state: FlowState, id: string): FlowTimer | undefined {
  return byId(state.timers, id);
}

export function findFork(state: FlowState, id: string): FlowFork | undefined {
  return byId(state.forks, id);
}

/** Open tasks, of one token or of the whole instance. */
export function openTasks(state: FlowState, tokenId?: string): FlowTask[] {
  const out: FlowTask[] = [];
  for (const task of state.tasks) if (task.status === 'open' && (tokenId === undefined || task.tokenId === tokenId)) out.push(task);
  return out;
}

export function timersOf(state: FlowState, tokenId: string): FlowTimer[] {
  const out: FlowTimer[] = [];
  for (const timer of state.timers) if (timer.tokenId === tokenId) out.push(timer);
  return out;
}
