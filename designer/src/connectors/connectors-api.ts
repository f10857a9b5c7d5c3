import { BatonApiError, type ConnectorList } from '@baton/client';
import { useMemo } from 'react';
import { useLocalized } from '../app/i18n/localized.js';
import { apiBaseUrl } from '../app/session/use-api.js';
import { useSession } from '../app/session/session-store.js';

// Shapes of runtime-api/src/connectors/connector-schemas.ts and workers/workers-schemas.ts. @baton/client
// only has `connectors.list` so far; these calls stay here until it grows the rest.

export type LocalizedLabel = string | Record<string, string>;

export interface LastDelivery {
  at: string;
  action: string;
  status: string;
  attempt: number;
  error: string | null;
}

export interface ConnectorView {
  key: string;
  type: string;
  configured: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  config: Record<string, unknown>;
  /** Names of the secrets that are set, each "********": values never come back. */
  secrets: Record<string, string>;
  missingSecrets: string[];
  inboundUrl: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
  lastDelivery: LastDelivery | null;
}

export interface ConnectorTypeInfo {
  type: string;
  version: string;
  label: LocalizedLabel;
  description: LocalizedLabel;
  configSchema: Record<string, unknown> | boolean;
  secrets: Array<{ name: string; required: boolean; description: LocalizedLabel }>;
  anySecrets: boolean;
  actions: Array<{ name: string; label: LocalizedLabel | null }>;
  channel: string | null;
}

export interface PutConnectorBody {
  type: string;
  config?: Record<string, unknown>;
  /** Omitted names keep their value; null removes one. */
  secrets?: Record<string, string | null>;
  enabled?: boolean;
}

export interface ConnectorTestResult {
  ok: boolean;
  status: 'delivered' | 'retry' | 'dead';
  message: string;
  code: string | null;
  durationMs: number;
}

export interface ConnectorDelivery {
  id: number;
  at: string;
  action: string;
  status: string;
  attempt: number;
  idempotencyKey: string;
  instanceId: string | null;
  subject: string | null;
  error: string | null;
  durationMs: number;
}

export interface OutboxEntry {
  id: string;
  type: string;
  status: string;
  attempts: number;
  idempotencyKey: string;
  lastError: string | null;
}

type Method = 'GET' | 'PUT' | 'POST';

async function send<T>(token: string | null, locale: string, method: Method, path: string, body?: unknown): Promise<T> {
  const request = `${method} /api${path}`;
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A replay or a test is not to be applied twice when the network repeats it.
  if (method === 'POST') headers['idempotency-key'] = globalThis.crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl()}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (cause) {
    throw new BatonApiError({ status: 0, code: 'BATON_E_NETWORK', message: `${request} failed: ${String(cause)}`, request, cause });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  const error = (parsed as { error?: { code?: string; message?: string; path?: string; issues?: never[] } } | undefined)?.error;
  if (error?.code) throw new BatonApiError({ status: response.status, code: error.code, message: error.message ?? error.code, path: error.path, issues: error.issues ?? [], request });
  throw new BatonApiError({ status: response.status, code: 'BATON_E_UNEXPECTED_RESPONSE', message: `${request} answered ${response.status}: ${text.slice(0, 200)}`, request });
}

const seg = encodeURIComponent;

export function connectorsApi(token: string | null, locale: string) {
  return {
    list: () => send<ConnectorList>(token, locale, 'GET', '/connectors'),
    types: () => send<{ items: ConnectorTypeInfo[] }>(token, locale, 'GET', '/connector-types'),
    get: (key: string) => send<ConnectorView>(token, locale, 'GET', `/connectors/${seg(key)}`),
    save: (key: string, body: PutConnectorBody) => send<ConnectorView>(token, locale, 'PUT', `/connectors/${seg(key)}`, body),
    test: (key: string) => send<ConnectorTestResult>(token, locale, 'POST', `/connectors/${seg(key)}/test`),
    deliveries: (key: string, limit = 50) => send<{ items: ConnectorDelivery[] }>(token, locale, 'GET', `/connectors/${seg(key)}/deliveries?limit=${limit}`),
    /** Dead letters of the outbox (admin): a connector's dead deliveries are replayed through them. */
    deadLetters: () => send<{ items: OutboxEntry[] }>(token, locale, 'GET', '/outbox?status=dead&limit=500'),
    replay: (outboxId: string, comment: string) => send<OutboxEntry>(token, locale, 'POST', `/outbox/${seg(outboxId)}/replay`, { comment }),
  };
}

export type ConnectorsApi = ReturnType<typeof connectorsApi>;

/** The connector calls for the signed-in user, in the UI's language (server messages come back in it). */
export function useConnectorsApi(): ConnectorsApi {
  const token = useSession((s) => s.token);
  const { locale } = useLocalized();
  return useMemo(() => connectorsApi(token, locale), [token, locale]);
}
