import { BatonError, type Issue } from '@baton/engine';

/**
 * A BatonError that keeps its params and path, so the error handler can render the message again in the
 * caller's locale (BatonError renders it once, in English).
 */
export class ApiError extends BatonError {
  readonly params: Record<string, unknown>;
  readonly path: string;
  constructor(code: string, params: Record<string, unknown> = {}, issues: Issue[] = [], path = '') {
    super(code, params, issues, path);
    this.name = 'ApiError';
    this.params = params;
    this.path = path;
  }
}
