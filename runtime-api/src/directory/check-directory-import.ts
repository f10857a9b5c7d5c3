import { issue, pointer, type Issue, type Locale } from '@baton/engine';
import type { DirectoryImport } from './directory-schemas.js';
import './directory-errors.js';

export interface ExistingDirectory {
  departmentIds: ReadonlySet<string>;
  userIds: ReadonlySet<string>;
  /** Current manager of each stored user, for cycles that run through users not in this import. */
  managerOf: ReadonlyMap<string, string | null>;
  parentOf: ReadonlyMap<string, string | null>;
}

function findCycles(
  entries: Array<{ id: string; next: string | undefined; path: string }>,
  stored: ReadonlyMap<string, string | null>,
  relation: 'manager' | 'parent',
  locale: Locale,
): Issue[] {
  const next = new Map<string, string | null>(stored);
  for (const e of entries) if (e.id) next.set(e.id, e.next ?? null);
  const issues: Issue[] = [];
  for (const e of entries) {
    if (!e.id) continue;
    const seen = new Set<string>([e.id]);
    let current = next.get(e.id) ?? null;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      current = next.get(current) ?? null;
    }
    if (current === e.id) {
      issues.push(issue('BATON_E_DIRECTORY_CYCLE', e.path, { id: e.id, relation, relationZh: relation === 'manager' ? '上级' : '上级部门' }, locale));
    }
  }
  return issues;
}

/**
 * Checks what a schema cannot: unique ids, references to departments and users that exist (in this import
 * or already stored), and no manager or department cycles. All issues at once, each with its path.
 */
export function checkDirectoryImport(input: DirectoryImport, existing: ExistingDirectory, locale: Locale): Issue[] {
  const issues: Issue[] = [];
  const departments = input.departments ?? [];
  const users = input.users ?? [];

  const firstDept = new Map<string, string>();
  // An empty id is an entry the schema refused (a dry run checks what it can of such a body): not a duplicate.
  departments.forEach((d, i) => {
    if (!d.id) return;
    const at = pointer('departments', i, 'id');
    const first = firstDept.get(d.id);
    if (first) issues.push(issue('BATON_E_DIRECTORY_DUPLICATE_ID', at, { id: d.id, first }, locale));
    else firstDept.set(d.id, at);
  });
  const firstUser = new Map<string, string>();
  users.forEach((u, i) => {
    if (!u.id) return;
    const at = pointer('users', i, 'id');
    const first = firstUser.get(u.id);
    if (first) issues.push(issue('BATON_E_DIRECTORY_DUPLICATE_ID', at, { id: u.id, first }, locale));
    else firstUser.set(u.id, at);
  });

  const deptExists = (id: string) => firstDept.has(id) || existing.departmentIds.has(id);
  const userExists = (id: string) => firstUser.has(id) || existing.userIds.has(id);

  departments.forEach((d, i) => {
    if (d.parentId !== undefined && !deptExists(d.parentId)) {
      issues.push(issue('BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT', pointer('departments', i, 'parentId'), { id: d.parentId }, locale));
    }
    if (d.headId !== undefined && !userExists(d.headId)) {
      issues.push(issue('BATON_E_DIRECTORY_UNKNOWN_USER', pointer('departments', i, 'headId'), { id: d.headId }, locale));
    }
  });
  users.forEach((u, i) => {
    if (u.departmentId !== undefined && !deptExists(u.departmentId)) {
      issues.push(issue('BATON_E_DIRECTORY_UNKNOWN_DEPARTMENT', pointer('users', i, 'departmentId'), { id: u.departmentId }, locale));
    }
    if (u.managerId !== undefined && !userExists(u.managerId)) {
      issues.push(issue('BATON_E_DIRECTORY_UNKNOWN_USER', pointer('users', i, 'managerId'), { id: u.managerId }, locale));
    }
  });

  issues.push(
    ...findCycles(
      users.map((u, i) => ({ id: u.id, next: u.managerId, path: pointer('users', i, 'managerId') })),
      existing.managerOf,
      'manager',
      locale,
    ),
    ...findCycles(
      departments.map((d, i) => ({ id: d.id, next: d.parentId, path: pointer('departments', i, 'parentId') })),
      existing.parentOf,
      'parent',
      locale,
    ),
  );
  return issues;
}
