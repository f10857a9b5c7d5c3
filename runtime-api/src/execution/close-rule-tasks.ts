import type { DomainEvent, FlowStatus } from '@baton/engine';
import { sql } from 'kysely';
import { appendAuditAtEnd } from '../audit/append-audit.js';
import type { CommandEnv } from './execution-services.js';
import { appendHistory } from './history-rows.js';

/**
 * When an instance ends, the open to-dos its rules created must not outlive it silently: the flow reducer
 * cancels its own tasks, but rule tasks live only in the runtime. Rejected, withdrawn or cancelled: every open
 * rule task of the instance is cancelled. Completed: only those whose create-task asked for it
 * (`closeWhenInstanceCompletes`, kept in the task's `task.created` history entry, so no column is needed);
 * the others (work still to do after the request closes) stay open. Each is recorded as a runtime
 * `task.cancelled` (reason `instance-<status>`) and audited as `task.cancelled`. Called with the instance
 * row locked, before this step's rules run, so a to-do created by a rule on the ending itself stays open.
 * Returns the instance's last history seq.
 */
export async function closeRuleTasksAtEnd(
  env: CommandEnv,
  instance: { id: string; flow_key: string },
  status: FlowStatus,
  seq: number,
): Promise<number> {
  if (status === 'running') return seq;
  const { trx } = env;
  let query = trx
    .selectFrom('tasks')
    .select(['id', 'node_id', 'assignees'])
    .where('instance_id', '=', instance.id)
    .where('source', '=', 'rule')
    .where('status', '=', 'open');
  if (status === 'completed') {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('history')
          .select('history.id')
          .where('history.instance_id', '=', instance.id)
          .where('history.type', '=', 'task.created')
          .where('history.source', '=', 'runtime')
          .where(sql<boolean>`history.payload ->> 'taskId' = tasks.id`)
          .where(sql<boolean>`(history.payload -> 'payload' -> 'task' ->> 'closeWhenInstanceCompletes') = 'true'`),
      ),
    );
  }
  const open = await query.orderBy('id').execute();
  if (open.length === 0) return seq;
  const ids = open.map((t) => t.id);
  const reason = `instance-${status}`;
  await trx
    .updateTable('tasks')
    .set({ status: 'cancelled', outcome: reason, completed_by: 'system', completed_at: env.now })
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .execute();
  const at = env.now.toISOString();
  const events = open.map((task): DomainEvent => ({
    type: 'task.cancelled', at, instanceId: instance.id, flowKey: instance.flow_key, taskId: task.id, nodeId: task.node_id, actor: 'system',
    payload: { taskId: task.id, reason, source: 'rule' },
  }));
  for (const task of open) {
    await appendAuditAtEnd(trx, {
      actor: 'system', action: 'task.cancelled', subjectKind: 'instance', subjectId: instance.id, at: env.now,
      data: { taskId: task.id, source: 'rule', reason, assignees: task.assignees },
    });
  }
  return appendHistory(trx, instance.id, seq, events, 'runtime');
}
