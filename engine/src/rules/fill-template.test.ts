import { describe, expect, it } from 'vitest';
import { fillTemplate, templatePlaceholders } from './fill-template.js';
import { readPath } from './read-path.js';
import { directory } from './rule-test-fixtures.js';

const scope = { employeeId: 'u-emp', assets: [{ assetId: 'A' }, { assetId: 'B' }], count: 2, empty: null, nested: { a: { b: 'deep' } } };

describe('readPath', () => {
  it('reads nested values, maps over arrays and indexes them', () => {
    expect(readPath(scope, 'nested.a.b')).toBe('deep');
    expect(readPath(scope, 'assets.assetId')).toEqual(['A', 'B']);
    expect(readPath(scope, 'assets.1.assetId')).toBe('B');
  });

  it('looks ids up in the directory only when given one', () => {
    expect(readPath(scope, 'employeeId.name', directory)).toBe('张三');
    expect(readPath(scope, 'employeeId.departmentId.name', directory)).toBe('销售部');
    expect(readPath(scope, 'employeeId.name')).toBeUndefined();
  });

  it('reads a related record after the directory, when given a record lookup', () => {
    const records = (id: string) => ({ A: { data: { tag: 'ZB-0012' } }, B: { data: { tag: 'ZB-0013' } } })[id];
    expect(readPath(scope, 'assets.assetId.tag', directory, records)).toEqual(['ZB-0012', 'ZB-0013']);
    expect(readPath(scope, 'assets.assetId.tag', undefined, records)).toEqual(['ZB-0012', 'ZB-0013']);
    // A person keeps winning over a record of the same id.
    expect(readPath(scope, 'employeeId.name', directory, () => ({ data: { name: 'a record' } }))).toBe('张三');
    expect(readPath(scope, 'assets.assetId.tag', directory)).toEqual([undefined, undefined]);
  });

  it('never follows prototype keys', () => {
    expect(readPath(scope, '__proto__')).toBeUndefined();
    expect(readPath(scope, 'nested.constructor.name')).toBeUndefined();
    expect(readPath(scope, 'toString')).toBeUndefined();
  });
});

describe('fillTemplate', () => {
  it('fills every locale and formats lists, numbers and nulls', () => {
    expect(fillTemplate({ en: '{employeeId.name}: {assets.assetId} ({count}){empty}', 'zh-CN': '{employeeId.name}：{assets.assetId}' }, scope, directory)).toEqual({
      en: '张三: A, B (2)',
      'zh-CN': '张三：A, B',
    });
  });

  it('names related records by a field of theirs, and leaves out those it cannot find', () => {
    const records = (id: string) => (id === 'A' ? { data: { tag: 'ZB-0012' } } : undefined);
    expect(fillTemplate({ en: 'Collect {assets.assetId.tag}', 'zh-CN': '回收 {assets.assetId.tag}' }, scope, directory, records)).toEqual({ en: 'Collect ZB-0012', 'zh-CN': '回收 ZB-0012' });
  });

  it('keeps unknown placeholders visible and lists placeholders', () => {
    expect(fillTemplate('Hi {who}', scope)).toBe('Hi {who}');
    expect(templatePlaceholders({ en: '{a} {b.c}', 'zh-CN': '{a} {$item.x}' })).toEqual(['a', 'b.c', '$item.x']);
  });
});
