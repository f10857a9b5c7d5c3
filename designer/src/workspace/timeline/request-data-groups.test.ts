import type { FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { requestGroups } from './request-data-groups.js';

const form = (key: string, fields: string[], sections?: FormDefinition['sections']): FormDefinition => ({
  kind: 'form', key, version: 1, title: key, fields: fields.map((k) => ({ key: k, type: 'text', label: k })), ...(sections ? { sections } : {}),
});

describe('the request laid out like its forms', () => {
  it('follows the start form’s sections, then each step’s form, then keys no form declares', () => {
    const start = form('request', ['note', 'employeeId', 'lastDay', 'reason'], [{ key: 'leaving', title: 'Leaving', fields: ['employeeId', 'lastDay', 'reason'] }]);
    const interview = form('exit-interview', ['employeeId', 'rating', 'comments']);
    const data = { employeeId: 'e', lastDay: '2026-12-01', note: 'n', rating: 4, extra: true };
    const groups = requestGroups(start, [interview], data);
    expect(groups.map((g) => [g.key, g.title, g.fields.map((f) => f.key)])).toEqual([
      ['start', null, ['note']],
      ['section-leaving', 'Leaving', ['employeeId', 'lastDay']],
      // employeeId is shown once, in the request; the hidden or unfilled "reason" and "comments" not at all.
      ['form-exit-interview', 'exit-interview', ['rating']],
      ['other', 'other', ['extra']],
    ]);
    expect(groups[3]!.fields[0]!.field).toBeUndefined();
  });

  it('shows nothing for data the reader may not see, and everything as "other" when no form could be read', () => {
    expect(requestGroups(form('request', ['a']), [], {})).toEqual([]);
    expect(requestGroups(undefined, [], { b: 1, a: 2 }).map((g) => g.fields.map((f) => f.key))).toEqual([['a', 'b']]);
  });
});
