import type { FlowDefinition, SimulationResult } from '@baton/engine';
import type { SampleContext } from './sample-data.js';

/** A simulation step as the scenario schema has it (engine/schemas/scenario.schema.json). */
export type ScenarioStep =
  | { complete: { node: string; action: string; by?: string; data?: Record<string, unknown>; comment?: string } }
  | { advance: string };

export interface ScenarioUser {
  id: string;
  name?: string;
  managerId?: string;
  departmentId?: string;
  roles?: string[];
  /** Directory attributes branch conditions read, e.g. `{ jobFamily: 'sales' }`. */
  attributes?: Record<string, unknown>;
}

export interface ScenarioDraft {
  initiator: string;
  data: Record<string, unknown>;
  users: ScenarioUser[];
  departments: Array<{ id: string; headId?: string }>;
  steps: ScenarioStep[];
}

interface AssigneeLike {
  kind?: string;
  id?: string;
  role?: string;
  department?: string;
  user?: string;
}

function assigneesOf(def: FlowDefinition): AssigneeLike[] {
  return def.nodes.flatMap((n) => {
    const list = (n.config as { assignees?: unknown } | undefined)?.assignees;
    const sla = n.sla?.escalate.to;
    return [...(Array.isArray(list) ? (list as AssigneeLike[]) : []), ...(sla ? [sla as AssigneeLike] : [])];
  });
}

/**
 * A small organisation in which every assignee of the flow resolves to somebody: the initiator with a
 * manager and a department head, one person per role, a head per named department, each named user.
 * The analyst can edit it before running.
 */
export function defaultScenario(def: FlowDefinition): ScenarioDraft {
  const users = new Map<string, ScenarioUser>();
  const departments = new Map<string, { id: string; headId?: string }>();
  users.set('initiator', { id: 'initiator', managerId: 'manager', departmentId: 'dept' });
  users.set('manager', { id: 'manager', managerId: 'director', departmentId: 'dept' });
  users.set('director', { id: 'director', departmentId: 'dept' });
  // Somebody other than the initiator for the forms' person fields (successors, forwards): never the leaver.
  users.set('colleague', { id: 'colleague', managerId: 'manager', departmentId: 'dept' });
  departments.set('dept', { id: 'dept', headId: 'director' });
  for (const a of assigneesOf(def)) {
    if (a.kind === 'user' && a.id && !users.has(a.id)) users.set(a.id, { id: a.id, departmentId: 'dept' });
    if (a.kind === 'role' && a.role) {
      const id = `${a.role}-person`;
      if (!users.has(id)) users.set(id, { id, roles: [a.role], departmentId: 'dept' });
    }
    const dept = a.kind === 'department' ? a.id : a.kind === 'department-head-of' ? a.department : undefined;
    if (dept && !departments.has(dept)) {
      users.set(`${dept}-head`, { id: `${dept}-head`, departmentId: dept });
      departments.set(dept, { id: dept, headId: `${dept}-head` });
    }
    if (a.user && !users.has(a.user)) users.set(a.user, { id: a.user, managerId: 'manager', departmentId: 'dept' });
  }
  return { initiator: 'initiator', data: {}, users: [...users.values()], departments: [...departments.values()], steps: [] };
}

/** The scenario's day one, and the day every sample date uses (four weeks later: a notice period). */
export const SCENARIO_START = '2025-03-03T01:00:00Z';
export const SAMPLE_DATE = '2025-03-31';

/** Who sample data names: the initiator as the form's subject, somebody else for every other person field. */
export function sampleContextOf(draft: Pick<ScenarioDraft, 'initiator' | 'users'>): SampleContext {
  const others = draft.users.map((u) => u.id).filter((id) => id !== draft.initiator);
  return { subject: draft.initiator, colleague: others.includes('colleague') ? 'colleague' : (others[0] ?? draft.initiator), date: SAMPLE_DATE };
}

/** The scenario JSON simulate() takes. The clock starts at a fixed Monday morning so runs repeat exactly. */
export function toScenario(def: FlowDefinition, draft: ScenarioDraft): Record<string, unknown> {
  return {
    name: 'designer',
    flow: def.key,
    start: { initiator: draft.initiator, at: SCENARIO_START, data: draft.data },
    directory: { users: draft.users, departments: draft.departments },
    steps: draft.steps,
  };
}

