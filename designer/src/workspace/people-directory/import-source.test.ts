import { describe, expect, it } from 'vitest';
import { csvToImport } from './csv-import-body.js';
import { changesOfPreview, keptFields, mergeProblems } from './import-preview.js';
import { locateIssue, pointerSegments } from './import-source.js';
import { parseCsvRows } from './parse-csv-rows.js';
import { problemsOfIssues } from './server-issues.js';

const csv = [
  'id,name,department,departmentId,managerId,roles',
  'boss,Boss,Sales,sales,,',
  '',
  'x,"Two',
  'lines",,,boss,',
  'y,Why,,,ghost,hr',
].join('\n');
const { body, source } = csvToImport(parseCsvRows(csv), []);

describe('server issue paths → CSV lines and columns', () => {
  it('maps /users/i/field to the row line (blank and multi-line rows counted) and the header of that field', () => {
    expect(source.userLines).toEqual([2, 4, 6]);
    expect(locateIssue('/users/2/managerId', source)).toEqual({ line: 6, entry: { list: 'users', index: 2 }, field: 'managerId', column: 'managerId' });
    expect(locateIssue('/users/1/roles/0', source)).toMatchObject({ line: 4, field: 'roles/0', column: 'roles' });
    expect(locateIssue('/users/0', source)).toMatchObject({ line: 2, field: null, column: null });
  });

  it('maps a new department to the row that named it, its id and name to their columns', () => {
    expect(body.departments).toEqual([{ id: 'sales', name: 'Sales' }]);
    expect(locateIssue('/departments/0/name', source)).toMatchObject({ line: 2, column: 'department' });
    expect(locateIssue('/departments/0/id', source)).toMatchObject({ line: 2, column: 'departmentId' });
  });

  it('keeps paths outside the lists, and JSON files, without a line', () => {
    expect(locateIssue('', source)).toEqual({ line: null, entry: null, field: null, column: null });
    expect(locateIssue('/users', source)).toMatchObject({ line: null, entry: null });
    const json = { kind: 'json' as const, userLines: [], departmentLines: [], userColumns: {}, departmentColumns: {} };
    expect(locateIssue('/users/3/email', json)).toEqual({ line: null, entry: { list: 'users', index: 3 }, field: 'email', column: 'email' });
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });

  it('turns a 422 answer into rows sorted by line with the server message and code', () => {
    const rows = problemsOfIssues(
      [
        { code: 'BATON_E_DIRECTORY_UNKNOWN_USER', path: '/users/2/managerId', message: 'Add user "ghost"' },
        { code: 'BATON_E_SCHEMA_FORMAT', path: '/users/0/email', message: 'bad email' },
      ],
      source,
    );
    expect(rows.map((r) => [r.line, r.column, r.serverCode])).toEqual([
      [2, 'email', 'BATON_E_SCHEMA_FORMAT'],
      [6, 'managerId', 'BATON_E_DIRECTORY_UNKNOWN_USER'],
    ]);
  });
});

describe('import preview (the server\'s dry run)', () => {
  it('shows the changes at their file lines, with the columns as headed in the file', () => {
    const preview = {
      changes: [
        { list: 'departments' as const, index: 0, id: 'sales', action: 'insert' as const, fields: [] },
        { list: 'users' as const, index: 2, id: 'y', action: 'update' as const, fields: ['managerId', 'roles'] },
      ],
    };
    expect(changesOfPreview(preview, source)).toEqual([
      { line: 2, entry: { list: 'departments', index: 0 }, id: 'sales', action: 'insert', columns: [] },
      { line: 6, entry: { list: 'users', index: 2 }, id: 'y', action: 'update', columns: ['managerId', 'roles'] },
    ]);
  });

  it('lists the file\'s problems and the server\'s by line, without repeating one both found at the same place', () => {
    const local = [
      { line: 6, column: 'managerId', code: 'badId' as const },
      { line: null, column: 'id', code: 'missingColumn' as const },
    ];
    const merged = mergeProblems(
      local,
      [
        { code: 'BATON_E_SCHEMA_PATTERN', path: '/users/2/managerId', message: 'bad id' },
        { code: 'BATON_E_DIRECTORY_CYCLE', path: '/users/0/managerId', message: 'Break the cycle' },
        { code: 'BATON_E_DIRECTORY_UNKNOWN_USER', path: '/users/1/managerId', message: 'Add user' },
      ],
      source,
    );
    expect(merged.map((p) => [p.line, p.column, p.code ?? p.serverCode])).toEqual([
      [null, 'id', 'missingColumn'],
      [2, 'managerId', 'BATON_E_DIRECTORY_CYCLE'],
      [4, 'managerId', 'BATON_E_DIRECTORY_UNKNOWN_USER'],
      [6, 'managerId', 'badId'],
    ]);
  });

  it('asks the server to keep what the file has no column for (and what CSV cannot hold), not what it has', () => {
    expect(keptFields(new Set(['id', 'name', 'department', 'roles', 'managerId']))).toEqual(['email', 'position', 'hireDate', 'leaveDate', 'mobile', 'attributes', 'active']);
    // The department name column sets departmentId as well as the id column does.
    expect(keptFields(new Set(['id', 'name', 'departmentId', 'email', 'position', 'managerId', 'roles', 'hireDate', 'leaveDate', 'mobile']))).toEqual(['attributes', 'active']);
  });
});
