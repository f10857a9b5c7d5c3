import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { FLOW_TASK_COLUMNS, FLOW_TASK_UPSERT } from './effect-rows.js';
import { hot } from './prepared-statements.js';
import type { InstanceRow, StepRows, TaskRow } from './step-writes.js';

const MAX_TEXTS = 256;

/**
 * A step write held back for the command's last statement (PostgreSQL): the step's rows, the audit entries,
 * the stored answer and the commit then travel as ONE statement — a round trip fewer per command. Only a
 * command whose answer the database cannot change may hold it: its route forecasts the rows the step will
 * store (forecastStep), and writeStepRows answers with them instead of sending.
 */
export interface HeldStepWrite {
  /** The cache key of the step's shape (for the texts built around it). */
  key: string;
  /** `h as (…), t as (…), i as (…)`: the step's data-modifying CTEs, placeholders `$1`…`$n`. */
  ctes: string;
  params: readonly unknown[];
}

/** What a route read of the rows its command's step will write: the locked instance, the tasks it acts on. */
export interface StepForecast {
  instance: InstanceRow;
  tasks: readonly TaskRow[];
}

const mayHold = new WeakSet<object>();
const forecasts = new WeakMap<object, StepForecast>();
const held = new WeakMap<object, HeldStepWrite>();

/** writeStepRows: the step's write held when its route forecast its rows (answered with the forecast), else undefined. */
export function holdIfForecast(trx: Kysely<Database>, shape: string, rows: StepRows, write: HeldStepWrite): { instance: InstanceRow; tasks: TaskRow[] } | undefined {
  const forecast = shape === 'start' ? heldStartForecast(trx, rows) : heldForecast(trx, shape, rows);
  if (forecast) held.set(trx, write);
  return forecast;
}

/** writeStepRows: a write held by an earlier step of the same command is sent first, in the order written. */
export async function sendEarlierHeldWrite(trx: Kysely<Database>): Promise<void> {
  const before = held.get(trx);
  if (!before) return;
  held.delete(trx);
  await sendHeldStepWrite(trx, before);
}

/** runCommand on PostgreSQL: this transaction's last step write may wait for its last statement. */
export function allowHeldStepWrite(trx: Kysely<Database>): void {
  mayHold.add(trx);
}

/**
 * The route's forecast of its next step write (see HeldStepWrite): used by that write only. Forecast only
 * when the answer takes from the step result nothing but the task rows and the instance's id, status,
 * version and the columns the step does not write: the forecast instance's `state` and `data` are the JSON
 * the step sends, in JavaScript's key order, not jsonb's. Once the write is held, the route may run no
 * statement of its own before sending it (takeHeldStepWrite + sendHeldStepWrite); runCommand sends it last.
 */
export function forecastStep(trx: Kysely<Database>, forecast: StepForecast): void {
  if (mayHold.has(trx)) forecasts.set(trx, forecast);
}

const startForecasts = new WeakMap<object, InstanceRow>();

/**
 * A start's forecast (see forecastStep): the instance row its insert will store, every column as the
 * database returns it (startInstance builds it from the values it sends and the table's defaults). The
 * new task rows are forecast here, from the values sent. Only when nothing in the transaction reads or
 * refers to the new rows before the command's last statement.
 */
export function forecastStartStep(trx: Kysely<Database>, instance: InstanceRow): void {
  if (mayHold.has(trx)) startForecasts.set(trx, instance);
}

/** The held step write, if any, now the caller's to send (with its last statement, or alone: sendHeldStepWrite). */
export function takeHeldStepWrite(trx: Kysely<Database>): HeldStepWrite | undefined {
  const write = held.get(trx);
  held.delete(trx);
  forecasts.delete(trx);
  startForecasts.delete(trx);
  return write;
}

/**
 * The held step's CTEs and `more` (further CTEs, `name as (…)`), then a SELECT that divides by the number of
 * instance rows written: a lost version check (no row) fails the statement — and the commit sent with it —
 * with division_by_zero, which heldStepError turns into the retryable conflict it stands for.
 */
export function heldStepText(write: HeldStepWrite, more: readonly string[]): string {
  return `with ${write.ctes}${more.map((m) => `, ${m}`).join('')} select 1 / (select count(*)::integer from i) as baton_step_written`;
}

/** A held step's lost version check (see heldStepText) as the error writeStepRows' caller would have thrown. */
export function heldStepError(err: unknown): unknown {
  if ((err as { code?: unknown } | null)?.code !== '22012') return err;
  return Object.assign(new Error('an instance was changed by a concurrent command'), { code: '40001' });
}

/** Sends the held step write now, if any: a statement that must see the step's rows is about to run. */
export async function flushHeldStepWrite(trx: Kysely<Database>): Promise<void> {
  const write = takeHeldStepWrite(trx);
  if (write) await sendHeldStepWrite(trx, write);
}

const sendTexts = new Map<string, string>();

