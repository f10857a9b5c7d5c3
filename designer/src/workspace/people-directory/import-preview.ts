import type { DirectoryImportPreview, KeepableUserField } from '@baton/client';
import type { CsvField } from './directory-csv-columns.js';
import type { ShownProblem } from './import-problem-table.js';
import type { ImportProblem } from './import-problems.js';
import { locateIssue, type ImportSource } from './import-source.js';
import { problemsOfIssues } from './server-issues.js';

/** What the import would do, as the server's dry run counted it. */
export type ImportCounts = Pick<DirectoryImportPreview, 'users' | 'departments'>;

/** One entry the import would add or change, located in the file. */
export interface ShownChange {
  line: number | null;
  entry: { list: 'users' | 'departments'; index: number } | null;
  id: string;
  action: 'insert' | 'update';
  /** The columns (as headed in the file) whose values change. */
  columns: string[];
}

/** The dry run's changes as rows of the file: its line and the headers of the fields that change. */
export function changesOfPreview(preview: Pick<DirectoryImportPreview, 'changes'>, source: ImportSource): ShownChange[] {
  return preview.changes.map((c) => {
    const where = locateIssue(`/${c.list}/${c.index}`, source);
    const headers = c.list === 'users' ? source.userColumns : source.departmentColumns;
    return { line: where.line, entry: where.entry, id: c.id, action: c.action, columns: c.fields.map((f) => (source.kind === 'csv' ? headers[f] ?? f : f)) };
  });
}

/**
 * The file's own problems (worded here) and the server's (worded there), one list by line: a server issue
 * at a place where the file check already found one (a bad email both saw) is not repeated.
 */
export function mergeProblems(local: readonly ImportProblem[], server: DirectoryImportPreview['issues'], source: ImportSource): ShownProblem[] {
  const place = (p: { line: number | null; entry?: { list: string; index: number } | undefined; column: string | null }) =>
    `${p.line !== null ? `line ${p.line}` : p.entry ? `${p.entry.list} ${p.entry.index}` : ''}|${p.column ?? ''}`;
  const seen = new Set(local.map(place));
  const fromServer = problemsOfIssues(server, source).filter((p) => !seen.has(place(p)));
  // Whole-file problems first, then by line (CSV) or entry (JSON).
  const order = (p: ShownProblem) => p.line ?? (p.entry ? p.entry.index : -1);
  return [...local, ...fromServer].sort((a, b) => order(a) - order(b));
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
