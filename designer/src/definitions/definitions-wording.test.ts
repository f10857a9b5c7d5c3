import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { commonMessages } from '../app/i18n/common-messages.js';
import { formsMessages } from '../forms/forms-messages.js';
import { definitionsMessages } from './definitions-messages.js';

function t(lng: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance();
  void i18n.init({ lng, initAsync: false, resources: { en: { definitions: definitionsMessages.en }, 'zh-CN': { definitions: definitionsMessages['zh-CN'] } }, defaultNS: 'definitions', interpolation: { escapeValue: false } });
  return (key: string, options?: Record<string, unknown>) => i18n.t(key, options);
}

/** What the definitions page writes (definitions-page.tsx): a kind's name picked by count, inside a sentence. */
const newKeyLabel = (tr: ReturnType<typeof t>, kind: string) => tr('newKey', { kind: tr(`kindName.${kind}`, { count: 1 }) });
const emptyTitle = (tr: ReturnType<typeof t>, kind: string) => tr('emptyTitle', { kind: tr(`kindName.${kind}`, { count: 0 }) });

describe('kind names inside sentences', () => {
  const en = t('en');
  const zh = t('zh-CN');

  it('uses the singular where one thing is meant and the plural for none, in lower case', () => {
    expect(newKeyLabel(en, 'form')).toBe('New form: key');
    expect(newKeyLabel(en, 'report')).toBe('New report: key');
    expect(emptyTitle(en, 'flow')).toBe('No flows yet');
    expect(emptyTitle(en, 'rule')).toBe('No rules yet');
  });

  it('reads naturally in Chinese, which has no plural', () => {
    expect(newKeyLabel(zh, 'form')).toBe('新建表单：标识');
    expect(emptyTitle(zh, 'flow')).toBe('还没有流程');
  });

  it('keeps tab titles plural and capitalised', () => {
    expect(en('kind.form')).toBe('Forms');
  });
});

/** Every `x_one` has its `x_other` in the same table (i18next falls back to the bare key otherwise). */
function pluralGaps(table: unknown, path = ''): string[] {
  if (!table || typeof table !== 'object') return [];
  const obj = table as Record<string, unknown>;
  const gaps: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === 'object') gaps.push(...pluralGaps(value, `${path}${key}.`));
    const m = /^(.*)_(one|other)$/.exec(key);
    if (m && !(`${m[1]}_other` in obj)) gaps.push(`${path}${key}: no ${m[1]}_other`);
  }
  return gaps;
}

describe('plural keys', () => {
  it('come with an "other" form in every language of the areas this change touched', () => {
    for (const messages of [definitionsMessages, formsMessages, commonMessages]) {
      expect(pluralGaps(messages.en)).toEqual([]);
      expect(pluralGaps(messages['zh-CN'])).toEqual([]);
    }
    expect(pluralGaps({ a_one: 'x' })).toEqual(['a_one: no a_other']);
  });
});
