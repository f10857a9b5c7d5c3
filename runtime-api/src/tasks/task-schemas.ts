import type { Selectable } from 'kysely';
import { Type, type Static } from 'typebox';
import { Closed, IsoDateTime, JsonObject } from '../app/schema-helpers.js';
import type { TasksTable } from '../db/database.js';
import { FormDataSchema } from '../secrets/masked-secret.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = Type.Record(Type.String(), Type.String(), { description: 'Localized text: { en, "zh-CN" }' });
const UserId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s/]+$' });

export const TaskStatusSchema = Type.Union(['open', 'completed', 'cancelled', 'reassigned'].map((s) => Type.Literal(s)));

export const TaskViewSchema = Closed({
  id: Type.String(),
  instanceId: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  nodeId: Type.String(),
  source: Type.String({ description: '"flow" (a step of the flow) or "rule" (created by a rule)' }),
  kind: Type.String(),
  title: Text,
  description: Nullable(Text),
  status: Type.String(),
  assignees: Type.Array(Type.String()),
  candidates: Type.Array(Type.String()),
  actions: Type.Array(Type.String()),
  formKey: Nullable(Type.String()),
  dueAt: Nullable(IsoDateTime),
  onBehalfOf: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  completedBy: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  createdAt: IsoDateTime,
  completedAt: Nullable(IsoDateTime),
});
export type TaskView = Static<typeof TaskViewSchema>;

export const TaskDetailSchema = Closed({
  ...TaskViewSchema.properties,
  flowKey: Nullable(Type.String()),
  /** The instance data as this task's node shows it (hidden fields removed), or the rule task's own data. */
  data: FormDataSchema,
  ownRows: Type.Optional(Closed({
    owner: Type.String(),
    tables: Type.Array(Closed({ table: Type.String(), column: Type.String() })),
  }, { description: 'An `each` task for one person (a successor): only rows whose column names `owner` may be changed with it' })),
  commentRequired: Type.Optional(Type.Array(Type.String(), { description: "Actions of this task that need a comment (the reason): the node's commentRequired, by default reject and return" })),
});

export const TaskActionBody = Closed({
  action: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$', description: 'approve, reject, return, submit, resubmit, complete, delegate, transfer, add-signer(-before|-after)…' }),
  data: Type.Optional(JsonObject),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  to: Type.Optional(Type.Union([UserId, Type.Array(UserId, { minItems: 1, maxItems: 50 })], { description: 'User ids (delegate, transfer, add-signer) or a node id (return)' })),
});

export const TaskActionResult = Closed({
  task: TaskViewSchema,
  instance: Nullable(Closed({ id: Type.String(), status: Type.String(), version: Type.Integer() })),
});

export const TaskListQuery = Closed({
  mine: Type.Optional(Type.Boolean({ default: true, description: 'false lists every task (HR and admins only)' })),
  status: Type.Optional(Type.Union([TaskStatusSchema, Type.Literal('all')], { default: 'open' })),
  instanceId: Type.Optional(Type.String({ maxLength: 64 })),
  flowKey: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 64, description: 'Only tasks of instances of this flow' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const TaskListItemSchema = Closed({
  ...TaskViewSchema.properties,
  flowKey: Nullable(Type.String({ description: "The instance's flow; null for a task about a record" })),
  flowTitle: Nullable(Type.Unknown({ description: "The flow version's title (localized text), for grouping an inbox" })),
  subjectId: Nullable(Type.String({ description: "The directory id of the person the task's instance is about (its first person field), e.g. the leaver" })),
  businessKey: Nullable(Type.String({ description: "The task's instance business key" })),
});

export const TaskListResult = Closed({ items: Type.Array(TaskListItemSchema), limit: Type.Integer(), offset: Type.Integer() });

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

export function toTaskView(row: Selectable<TasksTable>): TaskView {
  return {
    id: row.id,
    instanceId: row.instance_id,
    recordId: row.record_id,
    nodeId: row.node_id,
    source: row.source,
    kind: row.kind,
    title: row.title,
    description: row.description,
    status: row.status,
    assignees: row.assignees,
    candidates: row.candidates,
    actions: row.actions,
    formKey: row.form_key,
    dueAt: iso(row.due_at),
    onBehalfOf: row.on_behalf_of,
    outcome: row.outcome,
    completedBy: row.completed_by,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
    completedAt: iso(row.completed_at),
  };
}
