import { Type, type Static } from 'typebox';
import { Closed, IsoDateTime, JsonObject, KeySchema } from '../app/schema-helpers.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const SecretName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 64 });
const Localized = Type.Union([Type.String(), Type.Record(Type.String(), Type.String())]);

export const MASKED = '********';

export const ConnectorKeyParams = Closed({ key: KeySchema });

export const PutConnectorBody = Closed(
  {
    type: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 64, description: 'webhook, scim, crm-rest, dingtalk-robot, wecom-robot, sms-http, smtp, or a plugin\'s type' }),
    config: Type.Optional(JsonObject),
    secrets: Type.Optional(
      Type.Record(SecretName, Nullable(Type.String({ minLength: 1, maxLength: 8192 })), {
        description: 'Secret values (stored encrypted, never returned). Omitted names keep their value; null removes one.',
      }),
    ),
    enabled: Type.Optional(Type.Boolean({ description: 'Saving enables the connector unless this is false (a 410 Gone disables it).' })),
  },
  { description: 'A connector: its type, its config (validated by the type\'s schema) and its secrets.' },
);
export type PutConnector = Static<typeof PutConnectorBody>;

export const LastDeliverySchema = Closed({
  at: IsoDateTime,
  action: Type.String(),
  status: Type.String(),
  attempt: Type.Integer(),
  error: Nullable(Type.String()),
});

export const ConnectorSummarySchema = Closed({
  key: Type.String(),
  type: Type.String(),
  configured: Type.Boolean({ description: 'Saved through the API with every required secret (false: declared by a published definition only)' }),
  enabled: Type.Boolean(),
  disabledReason: Nullable(Type.String()),
  lastDelivery: Nullable(LastDeliverySchema),
});

export const ConnectorViewSchema = Closed({
  key: Type.String(),
  type: Type.String(),
  configured: Type.Boolean(),
  enabled: Type.Boolean(),
  disabledReason: Nullable(Type.String()),
  disabledAt: Nullable(IsoDateTime),
  config: JsonObject,
  secrets: Type.Record(Type.String(), Type.Literal(MASKED), { description: 'The secrets that are set, masked' }),
  missingSecrets: Type.Array(Type.String()),
  inboundUrl: Nullable(Type.String({ description: 'Where a webhook connector receives (BATON_PUBLIC_URL + /api/hooks/<key>)' })),
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: IsoDateTime,
  updatedBy: Type.String(),
  updatedAt: IsoDateTime,
  lastDelivery: Nullable(LastDeliverySchema),
});
export type ConnectorView = Static<typeof ConnectorViewSchema>;

export const ConnectorListResult = Closed({ items: Type.Array(ConnectorSummarySchema) });

export const ConnectorTestResult = Closed({
  ok: Type.Boolean(),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('retry'), Type.Literal('dead')]),
  message: Type.String(),
  code: Nullable(Type.String()),
  durationMs: Type.Integer(),
  log: Nullable(JsonObject),
});

export const ConnectorTypeSchema = Closed({
  type: Type.String(),
  version: Type.String(),
  label: Localized,
  description: Localized,
  configSchema: Type.Union([JsonObject, Type.Boolean()]),
  secrets: Type.Array(Closed({ name: Type.String(), required: Type.Boolean(), description: Localized })),
  anySecrets: Type.Boolean(),
  actions: Type.Array(Closed({ name: Type.String(), label: Nullable(Localized), paramsSchema: Type.Union([JsonObject, Type.Boolean()]) })),
  channel: Nullable(Type.String()),
});
export const ConnectorTypeListResult = Closed({ items: Type.Array(ConnectorTypeSchema) });

/**
 * What a delivery row says happened. `skipped`: the action ran and deliberately sent nothing (e.g. the event is
 * no longer among a webhook subscription's events); the reason is in its proof. Rows written before `skipped`
 * existed keep the three older values.
 */
export const DELIVERY_STATUSES = ['delivered', 'skipped', 'retry', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DeliveryStatusSchema = Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s)));

/** The most rows one page returns, and the count beyond which the total is only "more than". */
export const DELIVERY_PAGE_MAX = 200;
export const DELIVERY_COUNT_CAP = 10_000;

export const DeliveryListQuery = Closed({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DELIVERY_PAGE_MAX, default: 50 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'nextCursor of the previous page (the filters must stay the same)' })),
  status: Type.Optional(
    Type.Array(DeliveryStatusSchema, { minItems: 1, maxItems: DELIVERY_STATUSES.length, description: 'Only these statuses (repeat the parameter for several: ?status=retry&status=dead)' }),
  ),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only this action (event type), e.g. deliverEvent, receive, reassignOwner' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Only deliveries at or after this instant' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Only deliveries before this instant (exclusive)' })),
});
export type DeliveryListQueryValue = Static<typeof DeliveryListQuery>;

export const DeliveryViewSchema = Closed({
  id: Type.Integer(),
  at: IsoDateTime,
  action: Type.String(),
  status: Type.String({ description: 'delivered, skipped, retry or dead' }),
  attempt: Type.Integer(),
  idempotencyKey: Type.String(),
  instanceId: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  error: Nullable(Type.String()),
  proof: Nullable(JsonObject),
  durationMs: Type.Integer(),
});
export const DeliveryListResult = Closed({
  items: Type.Array(DeliveryViewSchema, { description: 'Newest first' }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor (with the same filters) for the next page; null on the last page' })),
  total: Nullable(
    Closed(
      {
        count: Type.Integer({ description: `How many deliveries match the filters, counted up to ${DELIVERY_COUNT_CAP}` }),
        exact: Type.Boolean({ description: `false: more than ${DELIVERY_COUNT_CAP} match (count is the cap)` }),
      },
      { description: 'On the first page only (no cursor); null on later pages' },
    ),
  ),
});
export type DeliveryListResultValue = Static<typeof DeliveryListResult>;

export const ReconciliationQuery = Closed({ userId: Type.String({ minLength: 1, maxLength: 128 }) });
export const ReconciliationResult = Closed({
  userId: Type.String(),
  checkedAt: IsoDateTime,
  stillActive: Type.Array(Type.String(), { description: 'Keys of the systems where the person still has an active account' }),
  items: Type.Array(
    Closed({
      key: Type.String(),
      system: Type.String(),
      state: Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('absent'), Type.Literal('unknown')]),
      error: Nullable(Type.String()),
      lastProof: Nullable(Closed({ at: IsoDateTime, note: Type.String(), proof: JsonObject })),
    }),
  ),
});
