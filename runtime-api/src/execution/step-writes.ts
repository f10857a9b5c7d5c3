import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { Database, InstancesTable, TasksTable } from '../db/database.js';
import { FLOW_TASK_COLUMNS, FLOW_TASK_UPSERT } from './effect-rows.js';
import { HISTORY_COLUMNS, type HistoryRow } from './history-rows.js';
import { hot } from './prepared-statements.js';
import { insertText, rowParams } from './row-inserts.js';
import { holdIfForecast, sendEarlierHeldWrite } from './held-step-write.js';

export type InstanceRow = Selectable<InstancesTable>;
export type TaskRow = Selectable<TasksTable>;

/** The instance statement of a step (RETURNING *): its text with placeholders from `$(offset + 1)`, and its values. */
export interface InstanceWrite {
  text(offset: number): string;
  params: readonly unknown[];
}

export interface StepRows {
  history: readonly HistoryRow[];
  tasks: ReadonlyArray<Record<string, unknown>>;
  instance: InstanceWrite;
}

const texts = new Map<string, string>();
const cteTexts = new Map<string, string>();
const MAX_TEXTS = 256;

/**
 * Writes one engine step's rows — history, the flow's task rows and the instance row (insert or update) —
 * as ONE statement of data-modifying CTEs instead of three or four round trips (each a socket write and a
 * wake-up of the server: the largest share of a command's CPU here). PostgreSQL runs the CTEs on one
 * snapshot and checks foreign keys at the end of the statement, so the history of a new instance may sit
 * beside its insert. Returns the instance row (undefined when the UPDATE matched no row: a lost version
 * check) and the task rows as stored (aggregated as JSON, timestamps revived) — or, when its route forecast
 * them (forecastStep), those rows without sending: the write then goes with the command's last statement.
 */
export async function writeStepRows(trx: Kysely<Database>, rows: StepRows, shape: string): Promise<{ instance: InstanceRow | undefined; tasks: TaskRow[] }> {
  const key = `${shape}\u0000${rows.history.length}\u0000${rows.tasks.length}`;
  const params: unknown[] = [];
  rowParams(HISTORY_COLUMNS, rows.history, params);
  const taskOffset = params.length;
  rowParams(FLOW_TASK_COLUMNS, rows.tasks, params);
  const instanceOffset = params.length;
  params.push(...rows.instance.params);
  let ctes = cteTexts.get(key);
  if (ctes === undefined) {
    const list: string[] = [];
    if (rows.history.length > 0) list.push(`h as (${insertText('history', HISTORY_COLUMNS, rows.history.length, '', 0)})`);
    if (rows.tasks.length > 0) list.push(`t as (${insertText('tasks', FLOW_TASK_COLUMNS, rows.tasks.length, FLOW_TASK_UPSERT, taskOffset)})`);
    list.push(`i as (${rows.instance.text(instanceOffset)})`);
    ctes = list.join(', ');
    if (cteTexts.size < MAX_TEXTS) cteTexts.set(key, ctes);
  }
  // A write held before this one goes first, in the order the caller wrote them.
  await sendEarlierHeldWrite(trx);
  const forecast = holdIfForecast(trx, shape, rows, { key, ctes, params });
  if (forecast) return forecast;
  let text = texts.get(key);
  if (text === undefined) {
    const tasks = rows.tasks.length > 0 ? `(select coalesce(json_agg(t), '[]'::json) from t)` : `'[]'::json`;
    text = hot(`with ${ctes} select i.*, ${tasks} as baton_step_tasks from i`);
    if (texts.size < MAX_TEXTS) texts.set(key, text);
  }
  const result = await trx.executeQuery<InstanceRow & { baton_step_tasks: unknown }>(CompiledQuery.raw(text, params));
  const row = result.rows[0];
  if (!row) return { instance: undefined, tasks: [] };
  const { baton_step_tasks: stored, ...instance } = row;
  return { instance, tasks: taskRowsFromJson(stored) };
}

/** Task rows aggregated with json_agg: the same values as a plain SELECT gives, once timestamps are Dates again. */
export function taskRowsFromJson(value: unknown): TaskRow[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) return [];
  return list.map((row) => reviveTimestamps(row as Record<string, unknown>) as unknown as TaskRow);
}

/** `*_at` columns come out of to_json as ISO strings; the drivers give Dates for them. */
export function reviveTimestamps(row: Record<string, unknown>): Record<string, unknown> {
  for (const [column, value] of Object.entries(row)) {
    if (column.endsWith('_at') && typeof value === 'string') row[column] = new Date(value);
  }
  return row;
}