/** One "complete" step per task still open at the end of a run, with the task's first action. */
export function stepsForOpenTasks(result: SimulationResult, preferred: readonly string[] = ['approve', 'complete']): ScenarioStep[] {
  return result.tasks
    .filter((t) => t.status === 'open')
    .map((t) => {
      const action = preferred.find((a) => t.actions.includes(a)) ?? t.actions[0] ?? 'complete';
      return { complete: { node: t.node, action, ...(t.assignees[0] ? { by: t.assignees[0] } : {}) } };
    });
}

export type NodeHighlight = 'visited' | 'current' | 'unvisited';
export type EdgeHighlight = 'covered' | 'uncovered-branch' | 'uncovered';

/** What the canvas lights up after a run: the path taken, where tokens wait, and what was never reached. */
export function highlights(def: FlowDefinition, result: SimulationResult): { nodes: Map<string, NodeHighlight>; edges: Map<string, EdgeHighlight> } {
  const nodes = new Map<string, NodeHighlight>();
  const waiting = new Set(result.tasks.filter((t) => t.status === 'open').map((t) => t.node));
  const visited = new Set(result.path.map((p) => p.node));
  for (const n of def.nodes) nodes.set(n.id, waiting.has(n.id) ? 'current' : visited.has(n.id) ? 'visited' : 'unvisited');
  const edges = new Map<string, EdgeHighlight>();
  const covered = new Set(result.covered.edges);
  const branches = new Set(result.uncovered.branches);
  for (const e of def.edges) edges.set(e.id, covered.has(e.id) ? 'covered' : branches.has(e.id) ? 'uncovered-branch' : 'uncovered');
  return { nodes, edges };
}

/** Role names a start check compares `$starter.roles` with (`{"includes": [{"var": "$starter.roles"}, "hr"]}`). */
function rolesReadBy(logic: unknown, out: Set<string>): void {
  if (Array.isArray(logic)) {
    const readsRoles = logic.some((arg) => typeof arg === 'object' && arg !== null && (arg as { var?: unknown }).var === '$starter.roles');
    for (const arg of logic) {
      if (readsRoles && typeof arg === 'string' && arg !== '') out.add(arg);
      else rolesReadBy(arg, out);
    }
  } else if (typeof logic === 'object' && logic !== null) {
    for (const arg of Object.values(logic)) rolesReadBy(arg, out);
  }
}

/**
 * The roles worth offering for the simulated starter: those the flow's start rules read (the subject's
 * on-behalf roles, roles a start check spares), and any the starter already holds so they can be taken away.
 */
export function starterRoleChoices(def: FlowDefinition, draft: Pick<ScenarioDraft, 'initiator' | 'users'>): string[] {
  const roles = new Set<string>(def.subject?.onBehalfRoles ?? []);
  const start = def.nodes.find((n) => n.type === 'start' || n.type.startsWith('start@'));
  const checks = (start?.config as { checks?: Array<{ when?: unknown; assert?: unknown }> } | undefined)?.checks;
  for (const check of Array.isArray(checks) ? checks : []) rolesReadBy([check.when, check.assert], roles);
  for (const role of starterRoles(draft)) roles.add(role);
  return [...roles].filter((r) => r.trim() !== '').sort();
}

/** The draft with the starter (its initiator) holding exactly `roles`; a starter not in the directory is added. */
export function withStarterRoles(draft: ScenarioDraft, roles: readonly string[]): ScenarioDraft {
  const known = draft.users.some((u) => u.id === draft.initiator);
  const users = known
    ? draft.users.map((u) => (u.id === draft.initiator ? { ...u, roles: [...roles] } : u))
    : [...draft.users, { id: draft.initiator, roles: [...roles] }];
  return { ...draft, users };
}

/** The roles the simulated starter holds. */
export function starterRoles(draft: Pick<ScenarioDraft, 'initiator' | 'users'>): string[] {
  return draft.users.find((u) => u.id === draft.initiator)?.roles ?? [];
}
