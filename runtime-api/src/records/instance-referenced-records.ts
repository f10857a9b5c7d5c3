import type { CompiledFlow } from '@baton/engine';
import type { Kysely } from 'kysely';
import { instanceViewOf, projectForView, type InstanceView } from '../access/instance-access.js';
import { nodeFormsFor } from '../access/node-forms.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import type { ExecutionServices } from '../execution/execution-services.js';

/**
 * The record ids an instance's data names at one relation field ("customerId", "customers.customerId"),
 * as the caller may see that data. Why: a customer's successor or an approver must read the names of the
 * records the request lists (their handover task shows them) without being a reader of the collection.
 * Empty when the instance does not exist, the caller may not see it, or neither its start form nor a form of
 * one of the caller's steps is `formKey` (so another form's field of the same name reveals nothing).
 */
export async function idsReferencedByInstance(
  db: Kysely<Database>,
  services: ExecutionServices,
  principal: Principal,
  request: { instanceId: string; formKey: string; field: string },
): Promise<Set<string>> {
  const row = await db.selectFrom('instances').selectAll().where('id', '=', request.instanceId).executeTakeFirst();
  if (!row) return new Set();
  const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
  const view = await instanceViewOf(db, principal, row, flow?.compiled);
  if (!view.visible || !formSeenBy(view, flow?.compiled, row.form_key, request.formKey)) return new Set();
  const startForm = row.form_key ? await services.definitions.form(db, row.form_key) : undefined;
  const data = projectForView(row.data, view, flow?.compiled, startForm?.compiled, await nodeFormsFor(db, services, flow?.compiled, view));
  return new Set(idsAt(data, request.field));
}

/** The start form, or the form a step the caller sees binds (any step for a full viewer). */
function formSeenBy(view: InstanceView, flow: CompiledFlow | undefined, startFormKey: string | null, formKey: string): boolean {
  if (formKey === startFormKey) return true;
  if (!flow) return false;
  const nodeIds = view.full ? flow.definition.nodes.map((n) => n.id) : view.nodes;
  return nodeIds.some((id) => flow.node(id)?.def.form?.key === formKey);
}

/** The ids at "key" (one id or a list of them) or "table.column" (each row's). */
function idsAt(data: Record<string, unknown>, field: string): string[] {
  const dot = field.indexOf('.');
  if (dot < 0) return idsOf(data[field]);
  const rows = data[field.slice(0, dot)];
  if (!Array.isArray(rows)) return [];
  const column = field.slice(dot + 1);
  return rows.flatMap((row: unknown) => (row && typeof row === 'object' ? idsOf((row as Record<string, unknown>)[column]) : []));
}

function idsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
