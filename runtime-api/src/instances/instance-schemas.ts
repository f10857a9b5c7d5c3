import { Type } from 'typebox';
import { Closed, IsoDateTime, JsonObject, KeySchema } from '../app/schema-helpers.js';
import { FormDataSchema } from '../secrets/masked-secret.js';
import { TaskViewSchema } from '../tasks/task-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const StartInstanceParams = Closed({ key: KeySchema });

export const StartInstanceBody = Closed({
  data: JsonObject,
  businessKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  initiator: Type.Optional(
    Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s/]+$', description: 'HR and admins only: start on behalf of this directory user' }),
  ),
});

export const InstanceIdParams = Closed({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const CancelInstanceBody = Closed({ reason: Type.Optional(Type.String({ maxLength: 2000 })) });

const FieldChangeSchema = Closed(
  {
    field: Type.String(),
    from: Type.Optional(Type.Unknown({ description: 'The value before, as the caller may see it; absent when there was none' })),
    to: Type.Optional(Type.Unknown({ description: 'The value after; absent when there is none' })),
    secret: Type.Optional(Type.Literal(true, { description: 'A secret field: it changed, no value is given' })),
  },
  { description: 'A field a data change changed (only fields the caller may see)' },
);

export const HistoryEntrySchema = Closed({
  seq: Type.Integer(),
  type: Type.String(),
  at: IsoDateTime,
  actor: Nullable(Type.String()),
  nodeId: Nullable(Type.String()),
  taskId: Nullable(Type.String()),
  action: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  resolution: Type.Optional(
    Type.Union([Type.Literal('approved'), Type.Literal('rejected')], { description: 'assignee.none: how the step ended when nobody was found to approve it' }),
  ),
  changes: Type.Optional(Type.Array(FieldChangeSchema, { description: 'data.changed: the fields it changed that the caller may see, old and new values' })),
});

// What an instance's full view and its list row both say first and last (same names, same order).
const instanceHead = {
  id: Type.String(),
  flowKey: Type.String(),
  flowVersion: Type.Integer(),
  businessKey: Nullable(Type.String()),
  status: Type.String(),
  initiator: Type.String(),
  subjectId: Nullable(Type.String()),
};
const instanceTimes = {
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  completedAt: Nullable(IsoDateTime),
};

export const InstanceViewSchema = Closed({
  ...instanceHead,
  version: Type.Integer(),
  activeNodes: Type.Array(Type.String(), { description: 'Nodes where the instance currently waits' }),
  data: FormDataSchema,
  openTasks: Type.Array(TaskViewSchema),
  history: Type.Array(HistoryEntrySchema),
  ...instanceTimes,
});

export const InstanceStatusFilter = Type.Union(
  ['running', 'completed', 'rejected', 'cancelled', 'withdrawn', 'all'].map((s) => Type.Literal(s)),
  { default: 'all' },
);

export const InstanceListQuery = Closed({
  flowKey: Type.Optional(KeySchema),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'A flow version (needs flowKey)' })),
  status: Type.Optional(InstanceStatusFilter),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
});

export const InstanceSummarySchema = Closed({
  ...instanceHead,
  activeNodes: Type.Array(Type.String()),
  ...instanceTimes,
});

export const InstanceListResult = Closed({
  items: Type.Array(InstanceSummarySchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
});

export const InstanceCountsQuery = Closed({ flowKey: KeySchema });

export const InstanceCountsResult = Closed({
  flowKey: Type.String(),
  scope: Type.Union([Type.Literal('all'), Type.Literal('visible')], {
    description: '"all" for designers, HR and admins; "visible": only instances the caller may see were counted',
  }),
  versions: Type.Array(
    Closed({
      version: Type.Integer(),
      running: Type.Integer(),
      total: Type.Integer(),
      byStatus: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
});
