import { describe, expect, it } from 'vitest';
import { departmentTree, indentedName } from './department-tree.js';

describe('departmentTree', () => {
  it('puts the company first and each department under its parent', () => {
    const rows = departmentTree([
      { id: 'sales', name: 'Sales', parentId: 'co' },
      { id: 'eng-be', name: 'Backend', parentId: 'eng' },
      { id: 'co', name: 'Acme', parentId: null },
      { id: 'eng', name: 'Engineering', parentId: 'co' },
    ]);
    expect(rows.map((r) => indentedName(r.department.name, r.depth))).toEqual([
      'Acme', '\u00a0\u00a0\u00a0Engineering', '\u00a0'.repeat(6) + 'Backend', '\u00a0\u00a0\u00a0Sales',
    ]);
  });
  it('keeps departments in a parent cycle instead of losing them', () => {
    const rows = departmentTree([{ id: 'a', name: 'A', parentId: 'b' }, { id: 'b', name: 'B', parentId: 'a' }]);
    expect(rows.map((r) => r.department.id).sort()).toEqual(['a', 'b']);
  });
});
