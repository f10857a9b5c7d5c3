import type { ApiIssue } from './types/common.js';

/**
 * An error answer from the Baton API (or no answer at all). `code` is the server's catalogue code
 * (BATON_E_…); `path` is the JSON Pointer of the offending value; `issues` lists every problem found.
 * Transport failures have status 0 and code BATON_E_NETWORK; answers that are not Baton's error body
 * (a proxy's HTML page) have code BATON_E_UNEXPECTED_RESPONSE.
 */
export class BatonApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string;
  readonly issues: ApiIssue[];
  /** The request that failed, e.g. "POST /api/packs/import". */
  readonly request: string;
  /** Seconds from Retry-After (429, 503), when the server sent it. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    path?: string;
    issues?: ApiIssue[];
    request: string;
    retryAfter?: number | undefined;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'BatonApiError';
    this.status = init.status;
    this.code = init.code;
    this.path = init.path ?? '';
    this.issues = init.issues ?? [];
    this.request = init.request;
    this.retryAfter = init.retryAfter;
  }
}

export function isBatonApiError(value: unknown): value is BatonApiError {
  return value instanceof BatonApiError;
}
