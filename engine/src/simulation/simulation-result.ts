import type { DomainEvent } from '../effects/domain-event.js';
import type { Effect } from '../effects/effect.js';
import type { FlowStatus } from '../flows/flow-state.js';

/** A node a token entered, in order. */
export interface PathEntry { node: string; at: string; token: string }

export interface SimulatedTask {
  id: string;
  node: string;
  assignees: string[];
  actions: string[];
  createdAt: string;
  status: 'open' | 'completed' | 'cancelled' | 'reassigned';
  closedAt?: string;
  /** Who completed it, with which action and comment. */
  by?: string;
  action?: string;
  comment?: string;
}

export interface SimulatedTimer {
  id: string;
  node: string;
  purpose: 'node' | 'sla';
  scheduledAt: string;
  dueAt: string;
  status: 'pending' | 'fired' | 'cancelled';
  closedAt?: string;
}

/** An expectation that did not hold, or a command that could not run. `path` points into the scenario. */
export interface SimulationFailure {
  step: number;
  path: string;
  code: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** For a refused command: the refusal's own issues (e.g. each invalid field of the task data, path into the data). */
  issues?: Array<{ code: string; path: string; message: string }>;
}

export interface Coverage {
  nodes: string[];
  edges: string[];
  /** Edges leaving a node with several outgoing edges (gateway branches, ports): the decisions. */
  branches: string[];
}

export interface SimulationResult {
  name: string;
  ok: boolean;
  path: PathEntry[];
  tasks: SimulatedTask[];
  timers: SimulatedTimer[];
  effects: Effect[];
  events: DomainEvent[];
  finalState: { status: FlowStatus; data: Record<string, unknown> };
  covered: Coverage;
  /** Nodes, edges and branches the run never reached. */
  uncovered: Coverage;
  failures: SimulationFailure[];
}
