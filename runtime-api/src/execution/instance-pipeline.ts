import { instanceEventIds, publishDomainEvents } from '../connectors/webhooks/publish-domain-events.js';
import {
  BatonError,
  type CompiledFlow,
  type CompiledForm,
  type DomainEvent,
  type Effect,
  type FlowCommand,
  type FlowState,
  type Issue,
  type Transition,
} from '@baton/engine';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { appendAuditAtEnd } from '../audit/append-audit.js';
import type { InstancesTable, TasksTable } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import type { Published } from './definition-cache.js';
import { flowTaskRows, insertRuleTasks, markFiredTimers, writeFlowTasks, writeOutbox, writeTimers } from './effect-rows.js';
import { flowContext, type CommandEnv } from './execution-services.js';
import { fallbackNotice } from './fallback-notice.js';
import './execution-errors.js';
import { appendHistory, historyRowsOf } from './history-rows.js';
import { deferInstanceUpdate } from './deferred-writes.js';
import { insertText } from './row-inserts.js';
import { forecastStartStep } from './held-step-write.js';
import { writeStepRows } from './step-writes.js';
import { runRules } from './rules-step.js';
import { withRecordLookup } from '../records/related-records.js';
import { closeRuleTasksAtEnd } from './close-rule-tasks.js';
import { guardFlowCommand, guardStart } from '../secrets/submission-guard.js';
import { checkCommandPersonFields } from '../access/person-field-check.js';
import { checkCommandRelationFilters } from '../access/relation-filter-check.js';
import { instanceRuleRecord, instanceRuleScope } from './instance-rule-record.js';

export type InstanceRow = Selectable<InstancesTable>;

// The two instance writes of every command as fixed SQL text (see row-inserts.ts: no query building),
// numbered from `offset` so they sit in writeStepRows' statement.
export const INSTANCE_COLUMNS = [
  'id', 'flow_key', 'flow_version', 'business_key', 'status', 'state', 'data', 'started_by', 'form_key', 'subject_id', 'created_at', 'updated_at', 'completed_at',
] as const;
const START_COLUMNS = [...INSTANCE_COLUMNS, 'history_seq'] as const;
// What the start's insert leaves to the table's defaults (migrations 0002, 0005, 0018): its row as stored.
const START_DEFAULTS = { version: 1, parent_instance_id: null, parent_node_id: null, parent_token_id: null, parent_notified_at: null, demo: false };
const updateTexts = new Map<number, string>();
function updateInstanceText(offset: number): string {
  let text = updateTexts.get(offset);
  if (text === undefined) {
    const $ = (n: number) => `$${offset + n}`;
    text =
      `update "instances" set "state" = ${$(1)}, "data" = ${$(2)}, "status" = ${$(3)}, "version" = "version" + 1, "history_seq" = ${$(4)}, ` +
      `"updated_at" = ${$(5)}, "completed_at" = ${$(6)} where "id" = ${$(7)} and "version" = ${$(8)} returning *`;
    if (updateTexts.size < 256) updateTexts.set(offset, text);
  }
  return text;
}

/** A lost optimistic write: SQLSTATE 40001 makes runCommand retry on fresh data, then answer 409. */
export class ConcurrentWriteError extends Error {
  readonly code = '40001';
  constructor(instanceId: string) {
    super(`instance ${instanceId} was changed by a concurrent command`);
  }
}

export interface AuditNote {
  action: string;
  taskId?: string;
  comment?: string;
  data?: Record<string, unknown>;
}

export interface StepResult {
  instance: InstanceRow;
  state: FlowState;
  transition: Transition;
  rulesFired: Array<{ rule: string; version: number; event: string }>;
  /** The flow's task rows this step wrote, as stored (callers answer from them instead of reading back). */
  tasks: Array<Selectable<TasksTable>>;
}

/** Paths of form issues are relative to the data; the request holds the data under /data. */
export function underData(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: `/data${i.path}` }));
}

