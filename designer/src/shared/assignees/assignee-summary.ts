import type { Assignee } from './assignees-editor.js';

/** The words a summary is built from, in the UI's language. */
export interface SummaryWords {
  /** The kind's own name ("Role", "The initiator"). */
  kind: (kind: Assignee['kind']) => string;
  /** Shown for a row whose person, role or field is not chosen yet. */
  notChosen: string;
  /** "{kind}: {what}", e.g. "Manager of: employeeId". */
  join: (kind: string, what: string) => string;
}

/**
 * One assignee in a few words, for the row's heading and its remove button's name: the person's name
 * (looked up; the id until then), the role, the field. Never an empty string.
 */
export function summarizeAssignee(a: Assignee, nameOf: (id: string) => string | undefined, words: SummaryWords): string {
  const kind = words.kind(a.kind);
  switch (a.kind) {
    case 'user':
      return words.join(kind, a.id ? (nameOf(a.id) ?? a.id) : words.notChosen);
    case 'role':
      return words.join(kind, a.role || words.notChosen);
    case 'department':
      return words.join(kind, a.id || words.notChosen);
    case 'field':
      return words.join(kind, a.path || words.notChosen);
    case 'manager-of':
    case 'department-head-of': {
      const of = a.path || (a.user ? (nameOf(a.user) ?? a.user) : '');
      return of ? words.join(kind, of) : kind;
    }
    default:
      return kind;
  }
}

/** The user ids a list names directly, for looking their names up in one go. */
export function assigneeUserIds(list: readonly Assignee[]): string[] {
  return list.flatMap((a) => (a.kind === 'user' && a.id ? [a.id] : (a.kind === 'manager-of' || a.kind === 'department-head-of') && a.user ? [a.user] : []));
}
