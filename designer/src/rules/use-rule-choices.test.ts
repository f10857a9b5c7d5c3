import { localizeText } from '../app/i18n/localized.js';
import { describe, expect, it } from 'vitest';
import flow from '../../../templates/offboarding/flows/offboarding.json' with { type: 'json' };
import form from '../../../templates/offboarding/forms/offboarding-request.json' with { type: 'json' };
import { ruleChoices } from './use-rule-choices.js';

const definitions = new Map([
  ['form', [{ key: 'offboarding-request', title: { en: 'Offboarding request', 'zh-CN': '离职申请' } }, { key: 'asset', title: { en: 'Asset', 'zh-CN': '资产' } }]],
  ['flow', [{ key: 'offboarding', title: { en: 'Offboarding', 'zh-CN': '员工离职' } }]],
]);

describe('choices a rule’s panels offer', () => {
  it('names the flow’s steps, the form’s fields and the forms by their own titles in the user’s language', () => {
    const zh = ruleChoices(definitions, flow.nodes, form.fields, (text, fallback) => localizeText(text, 'zh-CN', fallback));
    const en = ruleChoices(definitions, flow.nodes, form.fields, (text, fallback) => localizeText(text, 'en', fallback));
    expect([...zh.forms].sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: 'asset', label: '资产', title: '资产', draftOnly: false },
      { value: 'offboarding-request', label: '离职申请', title: '离职申请', draftOnly: false },
    ]);
    expect(en.flows).toEqual([{ value: 'offboarding', label: 'Offboarding', title: 'Offboarding', draftOnly: false }]);
    const nodes = zh.choices.nodeId!;
    expect(nodes.map((n) => n.value)).toEqual(flow.nodes.map((n) => n.id));
    // Every step and field reads as words, never as its id or an "option N".
    for (const option of [...nodes, ...zh.choices.field!]) {
      expect(option.label).not.toBe(option.value);
      expect(option.label).not.toMatch(/option \d/i);
    }
    expect(zh.choices.field).toContainEqual({ value: 'lastWorkingDay', label: localizeText(form.fields.find((f) => f.key === 'lastWorkingDay')!.label, 'zh-CN') });
  });

  it('sorts forms by title, names each with its key and marks the ones never published', () => {
    const defs = new Map([['form', [{ key: 'b-form', title: { en: 'Zebra' } }, { key: 'a-form', title: { en: 'Asset' }, draftOnly: true }, { key: 'untitled' }]]]);
    const { forms, choices } = ruleChoices(defs, undefined, undefined, (text, fallback) => localizeText(text, 'en', fallback), (d) => `${d.title} — ${d.key}${d.draftOnly ? ' (draft only)' : ''}`);
    expect(forms.map((f) => f.label)).toEqual(['Asset — a-form (draft only)', 'untitled — untitled', 'Zebra — b-form']);
    expect(forms.map((f) => f.draftOnly)).toEqual([true, false, false]);
    // The generated panels (a set-data action's target form) offer the same words.
    expect(choices.form).toBe(forms);
  });

  it('offers no steps without a flow in scope, so the step stays free text', () => {
    expect(ruleChoices(definitions, undefined, undefined, (text, fallback) => localizeText(text, 'en', fallback)).choices.nodeId).toBeUndefined();
  });
});
