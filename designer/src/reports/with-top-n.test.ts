import { describe, expect, it } from 'vitest';
import { withTopN } from './new-report.js';

describe('withTopN', () => {
  it('sets n from the input, keeps by and the label, and removes the option when the input is cleared', () => {
    const position = { kind: 'field' as const, key: 'position', field: 'position', topN: { n: 5, by: 'leavers', otherLabel: { en: 'Other', 'zh-CN': '其他' } } };
    expect(withTopN(position, '8')).toEqual({ ...position, topN: { n: 8, by: 'leavers', otherLabel: { en: 'Other', 'zh-CN': '其他' } } });
    expect(withTopN({ kind: 'department', key: 'dept', field: 'department' }, '3')).toEqual({ kind: 'department', key: 'dept', field: 'department', topN: { n: 3 } });
    expect(withTopN(position, '')).toEqual({ kind: 'field', key: 'position', field: 'position' });
  });
});
