import type { LocalizedText } from '@baton/engine';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DeliveryLog } from '../workers/outbox-handler.js';
import type { ConnectorHttp } from './http/connector-http.js';

/** A JSON Schema (2020-12 unless it says otherwise). */
export type JsonSchema = Record<string, unknown> | boolean;

/** A configured connector as an action sees it: its config and its secrets, opened. */
export interface ConnectorInstance<C = Record<string, unknown>> {
  key: string;
  type: string;
  config: C;
  /** The plaintext of a secret set with PUT /api/connectors/:key, or undefined. Never log it. */
  secret(name: string): string | undefined;
  /** The names of the secrets that are set. */
  secretNames(): string[];
  /** Every opened secret value (for redaction). */
  secretValues(): string[];
}

/** What an action runs with. All IO to the peer goes through `http` (SSRF guard, timeouts, no redirects). */
export interface ActionContext<C = Record<string, unknown>> {
  connector: ConnectorInstance<C>;
  http: ConnectorHttp;
  /** The effect's stable key: send it to the peer (Idempotency-Key, webhook-id); the same on every retry. */
  idempotencyKey: string;
  /** 1 on the first try. */
  attempt: number;
  now: Date;
  signal: AbortSignal;
  instanceId: string | null;
  /** BATON_PUBLIC_URL without a trailing slash; links in messages start with it, never with a Host header. */
  publicUrl: string | undefined;
  db: Kysely<Database>;
  /** Host name -> addresses; replaced in tests. Used by non-HTTP transports (SMTP) for the same guard. */
  resolveHost: HostResolver;
}

export type HostResolver = (hostname: string) => Promise<Array<{ address: string; family: 4 | 6 }>>;

/**
 * What an action reports. `ok` may carry a proof (SCIM: "revocation verified at …") kept in the connector's
 * delivery record; `retry` may say how long the peer asked to wait; `dead` with `disable` turns the connector
 * off (HTTP 410 Gone) until an admin saves it again. `ok` with `skipped` sent nothing on purpose (the note says
 * why): the delivery log records it as "skipped", not "delivered".
 */
export type ActionResult =
  | { status: 'ok'; note?: string; proof?: Record<string, unknown>; subject?: string; log?: DeliveryLog; skipped?: boolean }
  | { status: 'retry'; error: string; code?: string; params?: Record<string, unknown>; retryAfterMs?: number; subject?: string; log?: DeliveryLog }
  | { status: 'dead'; error: string; code?: string; params?: Record<string, unknown>; disable?: boolean; subject?: string; log?: DeliveryLog };

export interface ActionType<P = Record<string, unknown>, C = Record<string, unknown>> {
  type: string;
  version: string;
  paramsSchema: JsonSchema;
  label?: LocalizedText;
  run(params: P, ctx: ActionContext<C>): Promise<ActionResult>;
}

/** A secret a connector type reads by name (the value is set with PUT /api/connectors/:key). */
export interface SecretSpec {
  name: string;
  required: boolean;
  description: LocalizedText;
}

/** The notification channel a connector type serves (the profile field holding the address follows from it). */
export interface ChannelSpec {
  channel: 'email' | 'dingtalk' | 'wecom' | 'sms';
}

/**
 * One kind of integration (ARCHITECTURE §4): `Connector { type, version, configSchema, actions }`. Built-in
 * types are registered exactly the way a third party's are (`app.baton.connectors.types.register(…)`).
 */
export interface ConnectorType<C = Record<string, unknown>> {
  type: string;
  version: string;
  label: LocalizedText;
  description: LocalizedText;
  configSchema: JsonSchema;
  secrets: readonly SecretSpec[];
  /** True when config templates may name any secret (`{{secrets.<name>}}`), e.g. crm-rest headers. */
  anySecrets?: boolean;
  actions: Readonly<Record<string, ActionType<never, C>>>;
  /** Actions configured per connector (crm-rest `config.actions`), looked up when `actions` has none. */
  configuredAction?(name: string, config: C): ActionType<never, C> | undefined;
  /** A harmless round trip for POST /api/connectors/:key/test. */
  test(ctx: ActionContext<C>): Promise<ActionResult>;
  /** Set by message connectors: the notify handler sends `sendMessage` (params: MessageParams) through them. */
  channel?: ChannelSpec;
  /** Checks a secret's value when it is saved (e.g. a signing secret's format); a message when it is wrong. */
  checkSecret?(name: string, value: string): { en: string; 'zh-CN': string } | undefined;
  /** Extra semantic checks of a saved config (paths relative to the body, e.g. "/config/inbound/map"). */
  checkConfig?(config: C): Array<{ path: string; en: string; 'zh-CN': string }>;
}
