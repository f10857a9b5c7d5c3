import { commentRequiredActions, ownRowsOf, type FlowTask } from '@baton/engine';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely, type Selectable } from 'kysely';
import { projectAtNode, instanceViewOf } from '../access/instance-access.js';
import { checkHandOverTargets } from '../access/person-field-check.js';
import { principalOf } from '../auth/auth-plugin.js';
import { hasAnyRole, ROLES, type Principal } from '../auth/principal.js';
import { withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import type { Database, TasksTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { commandEnv, executionServices, type ExecutionServices } from '../execution/execution-services.js';
import { executeInstanceCommand } from '../execution/instance-pipeline.js';
import { flushHeldStepWrite, forecastStep } from '../execution/held-step-write.js';
import '../execution/execution-errors.js';
import { maskSecrets } from '../secrets/masked-secret.js';
import { commentOnTask, COMMENT_ACTION } from './comment-on-task.js';
import { completeRuleTask } from './complete-rule-task.js';
import { taskForAction } from './task-for-action.js';
import { TaskActionBody, TaskActionResult, TaskDetailSchema, TaskListQuery, TaskListResult, toTaskView } from './task-schemas.js';
import { Closed } from '../app/schema-helpers.js';
import { Type } from 'typebox';

const TaskIdParams = Closed({ id: Type.String({ minLength: 1, maxLength: 128 }) });

type TaskRow = Selectable<TasksTable>;

/** Whether the caller may see a task: an assignee, or someone who may see its instance (404 otherwise). */
async function canSeeTask(db: Kysely<Database>, services: ExecutionServices, principal: Principal, task: TaskRow): Promise<boolean> {
  if (task.assignees.includes(principal.userId) || hasAnyRole(principal, [ROLES.hr])) return true;
  if (!task.instance_id) return false;
  const row = await db.selectFrom('instances').select(['id', 'started_by', 'subject_id', 'flow_key', 'flow_version']).where('id', '=', task.instance_id).executeTakeFirst();
  if (!row) return false;
  const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
  return (await instanceViewOf(db, principal, row, flow?.compiled)).visible;
}

/** A task the step did not write, read after the step's rows (a held step write is sent first). */
async function readTaskAfterStep(trx: Kysely<Database>, id: string): Promise<TaskRow> {
  await flushHeldStepWrite(trx);
  return trx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The engine names the add-signer actions by position; "add-signer" means after, as most approvers expect. */
function engineAction(action: string, offered: readonly string[]): string {
  if (action === 'add-signer' && !offered.includes('add-signer') && offered.includes('add-signer-after')) return 'add-signer-after';
  return action;
}

export const tasksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = executionServices(app.baton.database, app.baton.config);
  const db = app.baton.database.db;

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "The caller's tasks (mine=true, default) or every task (HR, admin), newest first",
        querystring: TaskListQuery,
        response: withErrors({ 200: TaskListResult }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { mine = true, status = 'open', instanceId, flowKey, limit = 50, offset = 0 } = request.query;
      if (!mine && !hasAnyRole(principal, [ROLES.hr])) throw new ApiError('BATON_E_FORBIDDEN', { required: 'admin, hr' }, [], '/querystring/mine');
      // The flow's key and title come with each task, so an inbox can group and filter by flow; the instance's
      // subject (the person it is about) and business key let a row say which request it is without more requests.
      let query = db
        .selectFrom('tasks')
        .leftJoin('instances', 'instances.id', 'tasks.instance_id')
        .leftJoin('definitions', (join) =>
          join.on('definitions.kind', '=', 'flow').onRef('definitions.key', '=', 'instances.flow_key').onRef('definitions.version', '=', 'instances.flow_version'),
        )
        .selectAll('tasks')
        .select(['instances.flow_key as flow_key', 'instances.subject_id as subject_id', 'instances.business_key as business_key', sql<unknown>`definitions.body -> 'title'`.as('flow_title')]);
      if (mine) query = query.where(sql<boolean>`tasks.assignees @> ${JSON.stringify([principal.userId])}::jsonb`);
      if (status !== 'all') query = query.where('tasks.status', '=', status);
      if (instanceId) query = query.where('tasks.instance_id', '=', instanceId);
      if (flowKey) query = query.where('instances.flow_key', '=', flowKey);
      const rows = await query.orderBy('tasks.created_at', 'desc').orderBy('tasks.id').limit(limit).offset(offset).execute();
      const items = rows.map(({ flow_key, flow_title, subject_id, business_key, ...task }) => ({
        ...toTaskView(task), flowKey: flow_key ?? null, flowTitle: flow_title ?? null, subjectId: subject_id ?? null, businessKey: business_key ?? null,
      }));
      return { items, limit, offset };
    },
  );

  app.get(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'One task with the data its step shows (hidden fields removed)',
        params: TaskIdParams,
        response: withErrors({ 200: TaskDetailSchema }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const task = await db.selectFrom('tasks').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!task || !(await canSeeTask(db, services, principal, task))) {
        throw new ApiError('BATON_E_TASK_NOT_FOUND', { taskId: request.params.id }, [], '/params/id');
      }
      let data: Record<string, unknown> = task.data;
      let flowKey: string | null = null;
      if (task.instance_id && task.source === 'flow') {
        const row = await db.selectFrom('instances').select(['flow_key', 'flow_version', 'form_key', 'data', 'state']).where('id', '=', task.instance_id).executeTakeFirstOrThrow();
        flowKey = row.flow_key;
        const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
        const form = row.form_key ? await services.definitions.form(db, row.form_key) : undefined;
        const nodeForm = task.form_key && task.form_key !== row.form_key ? await services.definitions.form(db, task.form_key) : undefined;
        data = projectAtNode(row.data, task.node_id, flow?.compiled, form?.compiled, nodeForm?.compiled);
        // Whose rows an `each` task may change (a successor's customers): the page disables the others'.
        const state = (row.state as { tasks?: FlowTask[] } | null)?.tasks?.find((t) => t.id === task.id);
        const node = flow?.compiled.node(task.node_id)?.def;
        const ownRows = state && node ? ownRowsOf(node, state) : undefined;
        const commentRequired = commentRequiredActions(node?.config).filter((a) => task.actions.includes(a));
        return { ...toTaskView(task), flowKey, data: maskSecrets(data), commentRequired, ...(ownRows ? { ownRows } : {}) };
      }
      return { ...toTaskView(task), flowKey, data: maskSecrets(data) };
    },
  );

  app.post(
    '/tasks/:id/actions',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Act on a task: approve, reject, return, submit, complete, delegate, transfer, add-signer…; "comment" only adds a comment to the timeline',
        params: TaskIdParams,
        body: TaskActionBody,
        response: withErrors({ 200: TaskActionResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { action, data, comment, to } = request.body;
      // The task with its instance locked, read with the Idempotency-Key's check (one round trip for both):
      // the flow command below runs on that row.
      return runCommand(request, reply, async (trx, loaded) => {
        const task = loaded?.task;
        if (!task || !(await canSeeTask(trx, services, principal, task))) {
          throw new ApiError('BATON_E_TASK_NOT_FOUND', { taskId: id }, [], '/params/id');
        }
        // Nothing above wrote the catalog: the versions read with the Idempotency-Key still hold.
        const env = await commandEnv(trx, services, principal.userId, request.locale, { versionsAtStart: true });
        if (action === COMMENT_ACTION) {
          const commented = await commentOnTask(env, principal, id, comment);
          return { status: 200, body: { task: toTaskView(commented.task), instance: commented.instance } };
        }
        if (task.source === 'rule') {
          const done = await completeRuleTask(env, id, {
            action,
            ...(data !== undefined ? { data } : {}),
            ...(comment !== undefined ? { comment } : {}),
          });
          const instance = done.instance ? { id: done.instance.id, status: done.instance.status, version: done.instance.version } : null;
          return { status: 200, body: { task: toTaskView(done.task), instance } };
        }
        if (!task.instance_id) throw new ApiError('BATON_E_TASK_NOT_FOUND', { taskId: id }, [], '/params/id');
        // The answer below takes from the step only the task rows and the instance's id, status and version:
        // its write may then travel with the audit entry, stored answer and commit (step-writes.ts).
        if (loaded?.instance) forecastStep(trx, { instance: loaded.instance, tasks: [task] });
        const step = await executeInstanceCommand(env, {
          instanceId: task.instance_id,
          ...(loaded?.instance ? { locked: loaded.instance } : {}),
          authorize: () => undefined,
          command: (_state, instance) => {
            // A hand-over is judged on the locked instance: never to its subject, never to the caller.
            checkHandOverTargets(env, { action, to, subjectId: instance.subject_id, by: principal.userId });
            return {
            type: 'completeTask',
            taskId: id,
            action: engineAction(action, task.actions),
            by: principal.userId,
            ...(data !== undefined ? { data } : {}),
            ...(comment !== undefined ? { comment } : {}),
            ...(to !== undefined ? { to } : {}),
            };
          },
          audit: { action: `task.${action}`, taskId: id, ...(comment !== undefined ? { comment } : {}) },
        });
        // The step returns the task rows it wrote; read back only if it wrote none for this task.
        const updated = step.tasks.find((t) => t.id === id) ?? (await readTaskAfterStep(trx, id));
        return {
          status: 200,
          body: { task: toTaskView(updated), instance: { id: step.instance.id, status: step.instance.status, version: step.instance.version } },
        };
      }, taskForAction(id));
    },
  );
};
