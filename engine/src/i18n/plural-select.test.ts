import { describe, expect, it } from 'vitest';
import { SCHEMA_ERRORS } from '../definitions/schema-errors.js';
import { validateAgainstSchema } from '../definitions/validate-against-schema.js';
import { issue } from '../errors/error-catalogue.js';
import { format } from './localized-text.js';
import { pluralCategory, selectPlurals } from './plural-select.js';

const ITEMS = '{n, plural, one {# item is} other {# items are}} needed';

describe('plural blocks in message templates', () => {
  it('picks the English form by Intl.PluralRules: one for 1, other for 0, 2 and 1.5', () => {
    expect(format(ITEMS, { n: 1 })).toBe('1 item is needed');
    expect(format(ITEMS, { n: 0 })).toBe('0 items are needed');
    expect(format(ITEMS, { n: 2 })).toBe('2 items are needed');
    expect(format(ITEMS, { n: 1.5 })).toBe('1.5 items are needed');
    expect(format(ITEMS, { n: '1' })).toBe('1 item is needed');
  });

  it('uses "other" in Chinese, which has one form', () => {
    expect(pluralCategory(1, 'zh-CN')).toBe('other');
    expect(format('{n, plural, one {# 项（单）} other {# 项}}', { n: 1 }, 'zh-CN')).toBe('1 项');
  });

  it('prefers an exact =N branch and keeps other placeholders working around the block', () => {
    const t = 'Row {row}: {n, plural, =0 {nothing is} one {# thing is} other {# things are}} left.';
    expect(format(t, { row: 3, n: 0 })).toBe('Row 3: nothing is left.');
    expect(format(t, { row: 3, n: 1 })).toBe('Row 3: 1 thing is left.');
    expect(format(t, { row: 3, n: 7 })).toBe('Row 3: 7 things are left.');
  });

  it('falls back to "other" for a missing or non-numeric count, and leaves a block without "other" as written', () => {
    expect(format(ITEMS, {})).toBe('{n} items are needed');
    expect(format(ITEMS, { n: 'many' })).toBe('many items are needed');
    expect(selectPlurals('{n, plural, one {# item}}', { n: 1 }, 'en')).toBe('{n, plural, one {# item}}');
    expect(format('Plural words stay as they are: {n}', { n: 1 })).toBe('Plural words stay as they are: 1');
  });
});

describe('counted messages of the error catalogue', () => {
  it('says "at least 1 item is needed", never "at least 1 are needed"', () => {
    const one = issue(SCHEMA_ERRORS.BATON_E_SCHEMA_MIN_ITEMS, '/nodes', { limit: 1 });
    expect(one.messages.en).toBe('Add items: at least 1 item is needed.');
    expect(one.messages['zh-CN']).toBe('请添加项目：至少需要 1 项。');
    expect(issue(SCHEMA_ERRORS.BATON_E_SCHEMA_MIN_ITEMS, '/nodes', { limit: 3 }).messages.en).toBe('Add items: at least 3 items are needed.');
    expect(issue(SCHEMA_ERRORS.BATON_E_SCHEMA_MIN_LENGTH, '/a', { limit: 1 }).messages.en).toBe('Make this text at least 1 character long.');
    expect(issue(SCHEMA_ERRORS.BATON_E_SCHEMA_MAX_PROPERTIES, '/a', { limit: 1 }).messages.en).toBe('Remove properties: at most 1 property is allowed.');
  });

  it('words a real minItems: 1 failure in both languages', () => {
    const [en] = validateAgainstSchema({ type: 'array', minItems: 1 }, [], '/list', 'en');
    expect(en?.code).toBe('BATON_E_SCHEMA_MIN_ITEMS');
    expect(en?.message).toBe('Add items: at least 1 item is needed.');
    const [zh] = validateAgainstSchema({ type: 'array', minItems: 2 }, [], '/list', 'zh-CN');
    expect(zh?.message).toBe('请添加项目：至少需要 2 项。');
    expect(zh?.messages.en).toBe('Add items: at least 2 items are needed.');
  });
});
