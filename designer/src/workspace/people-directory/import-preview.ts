import type { DirectoryImport, KeepableUserField } from '@baton/client';
import type { CsvField } from './directory-csv-columns.js';
import type { ImportProblem } from './import-problems.js';
import { locateIssue, type ImportSource } from './import-source.js';

/** The directory's ids an import is compared with (looked up for the ids the file names). */
export interface KnownDirectory {
  userIds: ReadonlySet<string>;
  departmentIds: ReadonlySet<string>;
}

export interface ImportCounts {
  users: { inserted: number; updated: number };
  departments: { inserted: number; updated: number };
}

/** Every user id an import names (its people, their managers, department heads): what to look up. */
export function userIdsNamed(body: DirectoryImport): string[] {
  const ids = new Set<string>();
  for (const u of body.users ?? []) {
    if (u.id) ids.add(u.id);
    if (u.managerId) ids.add(u.managerId);
  }
  for (const d of body.departments ?? []) if (d.headId) ids.add(d.headId);
  return [...ids];
}

/** How many people and departments the import would add and how many it would change (matched by id). */
export function countChanges(body: DirectoryImport, known: KnownDirectory): ImportCounts {
  const count = (ids: string[], stored: ReadonlySet<string>) => {
    const distinct = [...new Set(ids)];
    const updated = distinct.filter((id) => stored.has(id)).length;
    return { inserted: distinct.length - updated, updated };
  };
  return {
    users: count((body.users ?? []).map((u) => u.id), known.userIds),
    departments: count((body.departments ?? []).map((d) => d.id), known.departmentIds),
  };
}

function at(path: string, source: ImportSource, code: ImportProblem['code'], params: ImportProblem['params']): ImportProblem {
  const where = locateIssue(path, source);
  return { line: where.line, ...(where.entry ? { entry: where.entry } : {}), column: where.column, code, params };
}

/**
 * What the server would refuse about references, found before sending: a manager, head or department that
 * is neither in the file nor in the directory. The same rule as runtime-api's check-directory-import.
 */
export function referenceProblems(body: DirectoryImport, known: KnownDirectory, source: ImportSource): ImportProblem[] {
  const users = new Set([...(body.users ?? []).map((u) => u.id), ...known.userIds]);
  const departments = new Set([...(body.departments ?? []).map((d) => d.id), ...known.departmentIds]);
  const problems: ImportProblem[] = [];
  (body.users ?? []).forEach((u, i) => {
    if (u.managerId && !users.has(u.managerId)) problems.push(at(`/users/${i}/managerId`, source, 'unknownManager', { id: u.managerId }));
    if (u.departmentId && !departments.has(u.departmentId)) problems.push(at(`/users/${i}/departmentId`, source, 'unknownDepartment', { id: u.departmentId }));
  });
  (body.departments ?? []).forEach((d, i) => {
    if (d.parentId && !departments.has(d.parentId)) problems.push(at(`/departments/${i}/parentId`, source, 'unknownDepartment', { id: d.parentId }));
    if (d.headId && !users.has(d.headId)) problems.push(at(`/departments/${i}/headId`, source, 'unknownManager', { id: d.headId }));
  });
  return problems;
}

/** The fields of a stored person a CSV column would set (the department name column sets departmentId). */
const COLUMN_FIELDS: Array<[KeepableUserField, readonly CsvField[]]> = [
  ['email', ['email']],
  ['departmentId', ['departmentId', 'department']],
  ['position', ['position']],
  ['managerId', ['managerId']],
  ['roles', ['roles']],
  ['hireDate', ['hireDate']],
  ['leaveDate', ['leaveDate']],
  ['mobile', ['mobile']],
];

/**
 * An import replaces a person's whole record, so a CSV import asks the server to keep (`keep`) what the file
 * has no column for, and what CSV cannot hold (attributes, switched off): a file of id, name, position only
 * changes positions. The server fills those from the stored people in the import's own transaction, one
 * query for thousands of people. A column that is present but empty still clears the field.
 */
export function keptFields(columns: ReadonlySet<CsvField>): KeepableUserField[] {
  const kept = COLUMN_FIELDS.filter(([, from]) => !from.some((c) => columns.has(c))).map(([field]) => field);
  return [...kept, 'attributes', 'active'];
}
