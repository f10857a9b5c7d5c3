import type { CompiledFlow, CompiledForm, FlowState } from '@baton/engine';
import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import { projectForView, type InstanceView, type NodeForms } from '../access/instance-access.js';
import type { Database } from '../db/database.js';
import type { InstanceRow, StepResult } from '../execution/instance-pipeline.js';
import type { Selectable } from 'kysely';
import type { TasksTable } from '../db/database.js';
import { maskSecrets } from '../secrets/masked-secret.js';
import { toTaskView } from '../tasks/task-schemas.js';
import type { InstanceViewSchema } from './instance-schemas.js';
import { isUnchangedDataEvent } from './unchanged-data-event.js';
import { visibleChanges, type FieldChange } from './visible-changes.js';

const ENDED_WITH_REASON = new Set(['flow.withdrawn', 'flow.cancelled']);

function resolutionOf(value: unknown): { resolution?: 'approved' | 'rejected' } {
  return value === 'approved' || value === 'rejected' ? { resolution: value } : {};
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Every task and history row of an instance, as its command just wrote them (a fresh start: no reads). */
export interface WrittenRows {
  tasks: ReadonlyArray<Selectable<TasksTable>>;
  history: ReadonlyArray<{ seq: number; type: string; payload: Record<string, unknown>; actor: string | null; at: Date; node_id?: string | null }>;
}

/**
 * The rows a start wrote, when they are all of the instance's: only the flow's own step wrote (no rule
 * fired, so no rule task or runtime history entry exists). Otherwise undefined: read them back.
 */
export function writtenByStart(step: StepResult): WrittenRows | undefined {
  if (step.rulesFired.length > 0) return undefined;
  let seq = 0;
  const history = step.transition.events.map((event) => ({
    seq: ++seq,
    type: event.type,
    payload: event as unknown as Record<string, unknown>,
    actor: event.actor ?? null,
    at: new Date(event.at),
  }));
  if (seq !== step.instance.history_seq) return undefined;
  return { tasks: step.tasks, history };
}

/**
 * An instance as one caller may see it: the data projected through their nodes' field access, open tasks,
 * and the history without payloads (events carry data snapshots that could hold hidden fields). A data
 * change keeps the fields it changed that the caller may see (visible-changes.ts); one that changed only
 * hidden fields is left out, as if it had not happened.
 */
export async function renderInstance(
  db: Kysely<Database>,
  row: InstanceRow,
  view: InstanceView,
  flow: CompiledFlow | undefined,
  form: CompiledForm | undefined,
  nodeForms?: NodeForms,
  written?: WrittenRows,
): Promise<Static<typeof InstanceViewSchema>> {
  const state = row.state as unknown as FlowState;
  const tasks = written
    ? written.tasks.filter((t) => t.status === 'open').sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    : await db.selectFrom('tasks').selectAll().where('instance_id', '=', row.id).where('status', '=', 'open').orderBy('created_at').orderBy('id').execute();
  const history = written
    ? written.history
    : await db.selectFrom('history').select(['seq', 'type', 'payload', 'actor', 'at', 'node_id']).where('instance_id', '=', row.id).orderBy('seq').execute();
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
    history: history.filter((h) => !isUnchangedDataEvent(h.type, h.payload)).flatMap((h) => {
      // Since migration 0022 the stored payload leaves out what the columns hold (history-rows.ts): the node
      // comes from node_id; taskId and the inner payload are stored as they were.
      const event = h.payload;
      const payload = (event.payload ?? {}) as Record<string, unknown>;
      const changes: FieldChange[] | undefined = h.type === 'data.changed' ? visibleChanges(event, view, flow, form, nodeForms) : undefined;
      if (changes?.length === 0) return [];
      return [{
        seq: h.seq,
        type: h.type,
        at: h.at.toISOString(),
        actor: h.actor,
        nodeId: str(event.nodeId) ?? h.node_id ?? null,
        taskId: str(event.taskId),
        action: str(payload.action),
        // A withdrawal's or cancellation's reason reads as its comment on the timeline.
        comment: str(payload.comment) ?? (ENDED_WITH_REASON.has(h.type) ? str(payload.reason) : null),
        // Nobody was found to approve: the timeline says whether the step passed or the request was refused.
        ...(h.type === 'assignee.none' ? resolutionOf(payload.resolution) : {}),
        ...(changes ? { changes } : {}),
      }];
    }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
  };
}
