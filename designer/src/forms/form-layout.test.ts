import { validateDefinition, type FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { accessPaths, addSection, containers, insertField, moveField, removeField, removeSection, renameField, tableContainer, uniqueKey } from './form-layout.js';

const base: FormDefinition & { version: number } = {
  kind: 'form',
  key: 'handover',
  version: 1,
  title: 'Handover',
  fields: [
    { key: 'employeeId', type: 'user', label: 'Employee' },
    { key: 'lastDay', type: 'date', label: 'Last day' },
    { key: 'assets', type: 'sub-table', label: 'Assets', fields: [{ key: 'tag', type: 'text', label: 'Tag' }, { key: 'returned', type: 'boolean', label: 'Returned' }] },
  ],
  sections: [{ title: 'Who', fields: ['employeeId'] }],
  validations: [{ key: 'tagSet', each: 'assets', path: 'tag', assert: { '!!': { var: 'tag' } }, message: 'Tag?' }],
  access: { manager: { lastDay: 'readonly', 'assets.tag': 'hidden' } },
};

const keys = (def: FormDefinition) => containers(def).map((c) => [c.id, c.items]);

describe('form layout operations', () => {
  it('shows sections first, then the fields no section names', () => {
    expect(keys(base)).toEqual([
      ['section:0', ['employeeId']],
      ['root', ['lastDay', 'assets']],
    ]);
    expect(tableContainer(base, 'assets').items).toEqual(['assets.tag', 'assets.returned']);
  });

  it('inserts a new field at a position, into a section, or as a column', () => {
    const text = { key: uniqueKey(base, 'long-text'), type: 'long-text', label: 'Notes' };
    expect(text.key).toBe('long_text_1');
    const intoRoot = insertField(base, text, { container: 'root', index: 1 });
    expect(intoRoot.itemId).toBe('long_text_1');
    expect(keys(intoRoot.def)[1]).toEqual(['root', ['lastDay', 'long_text_1', 'assets']]);
    const intoSection = insertField(base, text, { container: 'section:0', index: 0 });
    expect(intoSection.def.sections![0]!.fields).toEqual(['long_text_1', 'employeeId']);
    expect(intoSection.def.fields.map((f) => f.key)).toEqual(['long_text_1', 'employeeId', 'lastDay', 'assets']);
    const column = insertField(base, { key: uniqueKey(base, 'number', 'assets'), type: 'number', label: 'Value' }, { container: 'table:assets', index: 99 });
    expect(column.itemId).toBe('assets.number_1');
    expect(validateDefinition(column.def).errors).toEqual([]);
  });

  it('moves fields between sections, out to the root and into a table', () => {
    const toSection = moveField(base, 'lastDay', { container: 'section:0', index: 1 });
    expect(keys(toSection)).toEqual([
      ['section:0', ['employeeId', 'lastDay']],
      ['root', ['assets']],
    ]);
    const out = moveField(toSection, 'employeeId', { container: 'root', index: 0 });
    expect(keys(out)[1]).toEqual(['root', ['employeeId', 'assets']]);
    const reordered = moveField(base, 'assets.returned', { container: 'table:assets', index: 0 });
    expect(tableContainer(reordered, 'assets').items).toEqual(['assets.returned', 'assets.tag']);
    const intoTable = moveField(base, 'lastDay', { container: 'table:assets', index: 1 });
    expect(tableContainer(intoTable, 'assets').items).toEqual(['assets.tag', 'assets.lastDay', 'assets.returned']);
    expect(intoTable.fields.map((f) => f.key)).toEqual(['employeeId', 'assets']);
    const columnOut = moveField(base, 'assets.tag', { container: 'root', index: 0 });
    expect(keys(columnOut)[1]).toEqual(['root', ['tag', 'lastDay', 'assets']]);
  });

  it('refuses moves that would nest a sub-table or duplicate a key', () => {
    expect(moveField(base, 'assets', { container: 'table:assets', index: 0 })).toBe(base);
    const clash = insertField(base, { key: 'tag', type: 'text', label: 'Tag' }, { container: 'root', index: 0 }).def;
    expect(moveField(clash, 'assets.tag', { container: 'root', index: 0 })).toBe(clash);
  });

  it('renames a field and the sections, rules and access entries that name it', () => {
    const a = renameField(base, 'employeeId', 'leaver');
    expect(a.sections![0]!.fields).toEqual(['leaver']);
    const b = renameField(base, 'assets.tag', 'assetTag');
    expect(b.validations![0]).toMatchObject({ each: 'assets', path: 'assetTag' });
    expect(b.access!.manager).toEqual({ lastDay: 'readonly', 'assets.assetTag': 'hidden' });
    const c = renameField(base, 'assets', 'equipment');
    expect(c.validations![0]!.each).toBe('equipment');
    expect(c.access!.manager).toEqual({ lastDay: 'readonly', 'equipment.tag': 'hidden' });
    expect(validateDefinition(c).errors).toEqual([]);
    expect(renameField(base, 'lastDay', 'employeeId')).toBe(base);
    expect(renameField(base, 'lastDay', 'not valid')).toBe(base);
  });

  it('removes fields and sections', () => {
    expect(removeField(base, 'employeeId').sections![0]!.fields).toEqual([]);
    expect(tableContainer(removeField(base, 'assets.tag'), 'assets').items).toEqual(['assets.returned']);
    const added = addSection(base, 'More');
    expect(added.sections).toHaveLength(2);
    const none = removeSection(removeSection(added, 1), 0);
    expect(none.sections).toBeUndefined();
    expect(keys(none)).toEqual([['root', ['employeeId', 'lastDay', 'assets']]]);
  });

  it('lists the paths an access matrix can name', () => {
    expect(accessPaths(base).map((p) => p.path)).toEqual(['employeeId', 'lastDay', 'assets', 'assets.tag', 'assets.returned']);
  });
});
