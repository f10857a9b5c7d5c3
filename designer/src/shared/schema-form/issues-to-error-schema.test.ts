import { describe, expect, it } from 'vitest';
import { issuesToErrorSchema } from './issues-to-error-schema.js';

describe('engine issues → rjsf error tree', () => {
  it('puts each message under its path relative to the panel, once', () => {
    const issues = [
      { path: '/nodes/2/config/assignees/0/id', message: 'Add an id' },
      { path: '/nodes/2/config/mode', message: 'Pick a mode' },
      { path: '/nodes/2/config/mode', message: 'Pick a mode' },
      { path: '/nodes/20/config/mode', message: 'other node' },
      { path: '/nodes/2/config', message: 'whole config' },
      { path: '/nodes/2/config/a~1b', message: 'escaped' },
    ];
    expect(issuesToErrorSchema(issues, '/nodes/2/config')).toEqual({
      __errors: ['whole config'],
      assignees: { 0: { id: { __errors: ['Add an id'] } } },
      mode: { __errors: ['Pick a mode'] },
      'a/b': { __errors: ['escaped'] },
    });
  });
});
