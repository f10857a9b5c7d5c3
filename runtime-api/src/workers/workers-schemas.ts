import type { Selectable } from 'kysely';
import { Type, type Static } from 'typebox';
import { Closed, IsoDateTime, JsonObject } from '../app/schema-helpers.js';
import type { OutboxDeliveriesTable, WorkerOutboxTable, WorkerTimersTable } from './worker-database.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 300 });
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 }));
const Offset = Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }));

export const OutboxStatusSchema = Type.Union(['pending', 'delivered', 'dead'].map((s) => Type.Literal(s)));
export const TimerStatusSchema = Type.Union(['scheduled', 'fired', 'cancelled', 'obsolete', 'dead'].map((s) => Type.Literal(s)));

export const OutboxIdParams = Closed({ id: Id });
export const TimerIdParams = Closed({ id: Id });
export const InstanceIdParams = Closed({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const OutboxListQuery = Closed({
  status: Type.Optional(OutboxStatusSchema),
  instanceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Effect type: notify, invoke, setData, startFlow, renderDocument' })),
  limit: Limit,
  offset: Offset,
});

export const TimerListQuery = Closed({
  status: Type.Optional(TimerStatusSchema),
  instanceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'node, sla, rule, reminder' })),
  limit: Limit,
  offset: Offset,
});

export const DeliveryListQuery = Closed({ limit: Limit, offset: Offset });

export const ReplayBody = Closed({ comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Why (kept in the audit entry)' })) });

export const OutboxViewSchema = Closed({
  id: Type.String(),
  instanceId: Nullable(Type.String()),
  type: Type.String(),
  status: Type.String({ description: 'pending, delivered or dead' }),
  attempts: Type.Integer(),
  idempotencyKey: Type.String(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: IsoDateTime,
  lockedUntil: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  deliveredAt: Nullable(IsoDateTime),
});
export type OutboxView = Static<typeof OutboxViewSchema>;

export const DeliveryViewSchema = Closed({
  id: Type.Integer(),
  outboxId: Type.String(),
  instanceId: Nullable(Type.String()),
  type: Type.String(),
  attempt: Type.Integer(),
  status: Type.String({ description: 'delivered, retry, dead or lost (the lease had passed to another worker)' }),
  error: Nullable(Type.String()),
  request: Nullable(JsonObject),
  response: Nullable(JsonObject),
  note: Nullable(Type.String()),
  durationMs: Type.Integer(),
  worker: Type.String(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
});
export type DeliveryView = Static<typeof DeliveryViewSchema>;

export const OutboxDetailSchema = Closed({
  ...OutboxViewSchema.properties,
  effect: JsonObject,
  deliveries: Type.Array(DeliveryViewSchema),
});

export const OutboxListResult = Closed({ items: Type.Array(OutboxViewSchema), limit: Type.Integer(), offset: Type.Integer() });

export const TimerViewSchema = Closed({
  id: Type.String(),
  instanceId: Nullable(Type.String()),
  kind: Type.String({ description: 'node (a timer step), sla, rule (date-offset or schedule), reminder' }),
  status: Type.String(),
  dueAt: IsoDateTime,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lockedUntil: Nullable(IsoDateTime),
  firedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  payload: JsonObject,
});

export const TimerListResult = Closed({ items: Type.Array(TimerViewSchema), limit: Type.Integer(), offset: Type.Integer() });

export const InstanceDeliveriesResult = Closed({
  outbox: Type.Array(OutboxViewSchema, { description: 'The effects the instance queued, with their current state' }),
  items: Type.Array(DeliveryViewSchema, { description: 'Every delivery attempt, oldest first; request and response only for HR and admins' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toOutboxView(row: Selectable<WorkerOutboxTable>): OutboxView {
  return {
    id: row.id,
    instanceId: row.instance_id,
    type: row.effect_type,
    status: row.status,
    attempts: row.attempts,
    idempotencyKey: row.idempotency_key,
    lastError: row.last_error,
    nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
    lockedUntil: iso(row.locked_until),
    createdAt: new Date(row.created_at).toISOString(),
    deliveredAt: iso(row.delivered_at),
  };
}

export function toDeliveryView(row: Selectable<OutboxDeliveriesTable>, withBodies: boolean): DeliveryView {
  return {
    id: row.id,
    outboxId: row.outbox_id,
    instanceId: row.instance_id,
    type: row.effect_type,
    attempt: row.attempt,
    status: row.status,
    error: row.error,
    request: withBodies ? row.request : null,
    response: withBodies ? row.response : null,
    note: row.note,
    durationMs: row.duration_ms,
    worker: row.worker,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: new Date(row.finished_at).toISOString(),
  };
}

export function toTimerView(row: Selectable<WorkerTimersTable>): Static<typeof TimerViewSchema> {
  return {
    id: row.id,
    instanceId: row.instance_id,
    kind: row.kind,
    status: row.status,
    dueAt: new Date(row.due_at).toISOString(),
    attempts: row.attempts,
    lastError: row.last_error,
    lockedUntil: iso(row.locked_until),
    firedAt: iso(row.fired_at),
    createdAt: new Date(row.created_at).toISOString(),
    payload: row.payload,
  };
}