/** Engine refusals about submitted data become 422s with paths into the request body. */
function translateEngineError(err: unknown): unknown {
  if (!(err instanceof BatonError)) return err;
  if (err.code === 'BATON_E_FLOW_TASK_DATA_INVALID') {
    const issues = underData(err.issues);
    return new ApiError('BATON_E_DATA_INVALID', {}, issues, issues[0]?.path ?? '/data');
  }
  if (err.code === 'BATON_E_FLOW_FIELD_NOT_EDITABLE') {
    const params = err.issues[0]?.params ?? {};
    const field = String(params.field ?? '');
    return new ApiError('BATON_E_FIELD_NOT_EDITABLE', { field, access: String(params.access ?? 'readonly') }, [], `/data/${field.split('.')[0]}`);
  }
  return err;
}

/** The forms a command may validate task data with, loaded before the synchronous engine call. */
async function formsFor(env: CommandEnv, flow: CompiledFlow, command: FlowCommand | undefined, state: FlowState | undefined): Promise<(key: string | undefined) => CompiledForm | undefined> {
  const keys = new Set<string>();
  // A task action is validated against its forms even with no data (the engine judges an empty "approve"
  // against the node's required fields); other commands load none.
  if (command?.type === 'completeTask' && state) {
    if (flow.definition.form) keys.add(flow.definition.form);
    const task = state.tasks.find((t) => t.id === command.taskId);
    if (task?.formKey) keys.add(task.formKey);
  }
  const forms = new Map<string, CompiledForm>();
  for (const key of keys) {
    const form = await env.services.definitions.form(env.trx, key, undefined, env.catalog);
    if (form) forms.set(key, form.compiled);
  }
  return (key) => forms.get(key ?? flow.definition.form ?? '');
}

/**
 * Writes what one engine step decided besides its own rows (timers, outbox, webhook events), then runs the
 * rules over every event and writes their effects. The step's history, flow task rows and instance row are
 * written by the caller in one statement (writeStepRows): before this for a new instance (rule tasks refer to
 * it), after it for an existing one. Returns the history's last seq, the flow events' rows being numbered
 * from the instance's `history_seq` (seqs are assigned here, so the write order does not matter).
 */
async function persistEffects(
  env: CommandEnv,
  instance: InstanceRow,
  transition: Transition,
  markedTimerId?: string,
  known?: KnownCatalog,
): Promise<{ seq: number; fired: StepResult['rulesFired'] }> {
  const { trx } = env;
  const { state, events, effects } = transition;
  const firstSeq = instance.history_seq;
  let seq = firstSeq + events.length;
  if (events.length > 0) await publishDomainEvents(trx, instanceEventIds(instance.id, firstSeq, events), known?.subscriptions ?? (await env.services.webhooks.get(trx, env.catalog)), { origin: env.originConnector });
  await writeTimers(trx, instance.id, effects);
  await markFiredTimers(trx, events, markedTimerId);
  // The reducer already folded its own setData into the state (and recorded data.changed); the effect is a
  // notice, so delivering it again would patch the instance twice.
  await writeOutbox(trx, instance.id, effects.filter((e) => !(e.type === 'setData' && (e.instanceId ?? instance.id) === instance.id && !e.formKey && !e.recordId && !e.userId)));

  const rules = known ? known.rules : await env.services.definitions.rulesFor(trx, instanceRuleScope(instance), env.catalog);
  // Ending here: its rules' open to-dos close first, so a to-do a rule creates on the ending stays open. With
  // no rule in scope there are none to close (a retired rule's to-dos stay, as pack upgrades document), and
  // the ending of a rule-less process (the bulk of timers and one-step flows) costs no extra statement.
  if (instance.status === 'running' && rules !== undefined) seq = await closeRuleTasksAtEnd(env, instance, state.status, seq);
  const record = instanceRuleRecord(instance, state.data as Record<string, unknown>);
  const ruled = await runRules(env, rules, events, { record });
  seq = await writeRuleEffects(env, { instanceId: instance.id, flowKey: instance.flow_key, recordId: null }, ruled.effects, seq);
  return { seq, fired: ruled.fired };
}

