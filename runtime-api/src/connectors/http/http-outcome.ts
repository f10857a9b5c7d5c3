import type { ActionResult } from '../connector-type.js';
import { ConnectorFailure } from '../connector-failure.js';
import type { HttpExchange } from './connector-http.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; capped at a day, undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now: Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, DAY_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now.getTime(), 0), DAY_MS);
}

/** A failure as an action result: dead unless transient; the code and params travel along for the API. */
export function failureResult(failure: ConnectorFailure): ActionResult {
  const base = { error: failure.message, code: failure.code, params: failure.params, ...(failure.log ? { log: failure.log } : {}) };
  if (failure.options.retry) {
    return { status: 'retry', ...base, ...(failure.options.retryAfterMs !== undefined ? { retryAfterMs: failure.options.retryAfterMs } : {}) };
  }
  return { status: 'dead', ...base, ...(failure.options.disable ? { disable: true } : {}) };
}

/** Turns anything an action threw into a result: ConnectorFailure keeps its verdict; anything else is retried. */
export function resultOfError(err: unknown): ActionResult {
  if (err instanceof ConnectorFailure) return failureResult(err);
  const message = err instanceof Error ? err.message : String(err);
  return { status: 'retry', error: `unexpected connector error: ${message}` };
}

function snippet(exchange: HttpExchange): string {
  const body = exchange.log.response?.body;
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || 'no body';
}

/**
 * The verdict on an HTTP answer, shared by every HTTP connector: 2xx delivered; 3xx dead (redirects are
 * never followed); 410 dead and the connector disabled; 408/425/429/5xx retried, honouring Retry-After;
 * any other 4xx dead with the peer's own words.
 */
export function classifyExchange(exchange: HttpExchange, now: Date): ActionResult | 'ok' {
  const { status } = exchange;
  if (status >= 200 && status < 300) return 'ok';
  const withLog = (failure: ConnectorFailure) => {
    failure.log = exchange.log;
    return failureResult(failure);
  };
  if (status >= 300 && status < 400) {
    const location = exchange.log.response?.headers?.location ?? 'nowhere';
    return withLog(new ConnectorFailure('BATON_E_PEER_REDIRECT', { status, location }));
  }
  if (status === 410) return withLog(new ConnectorFailure('BATON_E_PEER_GONE', {}, { disable: true }));
  const retryAfterMs = parseRetryAfter(exchange.headers['retry-after'], now);
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return withLog(new ConnectorFailure('BATON_E_PEER_UNAVAILABLE', { detail: `HTTP ${status}` }, { retry: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }));
  }
  return withLog(new ConnectorFailure('BATON_E_PEER_REJECTED', { status, detail: snippet(exchange) }));
}

/** classifyExchange, with `ok` turned into a delivered result carrying the exchange's log. */
export function resultOfExchange(exchange: HttpExchange, now: Date, ok: Omit<Extract<ActionResult, { status: 'ok' }>, 'status'> = {}): ActionResult {
  const verdict = classifyExchange(exchange, now);
  return verdict === 'ok' ? { status: 'ok', log: exchange.log, ...ok } : verdict;
}
