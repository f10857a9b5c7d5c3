/**
 * Where the entries of an import body came from, so a server issue's JSON Pointer (/users/3/managerId)
 * can be shown as the file's line and column. A JSON file is its own body: entries are named by index.
 */
export interface ImportSource {
  kind: 'csv' | 'json';
  /** File line of users[i] (CSV). */
  userLines: number[];
  /** File line of departments[j], the row that named a new department (CSV). */
  departmentLines: number[];
  /** The header, as written in the file, that a user field came from (CSV). */
  userColumns: Partial<Record<string, string>>;
  /** The header a new department's fields came from (CSV): id from departmentId, name from department. */
  departmentColumns: Partial<Record<string, string>>;
}

/** Where an issue points: the file line (CSV), the entry, the field and the column it was read from. */
export interface IssueLocation {
  line: number | null;
  entry: { list: 'users' | 'departments'; index: number } | null;
  /** The body field the pointer names (after the entry), e.g. "managerId" or "roles/1". */
  field: string | null;
  /** The file's header for that field (CSV), else the field. */
  column: string | null;
}

/** A JSON Pointer's segments, unescaped (~1 → /, ~0 → ~). */
export function pointerSegments(path: string): string[] {
  if (!path.startsWith('/')) return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Maps an issue's path in the import body back to the file line and column it came from. */
export function locateIssue(path: string, source: ImportSource): IssueLocation {
  const [list, indexText, ...rest] = pointerSegments(path);
  const index = indexText !== undefined && /^\d+$/.test(indexText) ? Number(indexText) : null;
  if ((list !== 'users' && list !== 'departments') || index === null) {
    return { line: null, entry: null, field: list ?? null, column: null };
  }
  const field = rest.length > 0 ? rest.join('/') : null;
  const top = rest[0];
  const lines = list === 'users' ? source.userLines : source.departmentLines;
  const columns = list === 'users' ? source.userColumns : source.departmentColumns;
  const line = source.kind === 'csv' ? (lines[index] ?? null) : null;
  const column = top === undefined ? null : source.kind === 'csv' ? (columns[top] ?? top) : field;
  return { line, entry: { list, index }, field, column };
}
