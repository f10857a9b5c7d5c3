import type { CompiledFlow, CompiledForm, FlowState } from '@baton/engine';
import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import { projectForView, type InstanceView, type NodeForms } from '../access/instance-access.js';
import type { Database } from '../db/database.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import { maskSecrets } from '../secrets/masked-secret.js';
import { toTaskView } from '../tasks/task-schemas.js';
import type { InstanceViewSchema } from './instance-schemas.js';

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * An instance as one caller may see it: the data projected through their nodes' field access, open tasks,
 * and the history without payloads (events carry data snapshots that could hold hidden fields).
 */
export async function renderInstance(
  db: Kysely<Database>,
  row: InstanceRow,
  view: InstanceView,
  flow: CompiledFlow | undefined,
  form: CompiledForm | undefined,
  nodeForms?: NodeForms,
): Promise<Static<typeof InstanceViewSchema>> {
  const state = row.state as unknown as FlowState;
  const tasks = await db.selectFrom('tasks').selectAll().where('instance_id', '=', row.id).where('status', '=', 'open').orderBy('created_at').orderBy('id').execute();
  const history = await db.selectFrom('history').select(['seq', 'type', 'payload', 'actor', 'at']).where('instance_id', '=', row.id).orderBy('seq').execute();
  return {
    id: row.id,
    flowKey: row.flow_key,
    flowVersion: row.flow_version,
    businessKey: row.business_key,
    status: row.status,
    initiator: row.started_by,
    subjectId: row.subject_id,
    version: row.version,
    activeNodes: [...new Set((state.tokens ?? []).map((t) => t.nodeId))],
    // Secret fields leave the server masked, to everyone (POST …/secrets/reveal opens one, audited).
    data: maskSecrets(projectForView(row.data, view, flow, form, nodeForms)),
    openTasks: tasks.map(toTaskView),
    history: history.map((h) => {
      const event = h.payload;
      const payload = (event.payload ?? {}) as Record<string, unknown>;
      return {
        seq: h.seq,
        type: h.type,
        at: h.at.toISOString(),
        actor: h.actor,
        nodeId: str(event.nodeId),
        taskId: str(event.taskId),
        action: str(payload.action),
        comment: str(payload.comment),
      };
    }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
  };
}
