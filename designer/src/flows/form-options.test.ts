import { describe, expect, it } from 'vitest';
import { formOptions, pickerOptions } from './form-options.js';

const titleOf = (title: unknown, key: string) => (typeof title === 'object' && title !== null ? ((title as Record<string, string>).en ?? key) : typeof title === 'string' ? title : key);

describe('formOptions', () => {
  it('gives one option per key, titled by its newest version, sorted by title, draft-only when never published', () => {
    const options = formOptions(
      [
        { key: 'leave', version: 1, status: 'published', title: { en: 'Leave request' } },
        { key: 'leave', version: 2, status: 'draft', title: { en: 'Leave request (new)' } },
        { key: 'expense', version: 1, status: 'draft', title: { en: 'Expense claim' } },
        { key: 'asset', version: 3, status: 'archived', title: undefined },
      ],
      titleOf,
      'en',
    );
    expect(options).toEqual([
      { key: 'asset', title: 'asset', draftOnly: false },
      { key: 'expense', title: 'Expense claim', draftOnly: true },
      { key: 'leave', title: 'Leave request (new)', draftOnly: false },
    ]);
  });

  it('counts a published version seen after a newer draft', () => {
    const options = formOptions(
      [
        { key: 'a', version: 2, status: 'draft', title: 'A' },
        { key: 'a', version: 1, status: 'published', title: 'A' },
      ],
      titleOf,
      'en',
    );
    expect(options[0]?.draftOnly).toBe(false);
  });
});

describe('pickerOptions', () => {
  it('falls back to the keys until loaded and keeps a chosen key no form has', () => {
    expect(pickerOptions([], ['a'], 'gone').map((o) => o.key)).toEqual(['a', 'gone']);
    expect(pickerOptions([{ key: 'a', title: 'A', draftOnly: true }], ['a', 'b'], 'a')).toEqual([{ key: 'a', title: 'A', draftOnly: true }]);
  });
});
