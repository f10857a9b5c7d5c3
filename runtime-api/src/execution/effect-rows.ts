import type { DomainEvent, Effect, FlowState, LocalizedText, ScheduleTimerEffect, TaskSpec } from '@baton/engine';
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, TasksTable } from '../db/database.js';
import { insertRows } from './row-inserts.js';

const OUTBOX_TYPES = new Set<Effect['type']>(['notify', 'invoke', 'startFlow', 'renderDocument', 'setData']);

/** A rule task's id: short and URL-safe, derived from its effect key, so a replayed effect finds the same row. */
export function ruleTaskId(effectKey: string): string {
  return 'rtask-' + createHash('sha256').update(effectKey).digest('hex').slice(0, 32);
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export const FLOW_TASK_COLUMNS = [
  'id', 'instance_id', 'node_id', 'status', 'assignee_id', 'assignees', 'candidates', 'candidate_roles', 'actions', 'kind', 'title',
  'description', 'form_key', 'due_at', 'on_behalf_of', 'outcome', 'completed_by', 'completed_at', 'comment', 'data', 'created_at', 'effect_key',
] as const;
/** A task the engine touched again (completed, reassigned) keeps its row; its comment survives a null. */
export const FLOW_TASK_UPSERT =
  'on conflict ("id") do update set "status" = "excluded"."status", "assignees" = "excluded"."assignees", ' +
  '"assignee_id" = "excluded"."assignee_id", "outcome" = "excluded"."outcome", "completed_by" = "excluded"."completed_by", ' +
  '"completed_at" = "excluded"."completed_at", "comment" = coalesce(excluded.comment, tasks.comment) returning *';

/**
 * Task rows of the flow's own tasks: every task an event touched is written as the new state has it
 * (status, assignees, outcome), its title from the createTask effect when it is new. One multi-row upsert;
 * returns the rows as stored, so callers need not read them back.
 */
export async function writeFlowTasks(trx: Kysely<Database>, instanceId: string, state: FlowState, events: readonly DomainEvent[], effects: readonly Effect[]): Promise<Array<Selectable<TasksTable>>> {
  const rows = flowTaskRows(instanceId, state, events, effects);
  if (rows.length === 0) return [];
  return insertRows<Selectable<TasksTable>>(trx, 'tasks', FLOW_TASK_COLUMNS, rows, FLOW_TASK_UPSERT);
}

/** The rows writeFlowTasks upserts (FLOW_TASK_COLUMNS, with FLOW_TASK_UPSERT), for a caller that writes them in a larger statement. */
export function flowTaskRows(instanceId: string, state: FlowState, events: readonly DomainEvent[], effects: readonly Effect[]): Array<Record<(typeof FLOW_TASK_COLUMNS)[number], unknown>> {
  const touched = new Set<string>();
  for (const event of events) {
    if (!event.type.startsWith('task.')) continue;
    if (event.taskId) touched.add(event.taskId);
    const from = event.payload?.from;
    if (typeof from === 'string') touched.add(from);
  }
  if (touched.size === 0) return [];
  const specs = new Map<string, TaskSpec>();
  for (const effect of effects) if (effect.type === 'createTask') specs.set(effect.task.taskId, effect.task);
  const comments = new Map<string, string>();
  for (const event of events) {
    const comment = event.payload?.comment;
    if (event.type === 'task.completed' && event.taskId && typeof comment === 'string') comments.set(event.taskId, comment);
  }
  const rows = [];
  for (const task of state.tasks) {
    if (!touched.has(task.id)) continue;
    const spec = specs.get(task.id);
    const closed = task.status !== 'open';
    rows.push({
      id: task.id,
      instance_id: instanceId,
      node_id: task.nodeId,
      status: task.status,
      assignee_id: task.assignees.length === 1 ? (task.assignees[0] ?? null) : null,
      assignees: json(task.assignees),
      candidates: json(task.candidates ?? []),
      candidate_roles: json((task.candidates ?? []).filter((c) => c.startsWith('role:')).map((c) => c.slice(5))),
      actions: json(task.actions),
      kind: task.kind,
      title: json(spec?.title ?? { en: task.nodeId, 'zh-CN': task.nodeId }),
      description: spec?.description ? json(spec.description) : null,
      form_key: task.formKey ?? null,
      due_at: task.dueAt ? new Date(task.dueAt) : null,
      on_behalf_of: task.onBehalfOf ?? null,
      outcome: task.action ?? null,
      completed_by: task.by ?? null,
      completed_at: closed && task.closedAt ? new Date(task.closedAt) : null,
      comment: comments.get(task.id) ?? null,
      data: json(spec?.data ?? {}),
      created_at: new Date(task.createdAt),
      effect_key: null,
    });
  }
  return rows;
}

export interface RuleTaskTarget {
  instanceId: string | null;
  recordId: string | null;
}

/** Tasks created by rules; a createTask whose key was already stored is ignored. Returns the new ones, in effect order. */
export async function insertRuleTasks(trx: Kysely<Database>, target: RuleTaskTarget, effects: readonly Effect[], now: Date): Promise<TaskSpec[]> {
  const wanted = new Map<string, TaskSpec>();
  const rows = [];
  for (const effect of effects) {
    if (effect.type !== 'createTask') continue;
    const task = effect.task;
    const id = ruleTaskId(effect.key);
    if (wanted.has(id)) continue;
    wanted.set(id, task);
    rows.push({
      id,
      instance_id: task.instanceId ?? target.instanceId,
      record_id: target.recordId,
      node_id: ruleNodeId(effect.key),
      status: 'open',
      source: 'rule',
      effect_key: effect.key,
      kind: task.kind,
      title: json(task.title as LocalizedText),
      description: task.description ? json(task.description) : null,
      assignee_id: task.assignees.length === 1 ? (task.assignees[0] ?? null) : null,
      assignees: json(task.assignees),
      candidates: json(task.candidates ?? []),
      candidate_roles: json((task.candidates ?? []).filter((c) => c.startsWith('role:')).map((c) => c.slice(5))),
      actions: json(task.actions),
      form_key: task.formKey ?? null,
      due_at: task.dueAt ? new Date(task.dueAt) : null,
      data: json(task.data ?? {}),
      created_at: now,
      outcome: null,
      completed_by: null,
      completed_at: null,
      on_behalf_of: null,
      comment: null,
    });
  }
  if (rows.length === 0) return [];
  const inserted = await trx.insertInto('tasks').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  const fresh = new Set(inserted.map((r) => r.id));
  return [...wanted].filter(([id]) => fresh.has(id)).map(([id, task]) => ({ ...task, taskId: id }));
}

/** "rule:<key>@<version>:…" → "rule:<key>": where a rule task sits, for display and access. */
function ruleNodeId(effectKey: string): string {
  const match = /^rule:([^@:]+)/.exec(effectKey);
  return match ? `rule:${match[1]}` : 'rule';
}

/**
 * scheduleTimer upserts by timer id (a re-planned rule timer moves); cancelTimer marks it cancelled. Runs of
 * the same kind go in one statement each, in effect order, so a cancel after a schedule of the same id still wins.
 */
export async function writeTimers(trx: Kysely<Database>, instanceId: string | null, effects: readonly Effect[]): Promise<void> {
  let schedules = new Map<string, ScheduleTimerEffect>();
  let cancels = new Set<string>();
  const flushSchedules = async () => {
    if (schedules.size === 0) return;
    const rows = [...schedules.values()].map((effect) => ({
      id: effect.timerId,
      instance_id: effect.instanceId ?? instanceId,
      kind: effect.purpose,
      payload: json(effect),
      due_at: new Date(effect.dueAt),
      status: 'scheduled',
      locked_until: null,
      locked_by: null,
      last_error: null,
    }));
    schedules = new Map();
    await trx
      .insertInto('timers')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          payload: eb.ref('excluded.payload'),
          due_at: eb.ref('excluded.due_at'),
          status: sql`'scheduled'`,
          attempts: sql`0`,
          last_error: sql`null`,
        })),
      )
      .execute();
  };
  const flushCancels = async () => {
    if (cancels.size === 0) return;
    const ids = [...cancels];
    cancels = new Set();
    await trx.updateTable('timers').set({ status: 'cancelled' }).where('id', 'in', ids).where('status', '=', 'scheduled').execute();
  };
  for (const effect of effects) {
    if (effect.type === 'scheduleTimer') {
      await flushCancels();
      schedules.set(effect.timerId, effect);
    } else if (effect.type === 'cancelTimer') {
      await flushSchedules();
      cancels.add(effect.timerId);
    }
  }
  await flushSchedules();
  await flushCancels();
}

