import { describe, expect, it } from 'vitest';
import { rowOf } from './row-titles.js';

describe('sub-table row titles', () => {
  it("finds the table's title and the row's number in rjsf's row name and title", () => {
    expect(rowOf('workItems-0', 'Work handed over-1')).toEqual({ table: 'Work handed over', n: 1 });
    expect(rowOf('assets-11', '需归还的资产-12')).toEqual({ table: '需归还的资产', n: 12 });
    // A title with a hyphen of its own keeps it.
    expect(rowOf('items-1', 'Follow-up-2')).toEqual({ table: 'Follow-up', n: 2 });
  });

  it('leaves other fields alone', () => {
    expect(rowOf('workItems', 'Work handed over')).toBeUndefined();
    expect(rowOf('title', 'Step-1')).toBeUndefined();
    expect(rowOf('workItems-0', 'Work handed over-2')).toBeUndefined();
    expect(rowOf('workItems-0', '-1')).toBeUndefined();
    expect(rowOf(undefined, 'A-1')).toBeUndefined();
  });
});