/** The catalog a step's effects consult, read before its write (a start whose write may be held). */
interface KnownCatalog {
  subscriptions: Awaited<ReturnType<CommandEnv['services']['webhooks']['get']>>;
  rules: Awaited<ReturnType<CommandEnv['services']['definitions']['rulesFor']>>;
}

/**
 * Whether persistEffects writes nothing for this step: no timer or outbox effect (createTask and cancelTask
 * are the step's own task rows, a setData on the instance itself a notice), no webhook, no rule.
 */
function writesNoEffects(instanceId: string, transition: Transition, known: KnownCatalog): boolean {
  if (known.rules !== undefined || (transition.events.length > 0 && known.subscriptions.length > 0)) return false;
  return transition.effects.every(
    (e) => e.type === 'createTask' || e.type === 'cancelTask' || (e.type === 'setData' && (e.instanceId ?? instanceId) === instanceId && !e.formKey && !e.recordId && !e.userId),
  );
}

/**
 * Writes what rules decided: their tasks (a runtime `task.created` history entry each, when they belong
 * to an instance, after an `assignee.replaced` per person named who had left, as a flow records for its
 * own tasks, and an `assignee.fallback` when its assignees resolved to nobody), timers and outbox rows. Returns the instance's last history seq.
 */
export async function writeRuleEffects(
  env: CommandEnv,
  target: { instanceId: string | null; flowKey: string | null; recordId: string | null },
  effects: readonly Effect[],
  seq: number,
): Promise<number> {
  if (effects.length === 0) return seq;
  const { trx } = env;
  const created = await insertRuleTasks(trx, target, effects, env.now);
  const fellBack = created.flatMap((t) => (t.assigneeFallback ? [fallbackNotice({ id: t.taskId, title: t.title, instanceId: t.instanceId ?? target.instanceId, candidates: t.candidates ?? [] }, t.assigneeFallback, `fallback:${t.taskId}`)] : []));
  if (fellBack.length > 0) await writeOutbox(trx, target.instanceId, fellBack);
  await writeTimers(trx, target.instanceId, effects);
  await writeOutbox(trx, target.instanceId, effects);
  if (!target.instanceId) return seq;
  const at = env.now.toISOString();
  const instanceId = target.instanceId;
  const fields = { at, instanceId, ...(target.flowKey ? { flowKey: target.flowKey } : {}) };
  return appendHistory(
    trx,
    instanceId,
    seq,
    created.flatMap(({ replacedAssignees, assigneeFallback, ...task }): DomainEvent[] => [
      ...(replacedAssignees ?? []).map((r): DomainEvent => ({ type: 'assignee.replaced', ...fields, taskId: task.taskId, actor: 'system', payload: { ...r, taskId: task.taskId, source: 'rule' } })),
      // Its assignees resolved to nobody present: who got it instead (fallbackAssignees, hr, admin) and why.
      ...(assigneeFallback ? [{ type: 'assignee.fallback', ...fields, taskId: task.taskId, actor: 'system', payload: { ...assigneeFallback, taskId: task.taskId, source: 'rule' } }] : []),
      { type: 'task.created', ...fields, taskId: task.taskId, actor: 'system', payload: { task, source: 'rule' } },
    ]),
    'runtime',
  );
}

/** The command's audit entry: inserted unchained (no lock); the chainer links it after commit. */
async function auditStep(env: CommandEnv, instance: InstanceRow, state: FlowState, note: AuditNote, fired: StepResult['rulesFired']): Promise<void> {
  // Inside runCommand written with the command's last statement; in a worker's transaction at once.
  await appendAuditAtEnd(env.trx, {
    actor: env.actor,
    action: note.action,
    subjectKind: 'instance',
    subjectId: instance.id,
    at: env.now,
    data: {
      flowKey: instance.flow_key,
      flowVersion: instance.flow_version,
      status: state.status,
      ...(note.taskId !== undefined ? { taskId: note.taskId } : {}),
      ...(note.comment !== undefined ? { comment: note.comment } : {}),
      ...(fired.length > 0 ? { rules: fired.map((f) => `${f.rule}@${f.version}`) } : {}),
      ...note.data,
    },
  });
}