/** Timers a flow event says fired (a timerFired command): no longer due. `alreadyMarked` is the worker's own. */
export async function markFiredTimers(trx: Kysely<Database>, events: readonly DomainEvent[], alreadyMarked?: string): Promise<void> {
  const ids = new Set<string>();
  for (const event of events) {
    const timerId = event.payload?.timerId;
    if (event.type === 'timer.fired' && typeof timerId === 'string' && timerId !== alreadyMarked) ids.add(timerId);
  }
  if (ids.size > 0) await trx.updateTable('timers').set({ status: 'fired' }).where('id', 'in', [...ids]).execute();
}

/** Effects carried out after commit (transactional outbox), in one statement. A key stored before is ignored: at most one row per decision. */
export async function writeOutbox(trx: Kysely<Database>, instanceId: string | null, effects: readonly Effect[]): Promise<number> {
  const rows = new Map<string, { id: string; instance_id: string | null; effect: string; idempotency_key: string; status: string; locked_until: null; last_error: null; delivered_at: null }>();
  for (const effect of effects) {
    if (!OUTBOX_TYPES.has(effect.type)) continue;
    const owner = 'instanceId' in effect && typeof effect.instanceId === 'string' ? effect.instanceId : instanceId;
    const id = `out-${createHash('sha256').update(effect.key).digest('hex').slice(0, 32)}`;
    if (rows.has(id)) continue;
    rows.set(id, { id, instance_id: owner, effect: json(effect), idempotency_key: effect.key, status: 'pending', locked_until: null, last_error: null, delivered_at: null });
  }
  if (rows.size === 0) return 0;
  const written = await trx.insertInto('outbox').values([...rows.values()]).onConflict((oc) => oc.doNothing()).returning('id').execute();
  return written.length;
}
