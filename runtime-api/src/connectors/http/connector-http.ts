import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { DeliveryLog } from '../../workers/outbox-handler.js';
import type { HostResolver } from '../connector-type.js';
import { ConnectorFailure } from '../connector-failure.js';
import type { Redactor } from './redactor.js';
import { parseTargetUrl, pinTarget, type PinnedTarget } from './ssrf-guard.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** An absolute URL, or a path (with query) resolved under the connector's baseUrl. */
  url: string;
  headers?: Record<string, string>;
  /** A JSON body (serialised, content-type set unless given). */
  json?: unknown;
  /** A raw body; wins over `json`. */
  body?: string;
}

export interface HttpExchange {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  durationMs: number;
  /** Request and response with secrets removed, for the delivery log. */
  log: DeliveryLog;
}

/** The only way actions reach a peer: SSRF guard, pinned address, timeout, no redirects, bounded bodies. */
export interface ConnectorHttp {
  request(request: HttpRequest): Promise<HttpExchange>;
  /** The absolute URL a path resolves to (checked to stay on baseUrl's origin). */
  resolveUrl(pathOrUrl: string): string;
}

export interface ConnectorHttpOptions {
  baseUrl: string | undefined;
  allowHosts: readonly string[] | undefined;
  timeoutMs: number;
  resolve: HostResolver;
  /** Sent as `Idempotency-Key` on every request of this delivery (the same on every retry). */
  idempotencyKey: string;
  redactor: Redactor;
  signal: AbortSignal;
  /** Largest response body read (bytes); the rest is dropped. */
  maxResponseBytes?: number;
}

const USER_AGENT = 'Baton-Connector/1';

/** A lookup that answers with the address the guard checked, whatever the system resolver would say now. */
function pinnedLookup(target: PinnedTarget): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

/** Joins a path to baseUrl; a path that would change scheme, host or port is refused. */
export function joinUrl(baseUrl: string | undefined, pathOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) || pathOrUrl.startsWith('//') || pathOrUrl.startsWith('\\')) {
    if (!baseUrl) return pathOrUrl;
    const origin = new URL(baseUrl).origin;
    let target: URL;
    try {
      // Protocol-relative ("//host/x") resolves against baseUrl, so its host is compared too.
      target = new URL(pathOrUrl, baseUrl);
    } catch {
      throw new ConnectorFailure('BATON_E_SSRF_URL_INVALID', { url: pathOrUrl.slice(0, 200) });
    }
    if (target.origin !== origin) throw new ConnectorFailure('BATON_E_SSRF_ORIGIN_CHANGED', { path: pathOrUrl.slice(0, 200), origin });
    return target.toString();
  }
  if (!baseUrl) throw new ConnectorFailure('BATON_E_SSRF_URL_INVALID', { url: pathOrUrl.slice(0, 200) });
  if (pathOrUrl === '') return baseUrl;
  const base = baseUrl.replace(/\/+$/, '');
  const joined = pathOrUrl.startsWith('/') || pathOrUrl.startsWith('?') ? `${base}${pathOrUrl}` : `${base}/${pathOrUrl}`;
  if (new URL(joined).origin !== new URL(baseUrl).origin) {
    throw new ConnectorFailure('BATON_E_SSRF_ORIGIN_CHANGED', { path: pathOrUrl.slice(0, 200), origin: new URL(baseUrl).origin });
  }
  return joined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const LOGGED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'location', 'content-length'];

export function createConnectorHttp(options: ConnectorHttpOptions): ConnectorHttp {
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const { redactor } = options;
  return {
    resolveUrl: (pathOrUrl) => joinUrl(options.baseUrl, pathOrUrl),
    async request(request) {
      // baseUrl as written (joining canonicalises it, which would hide an odd IPv4 spelling).
      if (options.baseUrl) parseTargetUrl(options.baseUrl);
      const absolute = joinUrl(options.baseUrl, request.url);
      const target = await pinTarget(absolute, options.allowHosts, options.resolve);
      const body = request.body ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: 'application/json, */*;q=0.5',
        'idempotency-key': options.idempotencyKey,
        ...(request.json !== undefined && request.body === undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        ...request.headers,
      };
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const requestLog = {
        method: request.method,
        url: redactor.url(target.url.toString()),
        headers: redactor.headers(headers),
        ...(body !== undefined ? { body: redactor.body(body) } : {}),
      };
      const started = performance.now();
      const transport = target.url.protocol === 'https:' ? https : http;
      return new Promise<HttpExchange>((resolve, reject) => {
        let settled = false;
        const fail = (failure: ConnectorFailure) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          failure.log = { request: requestLog, durationMs: Math.round(performance.now() - started) };
          reject(failure);
        };
        const req = transport.request(target.url, {
          method: request.method,
          headers,
          lookup: pinnedLookup(target),
          // No pooled socket: a kept-alive connection could point at an address resolved for another request.
          agent: false,
          signal: options.signal,
        });
        const timer = setTimeout(() => {
          req.destroy();
          fail(new ConnectorFailure('BATON_E_PEER_TIMEOUT', { timeoutMs: options.timeoutMs }, { retry: true }));
        }, options.timeoutMs);
        req.on('error', (err: NodeJS.ErrnoException) => {
          const detail = err.code ?? err.name ?? 'network error';
          fail(new ConnectorFailure('BATON_E_PEER_UNAVAILABLE', { detail: redactor.text(`${detail}: ${err.message}`) }, { retry: true }));
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size >= maxBytes) return;
            size += chunk.length;
            chunks.push(chunk);
            if (size >= maxBytes) res.destroy();
          });
          const finish = () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
            const durationMs = Math.round(performance.now() - started);
            const logged: Record<string, string | string[] | undefined> = {};
            for (const name of LOGGED_RESPONSE_HEADERS) logged[name] = res.headers[name];
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: parseJson(text),
              durationMs,
              log: {
                request: requestLog,
                response: { status: res.statusCode ?? 0, headers: redactor.headers(logged), body: redactor.body(text) },
                durationMs,
              },
            });
          };
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
        });
        if (body !== undefined) req.write(body);
        req.end();
      });
    },
  };
}
