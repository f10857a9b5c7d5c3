import type { DepartmentInput, DirectoryDepartment, DirectoryImport, UserInput } from '@baton/client';
import { CSV_FIELDS, REQUIRED_FIELDS, fieldOfHeader, type CsvField } from './directory-csv-columns.js';
import type { ImportProblem } from './import-problems.js';
import type { ImportSource } from './import-source.js';
import type { ParsedCsv } from './parse-csv-rows.js';

export interface CsvImport {
  body: DirectoryImport;
  source: ImportSource;
  /** The fields the file has a column for: fields it lacks keep their stored values (keep-stored-fields). */
  columns: ReadonlySet<CsvField>;
  problems: ImportProblem[];
  /** Headers the import does not use. */
  ignored: string[];
}

// The server's limits (runtime-api directory-schemas.ts), checked here so a row's problem names its line.
const ID = /^[^\s/]{1,128}$/;
const ROLE = /^[A-Za-z0-9_.:-]{1,64}$/;
const MOBILE = /^\+?[0-9 -]{5,20}$/;
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const TEXT_MAX = 200;

/** "2021-03-15", "2021/3/15" or "2021.3.15" as an ISO date; null when it is not a real date in that order. */
export function isoDateOf(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Roles in one cell, separated by ";" or "|" (a comma would split the CSV cell in most exports). */
export function splitRoles(cell: string): string[] {
  return [...new Set(cell.split(/[;|]/).map((r) => r.trim()).filter(Boolean))];
}

interface RowContext {
  line: number;
  header: (field: CsvField) => string;
  /** Whether the file has the column (a missing required column is one problem, not one per row). */
  has: (field: CsvField) => boolean;
  problems: ImportProblem[];
}

function problem(ctx: RowContext, field: CsvField | null, code: ImportProblem['code'], params?: ImportProblem['params']): void {
  ctx.problems.push({ line: ctx.line, column: field ? ctx.header(field) : null, code, ...(params ? { params } : {}) });
}

function text(ctx: RowContext, field: CsvField, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length > TEXT_MAX) problem(ctx, field, 'tooLong', { max: TEXT_MAX });
  return value;
}

/** A department lookup by name (case and surrounding spaces ignored), with new ones the file names. */
class DepartmentNames {
  private readonly byName = new Map<string, string[]>();
  constructor(departments: readonly DirectoryDepartment[]) {
    for (const d of departments) this.add(d.id, d.name);
  }
  add(id: string, name: string): void {
    const key = name.trim().toLowerCase();
    const ids = this.byName.get(key) ?? [];
    if (!ids.includes(id)) this.byName.set(key, [...ids, id]);
  }
  find(name: string): string[] {
    return this.byName.get(name.trim().toLowerCase()) ?? [];
  }
}

/**
 * A CSV file (one row per person) as the directory import body. Each user row becomes a UserInput; a row
 * giving both departmentId and department for a department that does not exist yet creates it; a row with
 * only a department name uses the department of that name. Cells are trimmed; an empty cell leaves the field
 * out. Problems name the row's line and the column as headed in the file; no row is dropped for a problem.
 */