/** Sends a held step write alone (a statement must run after it), failing as writeStepRows' caller would. */
export async function sendHeldStepWrite(trx: Kysely<Database>, write: HeldStepWrite): Promise<void> {
  let text = sendTexts.get(write.key);
  if (text === undefined) {
    text = hot(heldStepText(write, []));
    if (sendTexts.size < MAX_TEXTS) sendTexts.set(write.key, text);
  }
  try {
    await trx.executeQuery(CompiledQuery.raw(text, [...write.params]));
  } catch (err) {
    throw heldStepError(err);
  }
}

// The statement a forecast predicts (instance-pipeline's update of an existing instance, `$1`…`$8`) and the
// task upsert's assignments: any change to either sends the step at once, as before, instead of guessing.
const FORECAST_UPDATE =
  'update "instances" set "state" = $1, "data" = $2, "status" = $3, "version" = "version" + 1, "history_seq" = $4, ' +
  '"updated_at" = $5, "completed_at" = $6 where "id" = $7 and "version" = $8 returning *';
const FORECAST_UPSERT =
  'on conflict ("id") do update set "status" = "excluded"."status", "assignees" = "excluded"."assignees", ' +
  '"assignee_id" = "excluded"."assignee_id", "outcome" = "excluded"."outcome", "completed_by" = "excluded"."completed_by", ' +
  '"completed_at" = "excluded"."completed_at", "comment" = coalesce(excluded.comment, tasks.comment) returning *';

/** The rows the step will store, when the transaction may hold it and its route forecast every row it touches. */
function heldForecast(trx: Kysely<Database>, shape: string, rows: StepRows): { instance: InstanceRow; tasks: TaskRow[] } | undefined {
  const forecast = forecasts.get(trx);
  if (!forecast || shape !== 'update' || held.has(trx)) return undefined;
  forecasts.delete(trx);
  if (FLOW_TASK_UPSERT !== FORECAST_UPSERT || rows.instance.text(0) !== FORECAST_UPDATE) return undefined;
  const [state, data, status, historySeq, updatedAt, completedAt, id, version] = rows.instance.params as unknown[];
  const read = forecast.instance;
  if (read.id !== id || read.version !== version || typeof state !== 'string' || typeof data !== 'string') return undefined;
  const tasks: TaskRow[] = [];
  for (const row of rows.tasks) {
    const before = forecast.tasks.find((t) => t.id === row.id);
    // A task the step creates (or one not read): its stored row holds the table's defaults; not forecast.
    if (!before || typeof row.assignees !== 'string') return undefined;
    tasks.push({
      ...before,
      status: row.status,
      assignees: JSON.parse(row.assignees),
      assignee_id: row.assignee_id,
      outcome: row.outcome,
      completed_by: row.completed_by,
      completed_at: row.completed_at,
      comment: row.comment ?? before.comment,
    } as TaskRow);
  }
  const instance = {
    ...read,
    state: JSON.parse(state),
    data: JSON.parse(data),
    status,
    version: read.version + 1,
    history_seq: historySeq,
    updated_at: updatedAt,
    completed_at: completedAt,
  } as InstanceRow;
  return { instance, tasks };
}

// The flow task columns a new task's forecast knows (any change sends the step at once), the jsonb ones
// among them (sent as JSON text), and the defaults of the columns the insert leaves out (migrations 0002, 0004).
const FORECAST_TASK_COLUMNS =
  'id,instance_id,node_id,status,assignee_id,assignees,candidates,candidate_roles,actions,kind,title,description,form_key,due_at,' +
  'on_behalf_of,outcome,completed_by,completed_at,comment,data,created_at,effect_key';
const TASK_JSONB = new Set(['assignees', 'candidates', 'candidate_roles', 'actions', 'title', 'description', 'data']);
const TASK_DEFAULTS = { candidate_department_id: null, source: 'flow', record_id: null };

/** A start's rows as stored: the forecast instance, and its new tasks from the values sent. */
function heldStartForecast(trx: Kysely<Database>, rows: StepRows): { instance: InstanceRow; tasks: TaskRow[] } | undefined {
  const instance = startForecasts.get(trx);
  if (!instance || held.has(trx)) return undefined;
  startForecasts.delete(trx);
  if (FLOW_TASK_COLUMNS.join(',') !== FORECAST_TASK_COLUMNS || !rows.instance.params.includes(instance.id)) return undefined;
  const tasks: TaskRow[] = [];
  for (const row of rows.tasks) {
    const task: Record<string, unknown> = { ...TASK_DEFAULTS };
    for (const column of FLOW_TASK_COLUMNS) {
      const value = row[column];
      if (TASK_JSONB.has(column) && value !== null) {
        if (typeof value !== 'string') return undefined;
        task[column] = JSON.parse(value);
      } else if (column.endsWith('_at') && value !== null && !(value instanceof Date && !Number.isNaN(value.getTime()))) {
        return undefined;
      } else task[column] = value ?? null;
    }
    if (task.instance_id !== instance.id) return undefined;
    tasks.push(task as unknown as TaskRow);
  }
  return { instance, tasks };
}
