import { BatonApiError } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine/engine-client.js';
import { isNotVisible } from './error-panel.js';
import { toDisplayError } from './to-display-error.js';

describe('errors as the panel shows them', () => {
  it('keeps the API’s code, path, message, request and extra issues', () => {
    const err = new BatonApiError({
      status: 422,
      code: 'BATON_E_DEFINITION_INVALID',
      message: 'Fix the definition',
      path: '/nodes/1/config',
      request: 'POST /api/definitions',
      issues: [
        { code: 'BATON_E_DEFINITION_INVALID', path: '/nodes/1/config', message: 'Fix the definition' },
        { code: 'BATON_E_FLOW_NO_ASSIGNEES', path: '/nodes/1/config/assignees', message: 'Add assignees' },
      ],
    });
    expect(toDisplayError(err)).toEqual({
      source: 'api',
      code: 'BATON_E_DEFINITION_INVALID',
      path: '/nodes/1/config',
      message: 'Fix the definition',
      request: 'POST /api/definitions',
      status: 422,
      issues: [{ code: 'BATON_E_FLOW_NO_ASSIGNEES', path: '/nodes/1/config/assignees', message: 'Add assignees' }],
    });
  });

  it('shows engine errors and plain failures with a code too', () => {
    const engineError = new EngineError({ code: 'BATON_E_SIM_INVALID_SCENARIO', message: 'Bad step', path: '/steps/0', issues: [] });
    expect(toDisplayError(engineError)).toMatchObject({ source: 'engine', code: 'BATON_E_SIM_INVALID_SCENARIO', path: '/steps/0' });
    expect(toDisplayError(new Error('boom'))).toEqual({ source: 'app', code: 'BATON_E_DESIGNER', path: '', message: 'boom', issues: [] });
    expect(toDisplayError('odd')).toMatchObject({ message: 'odd' });
  });
});

describe('what the error panel says first', () => {
  const apiError = (status: number, request = 'GET /api/instances/abc') =>
    toDisplayError(new BatonApiError({ status, code: 'BATON_E_INSTANCE_NOT_FOUND', message: 'There is no instance abc', path: '', request, issues: [] }));
  it('treats a 404 as "not there or not yours" (the server hides what one may not see)', () => {
    expect(isNotVisible(apiError(404))).toBe(true);
    expect(isNotVisible(apiError(422))).toBe(false);
    expect(isNotVisible(apiError(403))).toBe(false);
    expect(isNotVisible(toDisplayError(new Error('boom')))).toBe(false);
  });
});
