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

export const HistoryEntrySchema = Closed({
  seq: Type.Integer(),
  type: Type.String(),
  at: IsoDateTime,
  actor: Nullable(Type.String()),
  nodeId: Nullable(Type.String()),
  taskId: Nullable(Type.String()),
  action: Nullable(Type.String()),
  comment: Nullable(Type.String()),
});

export const InstanceViewSchema = Closed({
  id: Type.String(),
  flowKey: Type.String(),
  flowVersion: Type.Integer(),
  businessKey: Nullable(Type.String()),
  status: Type.String(),
  initiator: Type.String(),
  subjectId: Nullable(Type.String()),
  version: Type.Integer(),
  activeNodes: Type.Array(Type.String(), { description: 'Nodes where the instance currently waits' }),
  data: FormDataSchema,
  openTasks: Type.Array(TaskViewSchema),
  history: Type.Array(HistoryEntrySchema),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  completedAt: Nullable(IsoDateTime),
});
