import { describe, expect, it } from 'vitest';
import { csvToImport, isoDateOf, splitRoles } from './csv-import-body.js';
import { parseCsvRows } from './parse-csv-rows.js';

const departments = [
  { id: 'sales', name: 'Sales', parentId: null },
  { id: 'eng', name: 'Engineering', parentId: null },
  { id: 'ops-a', name: 'Operations', parentId: null },
  { id: 'ops-b', name: 'operations ', parentId: 'eng' },
];
const fromCsv = (text: string) => csvToImport(parseCsvRows(text), departments);

describe('CSV → directory import body', () => {
  it('maps each row to a user, trimming cells, splitting roles on ; and |, leaving empty cells out', () => {
    const csv = [
      'id,name,email,departmentId,position,managerId,roles,hireDate',
      'li.wei, Li Wei ,li@example.com,sales,Head of sales,,manager,2016-05-03',
      'zhang,"Zhang, San",,sales,,li.wei,hr; finance|hr,2021/3/5',
    ].join('\r\n');
    const { body, problems, source, columns } = fromCsv(csv);
    expect(problems).toEqual([]);
    expect(body).toEqual({
      users: [
        { id: 'li.wei', name: 'Li Wei', email: 'li@example.com', departmentId: 'sales', position: 'Head of sales', roles: ['manager'], hireDate: '2016-05-03' },
        { id: 'zhang', name: 'Zhang, San', departmentId: 'sales', managerId: 'li.wei', roles: ['hr', 'finance'], hireDate: '2021-03-05' },
      ],
    });
    expect(source.userLines).toEqual([2, 3]);
    expect([...columns].sort()).toEqual(['departmentId', 'email', 'hireDate', 'id', 'managerId', 'name', 'position', 'roles']);
  });

  it('accepts Chinese headers, a BOM and ; as the delimiter, and notes columns it does not use', () => {
    const { body, problems, ignored } = fromCsv('\uFEFF工号;姓名;部门;入职日期;备注\nwang;王芳;Sales;2015-07-01;VIP\n');
    expect(problems).toEqual([]);
    expect(body.users).toEqual([{ id: 'wang', name: '王芳', departmentId: 'sales', hireDate: '2015-07-01' }]);
    expect(ignored).toEqual(['备注']);
  });

  it('looks departments up by name and creates one when a row gives a new id with a name', () => {
    const csv = 'id,name,departmentId,department\na,A,,Engineering\nb,B,design,Design\nc,C,design,Design\nd,D,,design\n';
    const { body, problems, source } = fromCsv(csv);
    expect(problems).toEqual([]);
    expect(body.departments).toEqual([{ id: 'design', name: 'Design' }]);
    expect(source.departmentLines).toEqual([3]);
    expect(body.users?.map((u) => u.departmentId)).toEqual(['eng', 'design', 'design', 'design']);
  });

  it('names the line and the column (as headed in the file) of every problem, without dropping rows', () => {
    const csv = [
      'ID,Name,E-mail,Department,Manager Id,Roles,Hire date',
      'a,Ann,not-an-email,Sales,a,hr,2021-02-30',
      ',Nameless,,Nowhere,,bad role,',
      'a,Ann again,,Operations,,,15/03/2021',
      '',
      '"b","multi',
      'line name",,,,,',
    ].join('\n');
    const { body, problems } = fromCsv(csv);
    expect(body.users).toHaveLength(4);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'E-mail', 'badEmail'],
      [2, 'Manager Id', 'ownManager'],
      [2, 'Hire date', 'badDate'],
      [3, 'ID', 'required'],
      [3, 'Roles', 'badRole'],
      [3, 'Department', 'unknownDepartmentName'],
      [4, 'Hire date', 'badDate'],
      [4, 'ID', 'duplicateId'],
      [4, 'Department', 'ambiguousDepartmentName'],
    ]);
    expect(problems.find((p) => p.code === 'duplicateId')?.params).toEqual({ id: 'a', first: 2 });
    expect(body.users?.[3]).toEqual({ id: 'b', name: 'multi\nline name' });
  });

  it('refuses a file without the required columns or without any row', () => {
    expect(fromCsv('name,email\nAnn,a@example.com').problems.map((p) => [p.line, p.column, p.code])).toEqual([[1, 'id', 'missingColumn']]);
    expect(fromCsv('').problems.map((p) => p.code)).toEqual(['fileEmpty']);
  });

  it('reads dates in year-month-day order only, and only real dates', () => {
    expect(isoDateOf('2024-2-29')).toBe('2024-02-29');
    expect(isoDateOf('2023.02.29')).toBeNull();
    expect(isoDateOf('03/15/2021')).toBeNull();
    expect(splitRoles(' hr | it;;hr ')).toEqual(['hr', 'it']);
  });
});
