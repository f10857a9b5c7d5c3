import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { checkFormDefinition } from './check-form-definition.js';
import { compileForm } from './compile-form.js';
import type { FormDefinition } from './form-definition.js';
import { testRegistry } from './fixtures/test-registry.js';

const registry = testRegistry();
const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const hint = t('6 digits, for example 200000.', '6 位数字，例如 200000。');

const form: FormDefinition = {
  kind: 'form',
  key: 'nda',
  version: 1,
  title: 'NDA',
  fields: [
    { key: 'postcode', type: 'text', label: t('Postcode', '邮编'), config: { pattern: '^[0-9]{6}$', patternHint: hint } },
    { key: 'badgeNo', type: 'text', label: t('Badge', '工牌号'), config: { pattern: '^B[0-9]{4}$' } },
    { key: 'signature', type: 'signature', label: t('Signature', '签名'), required: true },
    { key: 'witness', type: 'signature', label: t('Witness', '见证人签名') },
    { key: 'sheets', type: 'sub-table', label: t('Sheets', '附页'), fields: [{ key: 'sign', type: 'signature', label: t('Initials', '小签'), required: true }] },
  ],
} as FormDefinition;
const compiled = compileForm(form, registry);
const signed = { fileId: 'f-1', sha256: 'a'.repeat(64), signedAt: '2030-06-20T02:00:00.000Z', signerId: 'u1' };

describe('a text field\'s patternHint', () => {
  it('replaces the regular expression in the error, in en and zh-CN, under the pattern code', () => {
    const result = compiled.validate({ postcode: '2000', signature: signed, sheets: [] }, { locale: 'zh-CN' });
    const issue = result.errors.find((i) => i.path === '/postcode');
    expect(issue?.code).toBe('BATON_E_SCHEMA_PATTERN');
    expect(issue?.messages).toEqual({ en: 'Postcode: 6 digits, for example 200000.', 'zh-CN': '邮编：6 位数字，例如 200000。' });
    expect(issue?.message).toBe('邮编：6 位数字，例如 200000。');
    expect(JSON.stringify(issue?.messages)).not.toContain('[0-9]');
  });

  it('leaves a field without a hint as it was (the pattern is all there is to say)', () => {
    const result = compiled.validate({ badgeNo: 'x', signature: signed, sheets: [] });
    expect(result.errors.find((i) => i.path === '/badgeNo')?.message).toContain('^B[0-9]{4}$');
  });

  it('is shown under the field: the uiSchema carries it in the reader\'s language', () => {
    expect(compiled.schemas('zh-CN').uiSchema.postcode).toMatchObject({ 'ui:widget': 'text', 'ui:options': { patternHint: '6 位数字，例如 200000。' } });
    expect(compiled.schemas('en').uiSchema.postcode).toMatchObject({ 'ui:options': { patternHint: '6 digits, for example 200000.' } });
    expect(compiled.schemas('en').uiSchema.badgeNo).not.toHaveProperty('ui:options');
  });

  it('without a pattern is refused at publish, with its code and path', () => {
    const ctx: SemanticCheckContext = { registry, locale: 'zh-CN' };
    const def = structuredClone(form);
    def.fields[1]!.config = { patternHint: hint };
    const issues = checkFormDefinition(def, ctx);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['BATON_E_FORM_PATTERN_HINT_WITHOUT_PATTERN', '/fields/1/config/patternHint']]);
    expect(issues[0]?.message).toContain('badgeNo');
    expect(issues[0]?.messages.en).toContain('add the pattern it describes, or remove the hint');
    expect(checkFormDefinition(form, ctx)).toEqual([]);
  });
});

describe('an untouched signature pad', () => {
  it('({} or no image) on a required field is "Please sign here" at the field, not schema wording', () => {
    for (const blank of [{}, { signerId: 'u1' }, { fileId: '' }]) {
      const result = compiled.validate({ signature: blank, sheets: [] }, { locale: 'en' });
      expect(result.errors.map((i) => [i.code, i.path, i.message])).toEqual([['BATON_E_FORM_SIGNATURE_REQUIRED', '/signature', 'Please sign here (Signature).']]);
      expect(result.errors[0]?.messages['zh-CN']).toBe('请在此签名（签名）。');
    }
  });

  it('is simply no value on an optional field, and is not stored', () => {
    const result = compiled.validate({ signature: signed, witness: {}, sheets: [] });
    expect(result.errors).toEqual([]);
    expect(result.data).not.toHaveProperty('witness');
    expect(result.data.signature).toEqual(signed);
  });

  it('in a sub-table cell is refused at the cell', () => {
    const result = compiled.validate({ signature: signed, sheets: [{ sign: {} }, { sign: signed }] }, { locale: 'zh-CN' });
    expect(result.errors.map((i) => [i.code, i.path])).toEqual([['BATON_E_FORM_SIGNATURE_REQUIRED', '/sheets/0/sign']]);
    expect(result.errors[0]?.message).toContain('请在此签名');
  });

  it('keeps the schema\'s word for a value that is not a signature at all', () => {
    const result = compiled.validate({ signature: { fileId: 'f-1', colour: 'red' }, sheets: [] });
    expect(result.errors.map((i) => i.code)).not.toContain('BATON_E_FORM_SIGNATURE_REQUIRED');
    expect(result.ok).toBe(false);
  });
});
