import type { CompiledFlow, CompiledForm } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ExecutionServices } from '../execution/execution-services.js';
import type { InstanceView, NodeForms } from './instance-access.js';

/**
 * The forms the caller's nodes bind besides the start form, loaded before projecting (projection is
 * synchronous). Full viewers see the whole data and need none.
 */
export async function nodeFormsFor(
  db: Kysely<Database>,
  services: ExecutionServices,
  flow: CompiledFlow | undefined,
  view: Pick<InstanceView, 'full' | 'nodes'>,
): Promise<NodeForms | undefined> {
  if (!flow || view.full) return undefined;
  const byNode = new Map<string, CompiledForm>();
  for (const nodeId of view.nodes) {
    const key = flow.node(nodeId)?.def.form?.key;
    if (!key || key === flow.definition.form) continue;
    const form = await services.definitions.form(db, key);
    if (form) byNode.set(nodeId, form.compiled);
  }
  return byNode.size > 0 ? (nodeId) => byNode.get(nodeId) : undefined;
}
