import { BatonApiError } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine/engine-client.js';
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
