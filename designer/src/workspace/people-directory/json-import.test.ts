import { describe, expect, it } from 'vitest';
import { departmentOptions } from './department-options.js';
import { sampleCsvRows } from './sample-csv.js';
import { csvToImport } from './csv-import-body.js';
import { parseCsvRows, toCsvText } from './parse-csv-rows.js';
import { parseJsonImport } from './json-import.js';
import { CSV_FIELDS } from './directory-csv-columns.js';

describe('JSON import files', () => {
  it('takes the API body as it is and names entries without an id by index', () => {
    const { body, problems, source } = parseJsonImport('\uFEFF{"departments":[{"id":"d","name":"D"}],"users":[{"id":"a","name":"A"},{"name":"No id"}]}');
    expect(body.departments).toEqual([{ id: 'd', name: 'D' }]);
    expect(source.kind).toBe('json');
    expect(problems).toEqual([{ line: null, entry: { list: 'users', index: 1 }, column: 'id', code: 'required' }]);
  });

  it('says what is wrong with a file that is not JSON or not the body shape', () => {
    expect(parseJsonImport('{"users": [').problems.map((p) => p.code)).toEqual(['fileUnreadable']);
    expect(parseJsonImport('[{"id":"a"}]').problems.map((p) => p.code)).toEqual(['jsonShape']);
    expect(parseJsonImport('{"users": {}, "departments": []}').problems.map((p) => [p.column, p.code])).toEqual([['users', 'jsonShape']]);
  });
});

describe('department filter and sample file', () => {
  it('lists departments in tree order, indented, siblings by name, orphans as roots', () => {
    const options = departmentOptions([
      { id: 'sales-e', name: 'East', parentId: 'sales' },
      { id: 'root', name: 'Acme', parentId: null },
      { id: 'sales', name: 'Sales', parentId: 'root' },
      { id: 'eng', name: 'Engineering', parentId: 'root' },
      { id: 'lost', name: 'Lost', parentId: 'gone' },
    ]);
    expect(options.map((o) => `${o.depth}:${o.id}`)).toEqual(['0:root', '1:eng', '1:sales', '2:sales-e', '0:lost']);
  });

  it('offers a sample CSV that imports without problems', () => {
    const text = toCsvText(CSV_FIELDS, sampleCsvRows());
    expect(text.startsWith('\uFEFFid,name,email,departmentId,department,')).toBe(true);
    const { body, problems } = csvToImport(parseCsvRows(text), []);
    expect(problems).toEqual([]);
    expect(body.users?.map((u) => [u.id, u.managerId, u.roles])).toEqual([['li.wei', undefined, ['manager']], ['zhang.san', 'li.wei', ['hr', 'finance']]]);
    expect(body.departments?.map((d) => d.id)).toEqual(['sales', 'sales-east']);
  });
});