function endedAt(state: FlowState, now: Date): Date | null {
  return state.status === 'running' ? null : state.endedAt ? new Date(state.endedAt) : now;
}

export interface StartInput {
  flow: Published<CompiledFlow>;
  data: Record<string, unknown>;
  initiator: string;
  businessKey?: string;
  subjectId: string | null;
  /**
   * The caller runs no statement after this when the step's rows are its answer (writtenByStart): the
   * step write may then travel with the command's last statement (step-writes.ts, PostgreSQL).
   */
  mayHoldWrite?: boolean;
}

/** Starts an instance: engine start, the instance row, then everything the first step decided. */
export async function startInstance(env: CommandEnv, input: StartInput): Promise<StepResult> {
  const compiled = input.flow.compiled;
  const instanceId = randomUUID();
  const formOf = await formsFor(env, compiled, undefined, undefined);
  // Secrets sealed and file references checked before the engine sees the data (validated by the caller).
  const guard = await guardStart(env, compiled, instanceId, input.data);
  let transition: Transition;
  try {
    // A step's instructions may name related records ({assets.assetId.tag}): read on demand (related-records.ts).
    transition = await withRecordLookup(env.trx, (records) => compiled.start(
      { data: guard.data, initiator: input.initiator, instanceId, ...(input.businessKey !== undefined ? { businessKey: input.businessKey } : {}) },
      { ...flowContext(env, formOf, {}), records },
    ));
  } catch (err) {
    throw translateEngineError(err);
  }
  const { state, events, effects } = transition;
  // The instance, the first step's history and task rows: one statement (writeStepRows).
  const history = historyRowsOf(instanceId, 0, events, 'flow');
  const values = [
    instanceId, compiled.key, compiled.version, input.businessKey ?? null, state.status, JSON.stringify(state), JSON.stringify(state.data),
    input.initiator, compiled.definition.form ?? null, input.subjectId, env.now, env.now, endedAt(state, env.now), history.seq,
  ];
  // The row as the insert stores it: what effects and rules are decided on, and a held write's answer.
  const stored = { ...START_DEFAULTS } as Record<string, unknown>;
  START_COLUMNS.forEach((column, i) => (stored[column] = values[i]));
  const expected = stored as unknown as InstanceRow;
  // Read before the write (catalog rows, not the instance's): a step whose effects write nothing then runs
  // no statement after it, so its write may be held. File links refer to no instance row: linked first.
  const known: KnownCatalog = {
    subscriptions: events.length > 0 ? await env.services.webhooks.get(env.trx, env.catalog) : [],
    rules: await env.services.definitions.rulesFor(env.trx, instanceRuleScope(expected), env.catalog),
  };
  await guard.link();
  if (input.mayHoldWrite && writesNoEffects(instanceId, transition, known)) {
    // jsonb answers in its own key order; the forecast's state and data keep JavaScript's (same values).
    forecastStartStep(env.trx, { ...expected, state: JSON.parse(values[5] as string), data: JSON.parse(values[6] as string) } as InstanceRow);
  }
  const written = await writeStepRows(
    env.trx,
    { history: history.rows, tasks: flowTaskRows(instanceId, state, events, effects), instance: { text: (offset: number) => insertText('instances', START_COLUMNS, 1, 'returning *', offset), params: values } },
    'start',
  );
  const inserted = written.instance;
  if (!inserted) throw new Error(`instance ${instanceId} was not inserted`);
  // Effects and rules run on the row as it was before the step's events (history_seq 0), as they always did.
  const step = await persistEffects(env, { ...inserted, history_seq: 0 }, transition, undefined, known);
  // Rule tasks appended runtime history after the flow's own: the row's seq moves with them.
  if (step.seq !== history.seq) await env.trx.updateTable('instances').set({ history_seq: step.seq }).where('id', '=', instanceId).execute();
  const instance = { ...inserted, history_seq: step.seq };
  await auditStep(env, instance, state, { action: 'instance.started', data: input.initiator !== env.actor ? { onBehalfOf: input.initiator } : {} }, step.fired);
  return { instance, state, transition, rulesFired: step.fired, tasks: written.tasks };
}

