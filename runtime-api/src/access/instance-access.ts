import { pickFormData, type CompiledFlow, type CompiledForm, type FieldAccess } from '@baton/engine';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { hasAnyRole, ROLES } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';

/** Roles that see every instance and its whole data. */
export const INSTANCE_ADMIN_ROLES = [ROLES.hr] as const;

/**
 * Roles a flow declares as viewers. The flow schema has no such field yet (engine gap, see README); a
 * `viewers: string[]` on the definition is honoured as soon as the schema allows it.
 */
export function viewerRolesOf(flow: CompiledFlow | undefined): string[] {
  const viewers = (flow?.definition as { viewers?: unknown } | undefined)?.viewers;
  return Array.isArray(viewers) ? viewers.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The subject of an instance: the first top-level `user` field of the start form with a value, e.g. the
 * employee an offboarding is about. (Engine gap: a flow cannot name its subject field explicitly.)
 */
export function subjectOf(form: CompiledForm | undefined, formBody: Record<string, unknown> | undefined, data: Record<string, unknown>): string | null {
  if (!form || !formBody) return null;
  const fields = Array.isArray(formBody.fields) ? (formBody.fields as Array<{ key?: unknown; type?: unknown }>) : [];
  for (const field of fields) {
    if (field.type !== 'user' || typeof field.key !== 'string') continue;
    const value = data[field.key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

export interface InstanceView {
  /** May see the instance at all. */
  visible: boolean;
  /** Sees every field (HR, admin, a viewer role). */
  full: boolean;
  /** Flow nodes whose field access applies to the caller (the start node for initiator and subject). */
  nodes: string[];
}

/**
 * Object-level access: the initiator, the subject, anyone who is or was an assignee of one of its tasks,
 * a viewer role of the flow, HR and admins. Everyone else must not learn the instance exists (404).
 */
export async function instanceViewOf(
  db: Kysely<Database>,
  principal: Principal,
  instance: Pick<InstanceRow, 'id' | 'started_by' | 'subject_id'>,
  flow: CompiledFlow | undefined,
  /** Every task row of the instance, when the caller holds them (it just wrote them all): no read. */
  allTasks?: ReadonlyArray<{ node_id: string; source: string; assignees: readonly string[] }>,
): Promise<InstanceView> {
  if (hasAnyRole(principal, [...INSTANCE_ADMIN_ROLES, ...viewerRolesOf(flow)])) return { visible: true, full: true, nodes: [] };
  const nodes = new Set<string>();
  const startNode = flow?.startNodeId ?? 'start';
  if (instance.started_by === principal.userId || instance.subject_id === principal.userId) nodes.add(startNode);
  const tasks = allTasks
    ? allTasks.filter((t) => t.assignees.includes(principal.userId))
    : await db
        .selectFrom('tasks')
        .select(['node_id', 'source'])
        .where('instance_id', '=', instance.id)
        .where(sql<boolean>`assignees @> ${JSON.stringify([principal.userId])}::jsonb`)
        .execute();
  // A rule task's assignee sees the instance as its initiator does: rule tasks sit on no flow node.
  for (const task of tasks) nodes.add(task.source === 'flow' ? task.node_id : startNode);
  return { visible: nodes.size > 0, full: false, nodes: [...nodes] };
}

/** Fields and columns the flow's own binding hides at a node ("key" or "table.column"). */
function flowHidden(flow: CompiledFlow | undefined, nodeId: string): string[] {
  const access = flow?.node(nodeId)?.def.form?.access ?? {};
  return Object.entries(access).filter(([, mode]) => (mode as FieldAccess | undefined) === 'hidden').map(([field]) => field);
}

function stripHidden(data: Record<string, unknown>, hidden: readonly string[]): Record<string, unknown> {
  const out = { ...data };
  for (const path of hidden) {
    const dot = path.indexOf('.');
    if (dot < 0) {
      delete out[path];
      continue;
    }
    const table = path.slice(0, dot);
    const column = path.slice(dot + 1);
    const rows = out[table];
    if (!Array.isArray(rows)) continue;
    out[table] = rows.map((row: unknown) => {
      if (!row || typeof row !== 'object') return row;
      const copy = { ...(row as Record<string, unknown>) };
      if (column === '*') return {};
      delete copy[column];
      return copy;
    });
  }
  return out;
}

/** The form a node binds when it is not the start form (an exit interview, a finance settlement…). */
export type NodeForms = (nodeId: string) => CompiledForm | undefined;

/**
 * The data as seen from one node: the start form's fields with its access there, plus the fields of the
 * node's own form, the flow binding's hidden fields removed. Keys no form of the node declares (another
 * step's form, e.g. the exit interview seen from the IT step) are not shown.
 */
export function projectAtNode(
  data: Record<string, unknown>,
  nodeId: string,
  flow: CompiledFlow | undefined,
  form: CompiledForm | undefined,
  nodeForm?: CompiledForm,
): Record<string, unknown> {
  const byForm = form ? pickFormData(form, form.project(data, nodeId)) : { ...data };
  if (nodeForm && nodeForm !== form) Object.assign(byForm, nodeForm.project(pickFormData(nodeForm, data), nodeId));
  return stripHidden(byForm, flowHidden(flow, nodeId));
}

/**
 * The data a caller may see: everything for full viewers; otherwise what any of their nodes shows (a field
 * hidden at one of their nodes but shown at another is shown). Hidden fields never leave the server.
 */
export function projectForView(
  data: Record<string, unknown>,
  view: InstanceView,
  flow: CompiledFlow | undefined,
  form: CompiledForm | undefined,
  nodeForms?: NodeForms,
): Record<string, unknown> {
  if (view.full) return data;
  const projections = view.nodes.map((node) => projectAtNode(data, node, flow, form, nodeForms?.(node)));
  const out: Record<string, unknown> = {};
  for (const projection of projections) {
    for (const [key, value] of Object.entries(projection)) {
      // A table seen with more columns from another node wins; otherwise the first view's value is kept.
      if (!(key in out) || JSON.stringify(value).length > JSON.stringify(out[key]).length) out[key] = value;
    }
  }
  return out;
}
