import { validateDefinition, type FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { formIssueTarget, itemBase } from './form-issue-targets.js';

const form = {
  kind: 'form',
  key: 'f',
  version: 1,
  title: 'F',
  fields: [
    { key: 'kind', type: 'select', label: 'Kind', config: { options: [] } },
    { key: 'assets', type: 'sub-table', label: 'Assets', fields: [{ key: 'tag', type: 'text', label: 'Tag', visibleIf: { '==': [{ var: 'nothere' }, 1] } }] },
  ],
  sections: [{ title: 'S', fields: ['ghost'] }],
} as unknown as FormDefinition;

describe('form issues → fields', () => {
  it('maps pointers to fields, columns, sections and rules', () => {
    expect(formIssueTarget(form, '/fields/0/config/options')).toEqual({ kind: 'field', itemId: 'kind', base: '/fields/0' });
    expect(formIssueTarget(form, '/fields/1/fields/0/visibleIf')).toEqual({ kind: 'field', itemId: 'assets.tag', base: '/fields/1/fields/0' });
    expect(formIssueTarget(form, '/sections/0/fields/0')).toEqual({ kind: 'section', index: 0 });
    expect(formIssueTarget(form, '/validations/2/assert')).toEqual({ kind: 'validation', index: 2 });
    expect(formIssueTarget(form, '/title')).toEqual({ kind: 'form' });
    expect(itemBase(form, 'assets.tag')).toBe('/fields/1/fields/0');
    expect(itemBase(form, 'nope')).toBeUndefined();
  });

  it('places the engine’s own findings on the field they are about', () => {
    const { errors } = validateDefinition(form);
    expect(errors.length).toBeGreaterThan(0);
    const targets = errors.map((e) => formIssueTarget(form, e.path));
    expect(targets).toContainEqual({ kind: 'field', itemId: 'kind', base: '/fields/0' });
  });
});
