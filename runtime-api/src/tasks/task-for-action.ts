import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { Database, TasksTable } from '../db/database.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import { hot } from '../execution/prepared-statements.js';
import { reviveTimestamps } from '../execution/step-writes.js';

type TaskRow = Selectable<TasksTable>;

/**
 * The task and its instance row locked FOR UPDATE, in one round trip (a task action used to read the task,
 * then lock the instance). The task comes as JSON beside the instance's columns (same values as a plain
 * SELECT once its timestamps are Dates again). The task is read from the statement's snapshot, as it was
 * read before the lock before; the engine judges the task on the locked instance's state.
 */
const LOAD_TASK_AND_LOCK =
  'select to_json(t) as baton_task, i.* from "tasks" as t ' +
  'left join lateral (select * from "instances" where "id" = t."instance_id" for update) as i on true where t."id" = $1';

export async function loadTaskForAction(trx: Kysely<Database>, taskId: string): Promise<{ task: TaskRow; instance: InstanceRow | undefined } | undefined> {
  const row = (await trx.executeQuery<Partial<InstanceRow> & { baton_task: unknown }>(CompiledQuery.raw(hot(LOAD_TASK_AND_LOCK), [taskId]))).rows[0];
  if (!row) return undefined;
  const { baton_task: taskJson, ...instance } = row;
  const task = reviveTimestamps((typeof taskJson === 'string' ? JSON.parse(taskJson) : taskJson) as Record<string, unknown>) as unknown as TaskRow;
  return { task, instance: instance.id ? (instance as InstanceRow) : undefined };
}
