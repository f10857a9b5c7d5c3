import { isBatonApiError } from '@baton/client';
import { EngineError } from '../engine/engine-client.js';

export interface DisplayIssue {
  code: string;
  path: string;
  message: string;
}

/** What the error panel shows: the catalogue code, the JSON Pointer, the message, every issue. */
export interface DisplayError {
  source: 'api' | 'engine' | 'app';
  code: string;
  path: string;
  message: string;
  issues: DisplayIssue[];
  /** "POST /api/definitions" for API errors. */
  request?: string;
  /** HTTP status (0 = no answer). */
  status?: number;
}

function issuesOf(value: unknown): DisplayIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((i) => {
    if (!i || typeof i !== 'object') return [];
    const { code, path, message } = i as Record<string, unknown>;
    return [{ code: String(code ?? ''), path: String(path ?? ''), message: String(message ?? '') }];
  });
}

/** Turns anything thrown (API error, engine error, a bug) into one shape the UI can render. */
export function toDisplayError(error: unknown): DisplayError {
  if (isBatonApiError(error)) {
    // The first issue often repeats the error itself; keep the list only when it adds something.
    const issues = issuesOf(error.issues).filter((i) => !(i.code === error.code && i.path === error.path && i.message === error.message));
    return { source: 'api', code: error.code, path: error.path, message: error.message, issues, request: error.request, status: error.status };
  }
  if (error instanceof EngineError) {
    const issues = issuesOf(error.issues).filter((i) => !(i.code === error.code && i.path === error.path && i.message === error.message));
    return { source: 'engine', code: error.code, path: error.path, message: error.message, issues };
  }
  if (error instanceof Error) return { source: 'app', code: 'BATON_E_DESIGNER', path: '', message: error.message, issues: [] };
  return { source: 'app', code: 'BATON_E_DESIGNER', path: '', message: String(error), issues: [] };
}
