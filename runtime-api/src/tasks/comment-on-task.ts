import { BatonError, defineErrors } from '@baton/engine';
import type { Selectable } from 'kysely';
import { appendAudit } from '../audit/append-audit.js';
import { hasAnyRole, ROLES, type Principal } from '../auth/principal.js';
import type { TasksTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { CommandEnv } from '../execution/execution-services.js';
import { appendHistory } from '../execution/history-rows.js';

export const TASK_COMMENT_ERRORS = defineErrors({
  BATON_E_TASK_COMMENT_REQUIRED: {
    status: 400,
    en: 'A "comment" action needs a comment: write the text you want on the timeline.',
    'zh-CN': '“评论”操作需要填写评论内容：请输入要记入时间线的文字。',
  },
});

/** The name of the action that only writes a comment; the engine never sees it. */
export const COMMENT_ACTION = 'comment';

/**
 * Adds a comment to an open task's instance timeline without moving the task: a runtime `task.commented`
 * history entry (the flow reducer is not involved, so replay ignores it) and an audit entry, under the
 * instance's row lock so the history sequence stays gap-free. Its assignees, HR and admins may comment.
 */
export async function commentOnTask(
  env: CommandEnv,
  principal: Principal,
  taskId: string,
  comment: string | undefined,
): Promise<{ task: Selectable<TasksTable>; instance: { id: string; status: string; version: number } | null }> {
  const text = comment?.trim() ?? '';
  if (text === '') throw new ApiError('BATON_E_TASK_COMMENT_REQUIRED', {}, [], '/comment');
  const { trx } = env;
  const peek = await trx.selectFrom('tasks').select('instance_id').where('id', '=', taskId).executeTakeFirstOrThrow();
  const instance = peek.instance_id
    ? ((await trx.selectFrom('instances').select(['id', 'status', 'version', 'flow_key', 'flow_version', 'history_seq']).where('id', '=', peek.instance_id).forUpdate().executeTakeFirst()) ?? null)
    : null;
  const task = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
  if (task.status !== 'open') throw new BatonError('BATON_E_FLOW_TASK_CLOSED', { taskId, status: task.status });
  if (!task.assignees.includes(principal.userId) && !hasAnyRole(principal, [ROLES.hr])) {
    throw new BatonError('BATON_E_FLOW_NOT_ASSIGNEE', { user: principal.userId, taskId, assignees: task.assignees.join(', ') });
  }
  const at = env.now.toISOString();
  if (instance) {
    const seq = await appendHistory(
      trx,
      instance.id,
      instance.history_seq,
      [
        {
          type: 'task.commented',
          at,
          actor: principal.userId,
          instanceId: instance.id,
          flowKey: instance.flow_key,
          flowVersion: instance.flow_version,
          nodeId: task.node_id,
          taskId,
          payload: { action: COMMENT_ACTION, comment: text },
        },
      ],
      'runtime',
    );
    await trx.updateTable('instances').set({ history_seq: seq }).where('id', '=', instance.id).execute();
  }
  await appendAudit(trx, {
    actor: principal.userId,
    action: 'task.comment',
    subjectKind: instance ? 'instance' : 'task',
    subjectId: instance ? instance.id : taskId,
    at: env.now,
    data: { taskId, comment: text },
  });
  return { task, instance: instance ? { id: instance.id, status: instance.status, version: instance.version } : null };
}
