import { BatonError, defineErrors, personPresence, type DomainEvent, type RuleRecord } from '@baton/engine';
import { organisationToday } from '../directory/person-presence.js';
import type { Selectable } from 'kysely';
import { appendAuditAtEnd } from '../audit/append-audit.js';
import type { TasksTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { CommandEnv } from '../execution/execution-services.js';
import { appendHistory } from '../execution/history-rows.js';
import { underData, writeRuleEffects, type InstanceRow } from '../execution/instance-pipeline.js';
import { runRules } from '../execution/rules-step.js';
import { guardSubmission } from '../secrets/submission-guard.js';
import { checkPersonFields } from '../access/person-field-check.js';
import { checkRelationFilters } from '../access/relation-filter-check.js';
import { instanceRuleRecord } from '../execution/instance-rule-record.js';

export const RULE_TASK_ERRORS = defineErrors({
  BATON_E_TASK_DATA_NOT_ACCEPTED: {
    status: 422,
    en: 'Task {taskId} has no form, so it takes no data: send only the action (and a comment if you wish).',
    'zh-CN': '待办 {taskId} 没有表单，不接受数据：请只提交操作（可附评论）。',
  },
});

export interface RuleTaskAction {
  action: string;
  data?: Record<string, unknown>;
  comment?: string;
}

/**
 * Completes a task a rule created. The flow reducer does not know these tasks, so the runtime checks and
 * records the completion itself: it locks the instance (ordering it with the instance's other commands),
 * appends a runtime `task.completed` to the history and offers that event to the rules.
 */
export async function completeRuleTask(
  env: CommandEnv,
  taskId: string,
  input: RuleTaskAction,
): Promise<{ task: Selectable<TasksTable>; instance: InstanceRow | null }> {
  const { trx } = env;
  const peek = await trx.selectFrom('tasks').select('instance_id').where('id', '=', taskId).executeTakeFirstOrThrow();
  const instance = peek.instance_id
    ? ((await trx.selectFrom('instances').selectAll().where('id', '=', peek.instance_id).forUpdate().executeTakeFirst()) ?? null)
    : null;
  const task = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirstOrThrow();
  if (task.status !== 'open') throw new BatonError('BATON_E_FLOW_TASK_CLOSED', { taskId, status: task.status });
  if (!task.assignees.includes(env.actor)) {
    throw new BatonError('BATON_E_FLOW_NOT_ASSIGNEE', { user: env.actor, taskId, assignees: task.assignees.join(', ') });
  }
  // As for a flow's task: someone who left is refused even while the sweep has not taken them off it yet.
  const actor = env.directory.user(env.actor);
  if (actor && personPresence(actor, organisationToday(env.now, env.services.timeZone)) === 'left') {
    throw new BatonError('BATON_E_FLOW_ASSIGNEE_LEFT', { user: env.actor, taskId });
  }
  if (!task.actions.includes(input.action)) {
    throw new BatonError('BATON_E_FLOW_ACTION_NOT_ALLOWED', { action: input.action, taskId, nodeId: task.node_id, allowed: task.actions.join(', ') });
  }
  // A to-do without a form has nothing to fill in: data sent with it would be stored unvalidated.
  if (!task.form_key && input.data !== undefined && Object.keys(input.data).length > 0) {
    throw new ApiError('BATON_E_TASK_DATA_NOT_ACCEPTED', { taskId }, [], '/body/data');
  }
  let data = { ...task.data, ...(input.data ?? {}) };
  let linkFiles = async (): Promise<void> => undefined;
  if (task.form_key && input.data) {
    const form = await env.services.definitions.form(trx, task.form_key);
    if (form) {
      // Secrets validated in clear, stored sealed; file references checked, then linked to the task.
      const guard = await guardSubmission(env, { kind: 'task', id: taskId }, [form.compiled], input.data, task.data);
      linkFiles = guard.link;
      data = { ...task.data, ...guard.data };
      const result = guard.openForm(form.compiled).validate(data, { locale: env.locale, ctx: { now: env.now.toISOString(), timeZone: env.services.timeZone } });
      if (!result.ok) {
        const issues = underData(result.errors);
        throw new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
      }
      checkPersonFields(env, [form.compiled], result.data, task.data);
      await checkRelationFilters(trx, env.locale, [form.compiled], result.data, result.data, task.data);
      data = guard.seal(result.data);
    }
  }
  const updated = await trx
    .updateTable('tasks')
    .set({
      status: 'completed',
      outcome: input.action,
      completed_by: env.actor,
      completed_at: env.now,
      comment: input.comment ?? null,
      data: JSON.stringify(data),
    })
    .where('id', '=', taskId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirstOrThrow();
  await linkFiles();

  const record: RuleRecord = instance
    ? instanceRuleRecord(instance, instance.data)
    : { id: task.record_id ?? task.id, data: {}, ...(task.form_key ? { formKey: task.form_key } : {}) };
  const event: DomainEvent = {
    type: 'task.completed',
    at: env.now.toISOString(),
    actor: env.actor,
    taskId,
    nodeId: task.node_id,
    payload: { action: input.action, by: env.actor, source: 'rule', ...(input.comment !== undefined ? { comment: input.comment } : {}) },
    ...(instance ? { instanceId: instance.id, flowKey: instance.flow_key, seq: instance.history_seq + 1 } : {}),
    ...(task.record_id ? { recordId: task.record_id } : {}),
  };
  let seq = instance ? await appendHistory(trx, instance.id, instance.history_seq, [event], 'runtime') : 0;
  const rules = await env.services.definitions.rulesFor(trx, {
    ...(instance ? { flowKey: instance.flow_key } : {}),
    ...(record.formKey ? { formKey: record.formKey } : {}),
  });
  const ruled = await runRules(env, rules, [event], { record });
  seq = await writeRuleEffects(env, { instanceId: instance?.id ?? null, flowKey: instance?.flow_key ?? null, recordId: task.record_id }, ruled.effects, seq);
  if (instance) await trx.updateTable('instances').set({ history_seq: seq }).where('id', '=', instance.id).execute();
  await appendAuditAtEnd(trx, {
    actor: env.actor,
    action: `task.${input.action}`,
    subjectKind: instance ? 'instance' : 'task',
    subjectId: instance?.id ?? taskId,
    at: env.now,
    data: {
      taskId,
      source: 'rule',
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      ...(ruled.fired.length > 0 ? { rules: ruled.fired.map((f) => `${f.rule}@${f.version}`) } : {}),
    },
  });
  return { task: updated, instance };
}
