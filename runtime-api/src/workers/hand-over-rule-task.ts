import { handOverPlan, type NotifyEffect } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { organisationToday } from '../directory/person-presence.js';
import { writeOutbox } from '../execution/effect-rows.js';
import { commandEnv, type ExecutionServices } from '../execution/execution-services.js';
import { recordRuleTaskMove } from './record-rule-task-move.js';

export type HandOverOutcome = 'handedOver' | 'nobody' | 'skipped';

/**
 * A rule's task (a to-do the flow reducer does not know, like completeRuleTask's): handed over in place, in
 * the caller's transaction. The instance (if any) and then the task are locked FOR UPDATE SKIP LOCKED, in
 * the order task actions lock them; held elsewhere, it is skipped for the next sweep. Same rule and same
 * records as a flow task: `assignee.removed` or `assignee.replaced` per leaver and `task.reassigned` (reason
 * `left`) as runtime history, the audit entry `task.handed-over` by `system`, a notification to the people
 * new to the task. The task
 * keeps its id (a rule task's id comes from its effect key, so a replayed effect still finds it).
 */
export async function handOverRuleTask(trx: Kysely<Database>, services: ExecutionServices, taskId: string, instanceId: string | null): Promise<HandOverOutcome> {
  const instance = instanceId
    ? await trx.selectFrom('instances').select(['id', 'flow_key', 'history_seq']).where('id', '=', instanceId).forUpdate().skipLocked().executeTakeFirst()
    : undefined;
  if (instanceId && !instance) return 'skipped';
  const task = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).forUpdate().skipLocked().executeTakeFirst();
  if (!task || task.status !== 'open') return 'skipped';
  const env = await commandEnv(trx, services, 'system', 'en');
  const plan = handOverPlan(task.assignees, env.directory, organisationToday(env.now, services.timeZone), task.candidates);
  if (!plan) return 'skipped';
  if (plan.to.length === 0) return 'nobody';
  await trx
    .updateTable('tasks')
    .set({ assignees: JSON.stringify(plan.to), assignee_id: plan.to.length === 1 ? plan.to[0]! : null })
    .where('id', '=', taskId)
    .execute();
  const at = env.now.toISOString();
  await recordRuleTaskMove(trx, env.now, instance, { id: taskId, node_id: task.node_id }, {
    why: [
      ...plan.removals.map((r) => ({ type: 'assignee.removed' as const, payload: { ...r, taskId, source: 'rule' } })),
      ...plan.replacements.map((r) => ({ type: 'assignee.replaced' as const, payload: { ...r, taskId, source: 'rule' } })),
    ],
    reason: 'left',
    to: plan.to,
    audit: { from: task.assignees },
  });
  const newcomers = plan.to.filter((id) => !task.assignees.includes(id));
  if (newcomers.length === 0) return 'handedOver';
  const notify: NotifyEffect = {
    type: 'notify',
    key: `handover:${taskId}:${at}`,
    to: newcomers,
    title: { en: 'Handed over to you: {node}', 'zh-CN': '离职交接给您：{node}' },
    data: { node: task.title, from: task.assignees.join(', ') },
    link: { ...(instance ? { instanceId: instance.id } : {}), taskId },
  };
  await writeOutbox(trx, instance?.id ?? null, [notify]);
  return 'handedOver';
}
