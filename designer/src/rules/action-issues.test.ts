import { createRegistry, validateDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { issuesOutsidePanel, schemaAt, shownProperties, specificIssues } from './action-issues.js';

const catalogue = createRegistry().describe();
const paramsOf = (type: string) => catalogue.actions.find((a) => a.type === type)!.paramsSchema;
const words = { text: 'Write this text in at least one language.', assignee: 'Finish this entry.' };

/** What the designer's engine worker reports for a rule with one action of these params. */
function issuesFor(type: string, params: unknown) {
  const result = validateDefinition({ kind: 'rule', key: 'r', version: 1, title: 'R', trigger: { type: 'flow-started' }, actions: [{ type, params }] });
  return result.errors.map((e) => ({ code: e.code, path: e.path, message: e.message }));
}

describe('an action panel\'s issues', () => {
  it('rewords the engine\'s "one of the allowed shapes" for a text and a person row into what to do', () => {
    const raw = issuesFor('notify', { to: [null], title: 5 });
    expect(raw.map((i) => [i.path, i.code])).toEqual([
      ['/actions/0/params/title', 'BATON_E_SCHEMA_ONE_OF'],
      ['/actions/0/params/to/0', 'BATON_E_SCHEMA_ONE_OF'],
    ]);
    expect(specificIssues(raw, paramsOf('notify'), '/actions/0/params', words).map((i) => [i.path, i.message])).toEqual([
      ['/actions/0/params/title', words.text],
      ['/actions/0/params/to/0', words.assignee],
    ]);
  });

  it('drops a union summary when a more specific issue says what is wrong under it, and keeps other issues as they are', () => {
    const issues = [
      { code: 'BATON_E_SCHEMA_ONE_OF', path: '/actions/1/params/to/0', message: 'shapes' },
      { code: 'BATON_E_SCHEMA_MIN_LENGTH', path: '/actions/1/params/to/0/id', message: 'Make this text at least 1 characters long.' },
      { code: 'BATON_E_SCHEMA_REQUIRED', path: '/actions/1/params/title', message: 'Add the required property "title".' },
    ];
    expect(specificIssues(issues, paramsOf('notify'), '/actions/1/params', words)).toEqual(issues.slice(1));
  });

  it('keeps a union summary it cannot explain (outside the params, or an unknown shape)', () => {
    const outside = { code: 'BATON_E_SCHEMA_ONE_OF', path: '/actions/0/when', message: 'shapes' };
    const unknown = { code: 'BATON_E_SCHEMA_ANY_OF', path: '/actions/0/params/nothing', message: 'shapes' };
    expect(specificIssues([outside, unknown], paramsOf('notify'), '/actions/0/params', words)).toEqual([outside, unknown]);
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

  it('finds the schema of a list entry and of a nested property', () => {
    expect(schemaAt(paramsOf('notify'), '/to/3')?.oneOf).toBeDefined();
    expect(schemaAt(paramsOf('notify'), '/missing')).toBeUndefined();
  });
});
