import { describe, expect, it } from 'vitest';
import { localizeText, type Localizable } from '../app/i18n/localized.js';
import { dateFieldGroups } from './date-field-options.js';

const form = {
  key: 'offboarding-request',
  title: { en: 'Offboarding request', 'zh-CN': '离职申请' },
  fields: [
    { key: 'employeeId', type: 'user', label: { en: 'Employee', 'zh-CN': '员工' } },
    { key: 'lastDay', type: 'date', label: { en: 'Date', 'zh-CN': '日期' } },
    { key: 'signedAt', type: 'date-time@1', label: { en: 'Date', 'zh-CN': '日期' } },
    { key: 'items', type: 'sub-table', label: { en: 'Items', 'zh-CN': '明细' } },
  ],
};

describe('the date fields a "N days before/after" trigger offers', () => {
  it('tells fields with the same label apart by their form and key, in the UI\'s language', () => {
    for (const [locale, describe, expected] of [
      ['en', ({ label, form: f, key }: { label: string; form: string; key: string }) => `${label} — ${f} (${key})`, ['Date — Offboarding request (lastDay)', 'Date — Offboarding request (signedAt)']],
      ['zh-CN', ({ label, form: f, key }: { label: string; form: string; key: string }) => `${label} — ${f}（${key}）`, ['日期 — 离职申请（lastDay）', '日期 — 离职申请（signedAt）']],
    ] as const) {
      const l = (text: Localizable, fallback?: string) => localizeText(text, locale, fallback);
      const groups = dateFieldGroups([form], l, describe);
      expect(groups).toEqual([{ label: l(form.title), options: [{ value: 'lastDay', label: expected[0] }, { value: 'signedAt', label: expected[1] }] }]);
    }
  });

  it('gives no group for a missing form, a repeated one, or a form without date fields', () => {
    const l = (text: Localizable, fallback?: string) => localizeText(text, 'en', fallback);
    const plain = { key: 'note', fields: [{ key: 'text', type: 'text' }] };
    expect(dateFieldGroups([undefined, plain], l, (p) => p.key)).toEqual([]);
    expect(dateFieldGroups([form, form], l, (p) => p.key)).toHaveLength(1);
    // A form without a title is named by its key.
    expect(dateFieldGroups([{ key: 'bare', fields: [{ key: 'd', type: 'date' }] }], l, (p) => `${p.form}/${p.label}`)).toEqual([{ label: 'bare', options: [{ value: 'd', label: 'bare/d' }] }]);
  });
});
