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

  it('keeps unknown placeholders visible and lists placeholders', () => {
    expect(fillTemplate('Hi {who}', scope)).toBe('Hi {who}');
    expect(templatePlaceholders({ en: '{a} {b.c}', 'zh-CN': '{a} {$item.x}' })).toEqual(['a', 'b.c', '$item.x']);
  });
});
