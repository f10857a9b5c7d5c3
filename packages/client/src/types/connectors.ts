import type { IsoDateTime } from './common.js';

/** A label in one language, or one per locale ({ en, "zh-CN" }). */
export type ConnectorLocalizedText = string | Record<string, string>;

/** The last delivery of a connector (runtime-api connector-schemas.ts LastDeliverySchema). */
export interface ConnectorLastDelivery {
  at: IsoDateTime;
  action: string;
  status: string;
  attempt: number;
  error: string | null;
}

/** A connector as GET /connectors lists it (runtime-api connector-schemas.ts ConnectorSummarySchema). */
export interface ConnectorSummary {
  key: string;
  type: string;
  /** Saved through the API with every required secret; false: declared by a published definition only. */
  configured: boolean;
  enabled: boolean;
  disabledReason: string | null;
  lastDelivery: ConnectorLastDelivery | null;
}

export interface ConnectorList {
  items: ConnectorSummary[];
}

/** One connector (ConnectorViewSchema): secret values never come back, only which are set. */
export interface ConnectorView {
  key: string;
  type: string;
  configured: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: IsoDateTime | null;
  config: Record<string, unknown>;
  /** Names of the secrets that are set, each masked as "********". */
  secrets: Record<string, '********'>;
  missingSecrets: string[];
  /** Where a webhook connector receives (BATON_PUBLIC_URL + /api/hooks/<key>). */
  inboundUrl: string | null;
  version: number;
  createdBy: string;
  createdAt: IsoDateTime;
  updatedBy: string;
  updatedAt: IsoDateTime;
  lastDelivery: ConnectorLastDelivery | null;
}

/** PUT /connectors/:key (PutConnectorBody). */
export interface ConnectorInput {
  /** webhook, scim, crm-rest, dingtalk-robot, wecom-robot, sms-http, smtp, or a plugin's type. */
  type: string;
  /** Checked against the type's config schema. */
  config?: Record<string, unknown>;
  /** Omitted names keep their value; null removes one. Stored encrypted, never returned. */
  secrets?: Record<string, string | null>;
  /** Saving enables the connector unless this is false. */
  enabled?: boolean;
}

/** POST /connectors/:key/test: one real call, in words (ConnectorTestResult). */
export interface ConnectorTestResult {
  ok: boolean;
  status: 'delivered' | 'retry' | 'dead';
  message: string;
  code: string | null;
  durationMs: number;
  log: Record<string, unknown> | null;
}

/** A connector type this server knows (ConnectorTypeSchema). */
export interface ConnectorType {
  type: string;
  version: string;
  label: ConnectorLocalizedText;
  description: ConnectorLocalizedText;
  configSchema: Record<string, unknown> | boolean;
  secrets: Array<{ name: string; required: boolean; description: ConnectorLocalizedText }>;
  anySecrets: boolean;
  actions: Array<{ name: string; label: ConnectorLocalizedText | null; paramsSchema: Record<string, unknown> | boolean }>;
  channel: string | null;
}

export interface ConnectorTypeList {
  items: ConnectorType[];
}

/** One delivery of a connector, newest first (connector-schemas.ts DeliveryViewSchema). */
export interface ConnectorDelivery {
  id: number;
  at: IsoDateTime;
  action: string;
  status: string;
  attempt: number;
  idempotencyKey: string;
  instanceId: string | null;
  subject: string | null;
  error: string | null;
  proof: Record<string, unknown> | null;
  durationMs: number;
}

export interface ConnectorDeliveryList {
  items: ConnectorDelivery[];
  /** Pass as `cursor` (with the same filters) for the next page; null on the last page. */
  nextCursor: string | null;
  /** On the first page only: how many match, counted up to a cap (exact false: more than count). */
  total: { count: number; exact: boolean } | null;
}

/** What a delivery row says happened (older rows never say "skipped"). */
export type ConnectorDeliveryStatus = 'delivered' | 'skipped' | 'retry' | 'dead';

export interface ConnectorDeliveryQuery {
  /** 1 to 200; 50 by default. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
  /** Only these statuses. */
  status?: readonly ConnectorDeliveryStatus[];
  /** Only this action (event type). */
  action?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}