export function csvToImport(parsed: ParsedCsv, departments: readonly DirectoryDepartment[]): CsvImport {
  const problems: ImportProblem[] = [...parsed.problems];
  const index = new Map<CsvField, number>();
  const ignored: string[] = [];
  parsed.headers.forEach((h, i) => {
    const field = fieldOfHeader(h);
    if (field && !index.has(field)) index.set(field, i);
    else if (h) ignored.push(h);
  });
  const header = (field: CsvField) => parsed.headers[index.get(field) ?? -1] ?? field;
  const userColumns: Partial<Record<string, string>> = {};
  for (const f of CSV_FIELDS) if (index.has(f) && f !== 'department') userColumns[f] = header(f);
  if (!index.has('departmentId') && index.has('department')) userColumns.departmentId = header('department');
  const source: ImportSource = {
    kind: 'csv',
    userLines: [],
    departmentLines: [],
    userColumns,
    departmentColumns: { id: header(index.has('departmentId') ? 'departmentId' : 'department'), name: header('department') },
  };
  if (parsed.headers.length === 0) problems.push({ line: null, column: null, code: 'fileEmpty' });
  else for (const f of REQUIRED_FIELDS) if (!index.has(f)) problems.push({ line: 1, column: f, code: 'missingColumn' });

  const existingIds = new Set(departments.map((d) => d.id));
  const names = new DepartmentNames(departments);
  const newDepartments: DepartmentInput[] = [];
  const users: UserInput[] = [];
  const firstLine = new Map<string, number>();

  for (const row of parsed.rows) {
    const ctx: RowContext = { line: row.line, header, has: (f) => index.has(f), problems };
    const cell = (f: CsvField) => {
      const i = index.get(f);
      return i === undefined ? undefined : (row.cells[i] ?? '').trim() || undefined;
    };
    const user = rowToUser(ctx, cell);
    if (user.id) {
      const first = firstLine.get(user.id);
      if (first !== undefined) problem(ctx, 'id', 'duplicateId', { id: user.id, first });
      else firstLine.set(user.id, row.line);
    }
    // Departments: an id with a name creates a missing one; a name alone is looked up.
    const deptId = cell('departmentId');
    const deptName = cell('department');
    if (deptId) {
      if (!ID.test(deptId)) problem(ctx, 'departmentId', 'badId');
      else if (deptName && !existingIds.has(deptId) && !newDepartments.some((d) => d.id === deptId)) {
        newDepartments.push({ id: deptId, name: text(ctx, 'department', deptName) ?? deptName });
        source.departmentLines.push(row.line);
        names.add(deptId, deptName);
      }
      user.departmentId = deptId;
    } else if (deptName) {
      const found = names.find(deptName);
      if (found.length === 1) user.departmentId = found[0]!;
      else problem(ctx, 'department', found.length === 0 ? 'unknownDepartmentName' : 'ambiguousDepartmentName', { name: deptName, ids: found.join(', ') });
    }
    users.push(user);
    source.userLines.push(row.line);
  }
  const body: DirectoryImport = { users };
  if (newDepartments.length > 0) body.departments = newDepartments;
  return { body, source, columns: new Set(index.keys()), problems, ignored };
}

/** One row's user fields (department handled by the caller); problems go to ctx. */
function rowToUser(ctx: RowContext, cell: (f: CsvField) => string | undefined): UserInput {
  const id = cell('id') ?? '';
  const name = cell('name') ?? '';
  if (!id) {
    if (ctx.has('id')) problem(ctx, 'id', 'required');
  } else if (!ID.test(id)) problem(ctx, 'id', 'badId');
  if (!name && ctx.has('name')) problem(ctx, 'name', 'required');
  const user: UserInput = { id, name: text(ctx, 'name', name) ?? '' };
  const email = cell('email');
  if (email) {
    if (email.length > 254 || !EMAIL.test(email)) problem(ctx, 'email', 'badEmail', { value: email });
    user.email = email;
  }
  const position = text(ctx, 'position', cell('position'));
  if (position) user.position = position;
  const managerId = cell('managerId');
  if (managerId) {
    if (!ID.test(managerId)) problem(ctx, 'managerId', 'badId');
    else if (managerId === id) problem(ctx, 'managerId', 'ownManager');
    user.managerId = managerId;
  }
  const roles = cell('roles');
  if (roles) {
    user.roles = splitRoles(roles);
    for (const r of user.roles) if (!ROLE.test(r)) problem(ctx, 'roles', 'badRole', { role: r });
  }
  for (const f of ['hireDate', 'leaveDate'] as const) {
    const value = cell(f);
    if (!value) continue;
    const iso = isoDateOf(value);
    if (iso) user[f] = iso;
    else problem(ctx, f, 'badDate', { value });
  }
  const mobile = cell('mobile');
  if (mobile) {
    if (!MOBILE.test(mobile)) problem(ctx, 'mobile', 'badMobile', { value: mobile });
    user.mobile = mobile;
  }
  return user;
}
