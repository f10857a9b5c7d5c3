import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { HostResolver } from '../../connectors/connector-type.js';
import { ConnectorFailure } from '../../connectors/connector-failure.js';
import { createConnectorHttp } from '../../connectors/http/connector-http.js';
import { Redactor } from '../../connectors/http/redactor.js';
import { ApiError } from '../../errors/api-error.js';
import './oidc-errors.js';

export interface OidcFetchOptions {
  allowHosts: readonly string[];
  resolve: HostResolver;
  timeoutMs: number;
  /** Values never to appear in an error message (the client secret). */
  secrets: readonly string[];
}

/** What openid-client / oauth4webapi hand to a custom fetch. */
type FetchInit = { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal };

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('unsupported request body for the identity provider');
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * The fetch openid-client uses for discovery, JWKS and the token endpoint: the connectors' HTTP client, so
 * every call to the provider passes the SSRF guard (global addresses only, unless the host is in the OIDC
 * allowHosts), connects to the address it checked, follows no redirect, times out and reads a bounded body.
 */
export function oidcFetch(options: OidcFetchOptions) {
  return async (url: string, init: FetchInit): Promise<Response> => {
    const method = init.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw new TypeError(`unsupported method ${method} for the identity provider`);
    const redactor = new Redactor(options.secrets);
    const controller = new AbortController();
    init.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const http = createConnectorHttp({
      baseUrl: undefined,
      allowHosts: options.allowHosts,
      timeoutMs: options.timeoutMs,
      resolve: options.resolve,
      idempotencyKey: randomUUID(),
      redactor,
      signal: controller.signal,
      maxResponseBytes: 1024 * 1024,
    });
    const body = bodyText(init.body);
    let exchange;
    try {
      exchange = await http.request({ method, url, headers: init.headers, ...(body !== undefined ? { body } : {}) });
    } catch (err) {
      if (err instanceof ConnectorFailure) {
        if (err.code === 'BATON_E_SSRF_BLOCKED') throw new ApiError('BATON_E_OIDC_HOST_BLOCKED', err.params);
        throw new ApiError('BATON_E_OIDC_PROVIDER_UNREACHABLE', { url: redactor.url(url), reason: redactor.text(err.message) });
      }
      throw err;
    }
    const status = exchange.status;
    const nullBody = status === 204 || status === 304 || status < 200;
    return new Response(nullBody ? null : exchange.text, { status: status >= 200 && status <= 599 ? status : 502, headers: toHeaders(exchange.headers) });
  };
}