export interface InstanceCommandInput {
  instanceId: string;
  /** Throws (404) when the caller may not see the instance; runs on the locked row. */
  authorize: (instance: InstanceRow) => Promise<void> | void;
  /** The engine command, built from the locked state (e.g. after checking the task). */
  command: (state: FlowState, instance: InstanceRow) => FlowCommand;
  audit: AuditNote;
  /** The instance row, already locked FOR UPDATE by the caller in this transaction (saves a round trip). */
  locked?: InstanceRow;
  /** A timer the caller already marked fired in this transaction (the timer worker): not marked again. */
  markedTimerId?: string;
}

/**
 * One command on one instance, inside the caller's transaction (runCommand): lock the row, run the
 * engine, write the new state only if the version read is still current, then persist the step.
 */
export async function executeInstanceCommand(env: CommandEnv, input: InstanceCommandInput): Promise<StepResult> {
  const row = input.locked ?? (await env.trx.selectFrom('instances').selectAll().where('id', '=', input.instanceId).forUpdate().executeTakeFirst());
  if (!row) throw new ApiError('BATON_E_INSTANCE_NOT_FOUND', { instanceId: input.instanceId }, [], '/params/id');
  await input.authorize(row);
  const flow = await env.services.definitions.flow(env.trx, row.flow_key, row.flow_version, env.catalog);
  if (!flow) throw new ApiError('BATON_E_FLOW_NOT_PUBLISHED', { flowKey: `${row.flow_key}@${row.flow_version}` });
  const state = row.state as unknown as FlowState;
  // A completeTask's data: secrets sealed, files checked; the validation hook sees clear values.
  const requested = input.command(state, row);
  const { command, formOf, link } = await guardFlowCommand(env, row.id, requested, state, await formsFor(env, flow.compiled, requested, state));
  let transition: Transition;
  try {
    transition = await withRecordLookup(env.trx, (records) => flow.compiled.apply(state, command, { ...flowContext(env, formOf, state.data as Record<string, unknown>), records }));
  } catch (err) {
    throw translateEngineError(err);
  }
  checkCommandPersonFields(env, command, state, transition.state, formOf);
  await checkCommandRelationFilters(env.trx, env.locale, command, state, transition.state, formOf);
  const next = transition.state;
  const step = await persistEffects(env, row, transition, input.markedTimerId);
  await link();
  const { events, effects } = transition;
  const completedAt = endedAt(next, env.now);
  // A batch of commands (the timer worker, deferred-writes.ts) sends history and instance rows at its end.
  const deferred = deferInstanceUpdate(env.trx, row, { state: next, historySeq: step.seq, at: env.now, completedAt });
  let updated: InstanceRow | undefined;
  let tasks: StepResult['tasks'];
  if (deferred) {
    await appendHistory(env.trx, row.id, row.history_seq, events, 'flow');
    tasks = await writeFlowTasks(env.trx, row.id, next, events, effects);
    [updated] = deferred;
  } else {
    // The step's history, task rows and the instance row in one statement, the row last as before: written
    // only if the version read is still current (the row lock makes that redundant today; it keeps a lost
    // update impossible should a caller ever load without FOR UPDATE).
    const history = historyRowsOf(row.id, row.history_seq, events, 'flow');
    const values = [JSON.stringify(next), JSON.stringify(next.data), next.status, step.seq, env.now, completedAt, row.id, row.version];
    const written = await writeStepRows(env.trx, { history: history.rows, tasks: flowTaskRows(row.id, next, events, effects), instance: { text: updateInstanceText, params: values } }, 'update');
    updated = written.instance;
    tasks = written.tasks;
  }
  if (!updated) throw new ConcurrentWriteError(row.id);
  await auditStep(env, updated, next, input.audit, step.fired);
  return { instance: updated, state: next, transition, rulesFired: step.fired, tasks };
}
