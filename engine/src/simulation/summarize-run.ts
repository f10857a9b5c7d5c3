import type { FlowDefinition } from '../flows/flow-definition.js';
import type { FlowTask, FlowTimer, FlowToken } from '../flows/flow-state.js';
import type { ScenarioRun } from './scenario-run.js';
import type { Coverage, PathEntry, SimulatedTask, SimulatedTimer, SimulationResult } from './simulation-result.js';

/** Edges leaving a node that has several: the branches a scenario set should each take once. */
export function branchEdges(flow: FlowDefinition): string[] {
  const outgoing = new Map<string, number>();
  for (const edge of flow.edges) outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
  return flow.edges.filter((e) => (outgoing.get(e.from) ?? 0) > 1).map((e) => e.id);
}

/** What of the flow is not in `covered`, in definition order. */
export function uncoveredOf(flow: FlowDefinition, covered: Coverage): Coverage {
  const nodes = new Set(covered.nodes);
  const edges = new Set(covered.edges);
  return {
    nodes: flow.nodes.map((n) => n.id).filter((id) => !nodes.has(id)),
    edges: flow.edges.map((e) => e.id).filter((id) => !edges.has(id)),
    branches: branchEdges(flow).filter((id) => !edges.has(id)),
  };
}

/** Turns a played run's history into the report: path, tasks, timers, coverage, final state. */
export function summarizeRun(flow: FlowDefinition, run: ScenarioRun): SimulationResult {
  const path: PathEntry[] = [];
  const tasks = new Map<string, SimulatedTask>();
  const timers = new Map<string, SimulatedTimer>();
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const event of run.events) {
    const p = (event.payload ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case 'node.entered': {
        const token = p.token as FlowToken;
        path.push({ node: token.nodeId, at: event.at, token: token.id });
        nodes.add(token.nodeId);
        break;
      }
      case 'node.left':
        for (const id of (p.edges as string[] | undefined) ?? []) edges.add(id);
        break;
      case 'task.created':
      case 'task.reassigned': {
        const task = p.task as FlowTask;
        if (event.type === 'task.reassigned') close(tasks.get(p.from as string), 'reassigned', event.at);
        tasks.set(task.id, { id: task.id, node: task.nodeId, assignees: task.assignees, actions: task.actions, createdAt: task.createdAt, status: 'open' });
        break;
      }
      case 'task.completed': {
        const task = tasks.get(event.taskId ?? '');
        if (!task) break;
        close(task, 'completed', event.at);
        task.by = p.by as string;
        task.action = p.action as string;
        if (p.comment !== undefined) task.comment = p.comment as string;
        break;
      }
      case 'task.cancelled':
        close(tasks.get(event.taskId ?? ''), 'cancelled', event.at);
        break;
      case 'timer.scheduled': {
        const timer = p.timer as FlowTimer;
        timers.set(timer.id, { id: timer.id, node: timer.nodeId, purpose: timer.purpose, scheduledAt: event.at, dueAt: timer.dueAt, status: 'pending' });
        break;
      }
      case 'timer.fired':
      case 'timer.cancelled': {
        const timer = timers.get(p.timerId as string);
        if (timer) Object.assign(timer, { status: event.type === 'timer.fired' ? 'fired' : 'cancelled', closedAt: event.at });
        break;
      }
    }
  }
  const covered: Coverage = { nodes: [...nodes], edges: [...edges], branches: branchEdges(flow).filter((id) => edges.has(id)) };
  const state = run.state as typeof run.state | undefined;
  return {
    name: run.scenario.name,
    ok: run.failures.length === 0,
    path,
    tasks: [...tasks.values()],
    timers: [...timers.values()],
    effects: run.effects,
    events: run.events,
    finalState: { status: state?.status ?? 'cancelled', data: { ...(state?.data ?? {}) } },
    covered,
    uncovered: uncoveredOf(flow, covered),
    failures: run.failures,
  };
}

function close(task: SimulatedTask | undefined, status: SimulatedTask['status'], at: string): void {
  if (!task) return;
  task.status = status;
  task.closedAt = at;
}
