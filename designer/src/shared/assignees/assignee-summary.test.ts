import { describe, expect, it } from 'vitest';
import { assigneeUserIds, summarizeAssignee } from './assignee-summary.js';
import type { Assignee } from './assignees-editor.js';

const words = {
  kind: (k: Assignee['kind']) => ({ initiator: 'The initiator', user: 'Person', role: 'Role', department: 'Department', field: 'Form field', 'manager-of': 'Manager of', 'department-head-of': 'Department head of' })[k],
  notChosen: 'not chosen yet',
  join: (kind: string, what: string) => `${kind}: ${what}`,
};
const names = new Map([['lee', 'Lee Lead']]);
const nameOf = (id: string) => names.get(id);

describe('an assignee in a few words', () => {
  it('names a person by their name, the id while it is unknown, and says when nobody is chosen yet', () => {
    expect(summarizeAssignee({ kind: 'user', id: 'lee' }, nameOf, words)).toBe('Person: Lee Lead');
    expect(summarizeAssignee({ kind: 'user', id: 'zoe' }, nameOf, words)).toBe('Person: zoe');
    expect(summarizeAssignee({ kind: 'user', id: '' }, nameOf, words)).toBe('Person: not chosen yet');
  });

  it('names roles, fields, managers and the initiator', () => {
    expect(summarizeAssignee({ kind: 'role', role: 'finance' }, nameOf, words)).toBe('Role: finance');
    expect(summarizeAssignee({ kind: 'field', path: 'employeeId' }, nameOf, words)).toBe('Form field: employeeId');
    expect(summarizeAssignee({ kind: 'manager-of', path: 'employeeId' }, nameOf, words)).toBe('Manager of: employeeId');
    expect(summarizeAssignee({ kind: 'manager-of', user: 'lee' }, nameOf, words)).toBe('Manager of: Lee Lead');
    expect(summarizeAssignee({ kind: 'department-head-of' }, nameOf, words)).toBe('Department head of');
    expect(summarizeAssignee({ kind: 'initiator' }, nameOf, words)).toBe('The initiator');
  });

  it('lists the user ids whose names the list shows', () => {
    expect(assigneeUserIds([{ kind: 'user', id: 'lee' }, { kind: 'user', id: '' }, { kind: 'role', role: 'it' }, { kind: 'manager-of', user: 'ann' }])).toEqual(['lee', 'ann']);
  });
});
