import { validateDefinition, type FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { renameField } from './form-layout.js';
import { referencesTo, renameInExpression, renameReferences } from './rename-references.js';

const top = { from: 'kind', to: 'leaveKind' };
const tables = new Set(['assets']);

describe('renameInExpression', () => {
  it('renames var paths inside nested operators and leaves unrelated vars alone', () => {
    const logic = { and: [{ '==': [{ var: 'kind' }, 'resignation'] }, { or: [{ '!': { var: 'kinder' } }, { in: [{ var: 'kind' }, ['a', 'b']] }] }, { var: 'other' }] };
    expect(renameInExpression(logic, top)).toEqual({ and: [{ '==': [{ var: 'leaveKind' }, 'resignation'] }, { or: [{ '!': { var: 'kinder' } }, { in: [{ var: 'leaveKind' }, ['a', 'b']] }] }, { var: 'other' }] });
  });

  it('keeps a var default, renames dotted paths by their first segment only', () => {
    expect(renameInExpression({ '+': [{ var: ['kind', 0] }, { var: 'kind.code' }, { var: 'x.kind' }] }, top)).toEqual({ '+': [{ var: ['leaveKind', 0] }, { var: 'leaveKind.code' }, { var: 'x.kind' }] });
  });

  it('returns the same object when nothing names the key, and leaves literals and preserve alone', () => {
    const logic = { if: [{ var: 'a' }, 'kind', { preserve: { var: 'kind' } }] };
    expect(renameInExpression(logic, top)).toBe(logic);
    expect(renameInExpression('kind', top)).toBe('kind');
  });

  it('renames missing / missing_some keys and val paths', () => {
    expect(renameInExpression({ missing: ['kind', 'a'] }, top)).toEqual({ missing: ['leaveKind', 'a'] });
    expect(renameInExpression({ missing_some: [1, ['kind', 'b']] }, top)).toEqual({ missing_some: [1, ['leaveKind', 'b']] });
    expect(renameInExpression({ val: ['kind', 'code'] }, top)).toEqual({ val: ['leaveKind', 'code'] });
  });

  it('renames a column in its own row scope and reaches the form through $parent', () => {
    const column = { table: 'assets', from: 'tag', to: 'assetTag' };
    expect(renameInExpression({ '!!': { var: 'tag' } }, column, { table: 'assets' }, tables)).toEqual({ '!!': { var: 'assetTag' } });
    expect(renameInExpression({ '==': [{ var: '$parent.kind' }, { var: 'kind' }] }, top, { table: 'assets' }, tables)).toEqual({ '==': [{ var: '$parent.leaveKind' }, { var: 'kind' }] });
    // Another table's column with the same name is another field.
    expect(renameInExpression({ var: 'tag' }, column, { table: 'phones' }, tables)).toEqual({ var: 'tag' });
  });

  it('renames columns read by iterator bodies and indexed paths over the table, not other iterators', () => {
    const column = { table: 'assets', from: 'returned', to: 'isReturned' };
    const logic = {
      and: [
        { all: [{ var: 'assets' }, { var: 'returned' }] },
        { reduce: [{ var: 'assets' }, { '+': [{ var: 'accumulator' }, { var: 'current.returned' }] }, 0] },
        { var: 'assets.0.returned' },
        { some: [{ var: 'other' }, { var: 'returned' }] },
      ],
    };
    expect(renameInExpression(logic, column, {}, tables)).toEqual({
      and: [
        { all: [{ var: 'assets' }, { var: 'isReturned' }] },
        { reduce: [{ var: 'assets' }, { '+': [{ var: 'accumulator' }, { var: 'current.isReturned' }] }, 0] },
        { var: 'assets.0.isReturned' },
        { some: [{ var: 'other' }, { var: 'returned' }] },
      ],
    });
  });

  it('renames the table itself where the form reads it, and inside iterator bodies only what climbs back out', () => {
    const table = { from: 'assets', to: 'devices' };
    expect(renameInExpression({ all: [{ var: 'assets' }, { var: 'assets' }] }, table, {}, tables)).toEqual({ all: [{ var: 'devices' }, { var: 'assets' }] });
    expect(renameInExpression({ map: [{ var: 'assets' }, { val: [[2], 'kind'] }] }, top, {}, tables)).toEqual({ map: [{ var: 'assets' }, { val: [[2], 'leaveKind'] }] });
  });

  it('reads a relation filter as form.* and leaves record.* alone', () => {
    const logic = { '==': [{ var: 'record.kind' }, { var: 'form.kind' }] };
    expect(renameInExpression(logic, top, { filter: true })).toEqual({ '==': [{ var: 'record.kind' }, { var: 'form.leaveKind' }] });
  });
});

const form: FormDefinition = {
  kind: 'form',
  key: 'leave',
  version: 1,
  title: 'Leave',
  titleField: 'kind',
  fields: [
    { key: 'kind', type: 'text', label: 'Kind' },
    { key: 'reason', type: 'text', label: 'Reason', visibleIf: { '==': [{ var: 'kind' }, 'other'] }, requiredIf: { '!!': { var: 'kind' } } },
    { key: 'assets', type: 'sub-table', label: 'Assets', fields: [{ key: 'tag', type: 'text', label: 'Tag' }, { key: 'note', type: 'text', label: 'Note', visibleIf: { and: [{ var: 'tag' }, { var: '$parent.kind' }] } }] },
    { key: 'count', type: 'computed', label: 'Count', computed: { reduce: [{ var: 'assets' }, { '+': [{ var: 'accumulator' }, { if: [{ var: 'current.tag' }, 1, 0] }] }, 0] } },
  ],
  validations: [{ key: 'tagged', each: 'assets', path: 'tag', when: { var: '$parent.kind' }, assert: { '!!': { var: 'tag' } }, message: 'Tag?' }],
};

describe('renameField follows expressions', () => {
  it('rewrites visibleIf, requiredIf, column logic, rules and the title field on a top-level rename', () => {
    const next = renameField(form, 'kind', 'leaveKind');
    expect(next.fields[1]!.visibleIf).toEqual({ '==': [{ var: 'leaveKind' }, 'other'] });
    expect(next.fields[1]!.requiredIf).toEqual({ '!!': { var: 'leaveKind' } });
    expect(next.fields[2]!.fields![1]!.visibleIf).toEqual({ and: [{ var: 'tag' }, { var: '$parent.leaveKind' }] });
    expect(next.validations![0]!.when).toEqual({ var: '$parent.leaveKind' });
    expect(next.titleField).toBe('leaveKind');
    expect(validateDefinition(next).errors).toEqual([]);
    expect(validateDefinition(form).errors).toEqual([]);
  });

  it('rewrites a column everywhere it is read', () => {
    const next = renameField(form, 'assets.tag', 'assetTag');
    expect(next.fields[2]!.fields![1]!.visibleIf).toEqual({ and: [{ var: 'assetTag' }, { var: '$parent.kind' }] });
    expect(next.fields[3]!.computed).toEqual({ reduce: [{ var: 'assets' }, { '+': [{ var: 'accumulator' }, { if: [{ var: 'current.assetTag' }, 1, 0] }] }, 0] });
    expect(next.validations![0]).toMatchObject({ path: 'assetTag', assert: { '!!': { var: 'assetTag' } } });
  });

  it('leaves a form without references as it was, apart from the key', () => {
    expect(renameReferences(form, { from: 'nothing', to: 'x' })).toEqual(form);
  });
});

describe('referencesTo', () => {
  it('names the fields and rules that read an item, not the item itself', () => {
    const ids = (itemId: string) => referencesTo(form, itemId).map((o) => (o.kind === 'field' ? o.itemId : o.key));
    expect(ids('kind')).toEqual(['reason', 'assets.note', 'tagged']);
    expect(ids('assets.tag')).toEqual(['assets.note', 'count', 'tagged']);
    expect(ids('reason')).toEqual([]);
    expect(ids('assets')).toEqual(['count', 'tagged']);
  });
});
