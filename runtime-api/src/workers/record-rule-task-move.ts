import type { DomainEvent } from '@baton/engine';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import type { Database } from '../db/database.js';
import { appendHistory } from '../execution/history-rows.js';

/** What a rule task's move records before its `task.reassigned`: why each person came or went. */
export interface MoveEvent {
  type: DomainEvent['type'];
  payload: Record<string, unknown>;
}

/**
 * The records of a rule task given to other people by the runtime (handover of leavers, fallback of an
 * empty task): runtime history (the `why` events, then `task.reassigned` with `reason`) when the task
 * belongs to an instance, and the audit entry `task.handed-over` by `system` either way. The caller holds
 * the instance and the task locked and has already updated the task row.
 */
export async function recordRuleTaskMove(
  trx: Kysely<Database>,
  now: Date,
  instance: { id: string; flow_key: string; history_seq: number } | undefined,
  task: { id: string; node_id: string | null },
  move: { why: MoveEvent[]; reason: string; to: string[]; audit: Record<string, unknown> },
): Promise<void> {
  if (instance) {
    const fields = { at: now.toISOString(), instanceId: instance.id, flowKey: instance.flow_key, taskId: task.id, nodeId: task.node_id, actor: 'system' };
    const reassigned: MoveEvent = {
      type: 'task.reassigned',
      payload: { from: task.id, reason: move.reason, by: 'system', source: 'rule', task: { id: task.id, assignees: move.to } },
    };
    const events = [...move.why, reassigned].map((e, i) => ({ ...fields, ...e, seq: instance.history_seq + 1 + i }) as DomainEvent);
    const seq = await appendHistory(trx, instance.id, instance.history_seq, events, 'runtime');
    await trx.updateTable('instances').set({ history_seq: seq }).where('id', '=', instance.id).execute();
  }
  await appendAudit(trx, {
    actor: 'system',
    action: 'task.handed-over',
    subjectKind: instance ? 'instance' : 'task',
    subjectId: instance?.id ?? task.id,
    at: now,
    data: { taskId: task.id, source: 'rule', reason: move.reason, to: move.to, ...move.audit },
  });
}
