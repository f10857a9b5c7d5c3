import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './definition-diff.js';

const form = (fields: unknown[], extra: Record<string, unknown> = {}) => ({ kind: 'form', key: 'f', version: 1, title: 'F', fields, ...extra });
const f = (key: string, label = key) => ({ key, type: 'text', label });

describe('diff against the published version', () => {
  it('reports nothing for the same definition under another version number', () => {
    expect(diffDefinitions(form([f('a')]), { ...form([f('a')]), version: 7 })).toEqual([]);
  });

  it('matches list items by key: an added field is one addition, not a change of every later field', () => {
    const changes = diffDefinitions(form([f('a'), f('b')]), form([f('new'), f('a'), f('b')]));
    expect(changes).toEqual([
      { kind: 'added', path: '/fields/0', item: 'fields:new', after: f('new') },
      // The two kept fields did not move relative to each other: no reorder entry.
    ]);
  });

  it('reports a changed label at its path, a removed field, and a reorder', () => {
    const changes = diffDefinitions(form([f('a'), f('b'), f('c')]), form([f('c'), f('a', 'A!')]));
    expect(changes).toContainEqual({ kind: 'changed', path: '/fields/1/label', item: 'fields:a', before: 'a', after: 'A!' });
    expect(changes).toContainEqual({ kind: 'removed', path: '/fields/1', item: 'fields:b', before: f('b') });
    expect(changes).toContainEqual({ kind: 'changed', path: '/fields', before: ['a', 'c'], after: ['c', 'a'] });
  });

  it('compares plain objects and unkeyed lists by position', () => {
    const changes = diffDefinitions(form([f('a')], { tags: ['x', 'y'] }), form([f('a')], { tags: ['x'], description: 'D' }));
    expect(changes).toEqual([
      { kind: 'removed', path: '/tags/1', before: 'y' },
      { kind: 'added', path: '/description', after: 'D' },
    ]);
  });

  it('treats a first version as all new against an empty published side', () => {
    expect(diffDefinitions({}, form([f('a')])).map((c) => c.path)).toEqual(['/kind', '/key', '/title', '/fields']);
  });
});
