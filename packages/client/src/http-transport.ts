import { BatonApiError } from './baton-api-error.js';
import type { ErrorBody, Locale } from './types/common.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  token?: string | undefined;
  locale?: Locale | undefined;
  fetch?: FetchLike | undefined;
  /** Idempotency-Key on state-changing POSTs: "auto" (default) generates one per call; "off" sends none. */
  idempotency?: 'auto' | 'off';
  /**
   * Retries after a network failure, 503 or 429 — only for GETs and for POSTs that carry an
   * Idempotency-Key, where a retry cannot apply a change twice. Default 2.
   */
  retries?: number;
  /** Delay before the first retry, doubled each time (Retry-After wins when larger). Default 200 ms. */
  retryDelayMs?: number;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
  /** A key of your own (e.g. stored with the job that sends it), or false for none on this call. */
  idempotencyKey?: string | false;
  locale?: Locale;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** An array value repeats the parameter (`?id=a&id=b`). */
  query?: Record<string, string | number | boolean | readonly string[] | undefined> | undefined;
  body?: unknown;
  /** multipart bodies (files) go as they are. */
  form?: FormData;
  /** POSTs that change nothing (report runs) send no Idempotency-Key. */
  idempotent?: boolean;
  /** What to read from the answer. */
  expect?: 'json' | 'bytes';
}

const RETRYABLE_STATUS = new Set([429, 503]);
const MAX_RETRY_WAIT_MS = 5_000;

function queryString(query: RequestSpec['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? seconds : undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

async function errorFrom(response: Response, request: string): Promise<BatonApiError> {
  const text = await response.text();
  let body: Partial<ErrorBody> | undefined;
  try {
    body = JSON.parse(text) as Partial<ErrorBody>;
  } catch {
    body = undefined;
  }
  const retryAfter = retryAfterSeconds(response);
  const error = body?.error;
  if (error && typeof error.code === 'string') {
    return new BatonApiError({ status: response.status, code: error.code, message: error.message, path: error.path, issues: error.issues ?? [], request, retryAfter });
  }
  return new BatonApiError({
    status: response.status,
    code: 'BATON_E_UNEXPECTED_RESPONSE',
    message: `${request} answered ${response.status} ${response.statusText} without a Baton error body: ${text.slice(0, 200)}`,
    request,
    retryAfter,
  });
}

export interface Transport {
  send<T>(spec: RequestSpec, options?: CallOptions): Promise<{ body: T; response: Response }>;
  readonly baseUrl: string;
}

export function createTransport(options: TransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;

  async function send<T>(spec: RequestSpec, call: CallOptions = {}): Promise<{ body: T; response: Response }> {
    const url = `${baseUrl}/api${spec.path}${queryString(spec.query)}`;
    const request = `${spec.method} /api${spec.path}`;
    const headers: Record<string, string> = { accept: spec.expect === 'bytes' ? '*/*' : 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const locale = call.locale ?? options.locale;
    if (locale) headers['accept-language'] = locale;
    // One key per call, reused by its retries: the server then applies the change at most once.
    const wantsKey = spec.method === 'POST' && spec.idempotent !== true && call.idempotencyKey !== false;
    const key = !wantsKey ? undefined : call.idempotencyKey || (options.idempotency === 'off' ? undefined : globalThis.crypto.randomUUID());
    if (key) headers['idempotency-key'] = key;
    let body: RequestInit['body'];
    if (spec.form) body = spec.form;
    else if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    const mayRetry = spec.method === 'GET' || key !== undefined || spec.idempotent === true;

    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        response = await doFetch(url, { method: spec.method, headers, body, ...(call.signal ? { signal: call.signal } : {}) });
      } catch (cause) {
        if (call.signal?.aborted) throw cause;
        if (mayRetry && attempt < retries) {
          await sleep(retryDelayMs * 2 ** attempt, call.signal);
          continue;
        }
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new BatonApiError({ status: 0, code: 'BATON_E_NETWORK', message: `${request} failed: ${reason}`, request, cause });
      }
      if (response.ok) {
        if (spec.expect === 'bytes') return { body: new Uint8Array(await response.arrayBuffer()) as T, response };
        const text = await response.text();
        return { body: (text ? JSON.parse(text) : undefined) as T, response };
      }
      const wait = Math.max(retryDelayMs * 2 ** attempt, (retryAfterSeconds(response) ?? 0) * 1000);
      // A long Retry-After (a rate limit window) is the caller's decision, not a silent stall.
      if (mayRetry && attempt < retries && RETRYABLE_STATUS.has(response.status) && wait <= MAX_RETRY_WAIT_MS) {
        await response.body?.cancel();
        await sleep(wait, call.signal);
        continue;
      }
      throw await errorFrom(response, request);
    }
  }
  return { send, baseUrl };
}
