import { createRegistry } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { isAssigneeUnion, isLocalizedTextUnion, issuesOutsidePanel, shownProperties, withoutCoveredUnions } from './action-issues.js';

const catalogue = createRegistry().describe();
const paramsOf = (type: string) => catalogue.actions.find((a) => a.type === type)!.paramsSchema as { properties: Record<string, Record<string, unknown>> };

describe('an action panel\'s issues', () => {
  it('drops a union summary when a more specific issue says what is wrong under it, and keeps other issues as they are', () => {
    const issues = [
      { code: 'BATON_E_SCHEMA_ONE_OF', path: '/actions/1/params/to/0', message: 'shapes' },
      { code: 'BATON_E_SCHEMA_MIN_LENGTH', path: '/actions/1/params/to/0/id', message: 'Make this text at least 1 characters long.' },
      { code: 'BATON_E_SCHEMA_REQUIRED', path: '/actions/1/params/title', message: 'Add the required property "title".' },
    ];
    expect(withoutCoveredUnions(issues)).toEqual(issues.slice(1));
  });

  it('keeps a union summary nothing more specific explains', () => {
    const outside = { code: 'BATON_E_SCHEMA_ONE_OF', path: '/actions/0/when', message: 'shapes' };
    const sibling = { code: 'BATON_E_SCHEMA_REQUIRED', path: '/actions/0/whenever', message: 'x' };
    expect(withoutCoveredUnions([outside, sibling])).toEqual([outside, sibling]);
  });

  it('tells a text per language and a person row apart from other unions', () => {
    const notify = paramsOf('notify');
    expect(isLocalizedTextUnion(notify.properties.title!)).toBe(true);
    expect(isAssigneeUnion((notify.properties.to as { items: Record<string, unknown> }).items)).toBe(true);
    expect(isAssigneeUnion(notify.properties.title!)).toBe(false);
  });

  it('shows above the panel only what the panel cannot show at a field of its own', () => {
    const shown = shownProperties(paramsOf('create-task'), ['fallbackAssignees']);
    expect(shown).toContain('title');
    expect(shown).not.toContain('fallbackAssignees');
    const issues = [
      { code: 'BATON_E_SCHEMA_REQUIRED', path: '/actions/0/params/title', message: 'title' },
      { code: 'BATON_E_SCHEMA_MIN_LENGTH', path: '/actions/0/params/assignees/0/role', message: 'role' },
      { code: 'BATON_E_RULE_BAD_EXPRESSION', path: '/actions/0/when', message: 'when' },
    ];
    expect(issuesOutsidePanel(issues, '/actions/0/params', shown).map((i) => i.message)).toEqual(['role', 'when']);
  });
});
