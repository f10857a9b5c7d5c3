import type { Selectable } from 'kysely';
import type { FirstRead } from '../commands/first-read.js';
import type { Database, TasksTable } from '../db/database.js';
import type { InstanceRow } from '../execution/instance-pipeline.js';
import { reviveTimestamps } from '../execution/step-writes.js';

type TaskRow = Selectable<TasksTable>;

/**
 * The task and its instance row locked FOR UPDATE, in one round trip (a task action used to read the task,
 * then lock the instance). The task comes as JSON beside the instance's columns (same values as a plain
 * SELECT once its timestamps are Dates again). The task is read from the statement's snapshot, as it was
 * read before the lock before; the engine judges the task on the locked instance's state. runCommand sends
 * it with the Idempotency-Key's check as one statement (`$1` is the task's id).
 */
const LOAD_TASK_AND_LOCK =
  'select to_json(t) as baton_task, i.* from "tasks" as t ' +
  'left join lateral (select * from "instances" where "id" = t."instance_id" for update) as i on true where t."id" = $1';

export type TaskForAction = { task: TaskRow; instance: InstanceRow | undefined } | undefined;

/** The task (undefined: none) and its instance locked, as runCommand's first read (with the key's check). */
export function taskForAction(taskId: string): FirstRead<TaskForAction> {
  return { text: LOAD_TASK_AND_LOCK, params: [taskId], read: taskOfRow };
}

function taskOfRow(row: Record<string, unknown> | undefined): TaskForAction {
  if (!row || row.baton_task === null || row.baton_task === undefined) return undefined;
  const { baton_task: taskJson, ...instance } = row as Partial<InstanceRow> & { baton_task: unknown };
  const task = reviveTimestamps((typeof taskJson === 'string' ? JSON.parse(taskJson) : taskJson) as Record<string, unknown>) as unknown as TaskRow;
  return { task, instance: instance.id ? (instance as InstanceRow) : undefined };
}
