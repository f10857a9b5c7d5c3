import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely, type Selectable } from 'kysely';
import { projectAtNode, instanceViewOf } from '../access/instance-access.js';
import { principalOf } from '../auth/auth-plugin.js';
import { hasAnyRole, ROLES, type Principal } from '../auth/principal.js';
import { withErrors } from '../app/schema-helpers.js';
import { runCommand } from '../commands/run-command.js';
import type { Database, TasksTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { commandEnv, executionServices, type ExecutionServices } from '../execution/execution-services.js';
import { executeInstanceCommand } from '../execution/instance-pipeline.js';
import '../execution/execution-errors.js';
import { maskSecrets } from '../secrets/masked-secret.js';
import { completeRuleTask } from './complete-rule-task.js';
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
      const { mine = true, status = 'open', instanceId, limit = 50, offset = 0 } = request.query;
      if (!mine && !hasAnyRole(principal, [ROLES.hr])) throw new ApiError('BATON_E_FORBIDDEN', { required: 'admin, hr' }, [], '/querystring/mine');
      let query = db.selectFrom('tasks').selectAll();
      if (mine) query = query.where(sql<boolean>`assignees @> ${JSON.stringify([principal.userId])}::jsonb`);
      if (status !== 'all') query = query.where('status', '=', status);
      if (instanceId) query = query.where('instance_id', '=', instanceId);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
      return { items: rows.map(toTaskView), limit, offset };
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
        const row = await db.selectFrom('instances').select(['flow_key', 'flow_version', 'form_key', 'data']).where('id', '=', task.instance_id).executeTakeFirstOrThrow();
        flowKey = row.flow_key;
        const flow = await services.definitions.flow(db, row.flow_key, row.flow_version);
        const form = row.form_key ? await services.definitions.form(db, row.form_key) : undefined;
        const nodeForm = task.form_key && task.form_key !== row.form_key ? await services.definitions.form(db, task.form_key) : undefined;
        data = projectAtNode(row.data, task.node_id, flow?.compiled, form?.compiled, nodeForm?.compiled);
      }
      return { ...toTaskView(task), flowKey, data: maskSecrets(data) };
    },
  );

  app.post(
    '/tasks/:id/actions',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Act on a task: approve, reject, return, submit, complete, delegate, transfer, add-signer…',
        params: TaskIdParams,
        body: TaskActionBody,
        response: withErrors({ 200: TaskActionResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { action, data, comment, to } = request.body;
      return runCommand(request, reply, async (trx) => {
        const task = await trx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
        if (!task || !(await canSeeTask(trx, services, principal, task))) {
          throw new ApiError('BATON_E_TASK_NOT_FOUND', { taskId: id }, [], '/params/id');
        }
        const env = await commandEnv(trx, services, principal.userId, request.locale);
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
        const step = await executeInstanceCommand(env, {
          instanceId: task.instance_id,
          authorize: () => undefined,
          command: () => ({
            type: 'completeTask',
            taskId: id,
            action: engineAction(action, task.actions),
            by: principal.userId,
            ...(data !== undefined ? { data } : {}),
            ...(comment !== undefined ? { comment } : {}),
            ...(to !== undefined ? { to } : {}),
          }),
          audit: { action: `task.${action}`, taskId: id, ...(comment !== undefined ? { comment } : {}) },
        });
        const updated = await trx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return {
          status: 200,
          body: { task: toTaskView(updated), instance: { id: step.instance.id, status: step.instance.status, version: step.instance.version } },
        };
      });
    },
  );
};
