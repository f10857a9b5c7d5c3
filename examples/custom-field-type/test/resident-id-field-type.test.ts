import { BatonError, compileForm, createRegistry, validateDefinition, type FormDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { employeeForm } from '../src/employee-form.js';
import { checkDigitFor, maskResidentId, parseResidentId } from '../src/resident-id.js';
import { residentIdFieldType } from '../src/resident-id-field-type.js';
import { residentIdPlugin } from '../src/resident-id-plugin.js';

// The example number printed in GB 11643 itself, and two built with the check digit function.
const VALID = '11010519491231002X';
const withCheckDigit = (first17: string): string => first17 + checkDigitFor(first17);
const LEAP_DAY = withCheckDigit('44030420000229123');
const BORN_2008 = withCheckDigit('44030420080229123');

describe('resident-id rules', () => {
  it('computes the ISO 7064 MOD 11-2 check digit, X included', () => {
    expect(checkDigitFor('11010519491231002')).toBe('X');
    expect(parseResidentId(VALID)).toEqual({
      ok: true,
      value: { region: '110105', birthDate: '1949-12-31', sequence: '002', checkDigit: 'X' },
    });
    expect(parseResidentId(LEAP_DAY).ok).toBe(true);
  });

  it('names the first thing that is wrong', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, problem: { kind: 'checksum', expected: 'X', actual: '1' } });
    expect(parseResidentId('11010519491231002x')).toEqual({ ok: false, problem: { kind: 'lowercase-x' } });
    expect(parseResidentId('1101051949123100A2')).toEqual({ ok: false, problem: { kind: 'characters' } });
    expect(parseResidentId('991105194912310020')).toMatchObject({ ok: false, problem: { kind: 'region', region: '991105' } });
    // 1900 is not a leap year, 2000 is.
    expect(parseResidentId('110105190002290020')).toMatchObject({ ok: false, problem: { kind: 'birth-date', digits: '19000229' } });
    expect(parseResidentId('110105194904310020')).toMatchObject({ ok: false, problem: { kind: 'birth-date' } });
    expect(parseResidentId('110105194913010020')).toMatchObject({ ok: false, problem: { kind: 'birth-date' } });
  });

  it('masks the birth date for lists', () => {
    expect(maskResidentId(VALID)).toBe('110105********002X');
  });
});

describe('acme/cn-resident-id registered through a plugin', () => {
  const registry = createRegistry({ plugins: [residentIdPlugin] });
  const form = compileForm(employeeForm, registry);

  it('registers the field type next to the built-ins, findable pinned or not', () => {
    expect(registry.pluginNames()).toContain('acme/resident-id');
    expect(registry.fields.get('acme/cn-resident-id')).toBe(residentIdFieldType);
    expect(registry.fields.get('acme/cn-resident-id@1')).toBe(residentIdFieldType);
    expect(registry.fields.get('acme/cn-resident-id@2')).toBeUndefined();
  });

  it('refuses a second registration of the same name', () => {
    expect(() => registry.registerFieldType(residentIdFieldType)).toThrow(BatonError);
  });

  it('is listed by describe() for the designer, with its labels and config schema', () => {
    const both = registry.describe().fields.find((f) => f.type === 'acme/cn-resident-id');
    expect(both).toMatchObject({
      version: '1.0.0',
      label: { en: 'Resident ID number', 'zh-CN': '居民身份证号' },
      icon: 'id-card',
      category: 'people',
      configSchema: { properties: { maskInList: { type: 'boolean' } } },
    });
    expect(registry.describe('zh-CN').fields.find((f) => f.type === 'acme/cn-resident-id')?.label).toBe('居民身份证号');
  });

  it('accepts valid numbers, in a field and in a sub-table column', () => {
    const result = form.validate({ name: 'Li Lei', residentId: VALID, emergencyContacts: [{ name: 'Han Meimei', residentId: LEAP_DAY }] });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('rejects a wrong check digit with a message in both locales at the field path', () => {
    const result = form.validate({ name: 'Li Lei', residentId: '110105194912310021' }, { locale: 'zh-CN' });
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error).toMatchObject({ code: 'BATON_E_FORM_VALUE_INVALID', path: '/residentId' });
    expect(error!.message).toBe('身份证号：校验位应为 X，而不是 1：请检查是否输错了数字。');
    expect(error!.messages.en).toBe('ID number: the check digit should be X, not 1: look for a mistyped digit.');
    expect(error!.params).toMatchObject({ kind: 'checksum', expected: 'X', actual: '1' });
  });

  it('rejects a birth date that does not exist', () => {
    const result = form.validate({ name: 'Li Lei', residentId: '110105194902300020' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: '/residentId' });
    expect(result.errors[0]!.messages.en).toContain('(19490230) must be a real birth date');
    expect(result.errors[0]!.messages['zh-CN']).toContain('必须是真实的出生日期');
  });

  it('rejects a wrong length through the JSON Schema, localized too', () => {
    for (const residentId of ['1101051949123100', '11010519491231002X1']) {
      const result = form.validate({ name: 'Li Lei', residentId });
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ path: '/residentId' });
      expect(result.errors[0]!.messages.en).toMatch(/^ID number: .*18 characters/);
      expect(result.errors[0]!.messages['zh-CN']).toMatch(/^身份证号：.*18 个字符/);
    }
  });

  it('points a bad number in a sub-table row at that cell', () => {
    const result = form.validate({
      name: 'Li Lei',
      residentId: VALID,
      emergencyContacts: [{ name: 'A', residentId: VALID }, { name: 'B', residentId: '11010519491231002x' }],
    });
    expect(result.errors.map((e) => e.path)).toEqual(['/emergencyContacts/1/residentId']);
    expect(result.errors[0]!.messages.en).toContain('capital X');
  });

  it('applies its config: bornOnOrBefore on the field, not on the column that does not set it', () => {
    const result = form.validate({ name: 'Li Lei', residentId: BORN_2008, emergencyContacts: [{ name: 'Kid', residentId: BORN_2008 }] });
    expect(result.errors.map((e) => e.path)).toEqual(['/residentId']);
    expect(result.errors[0]!.params).toMatchObject({ kind: 'too-young', birthDate: '2008-02-29' });
  });

  it('puts its ui hints into the uiSchema', () => {
    expect(form.uiSchema.residentId).toMatchObject({ 'ui:widget': 'text', 'ui:options': { maxLength: 18, maskInList: true } });
  });
});

describe('validateDefinition with the plugin', () => {
  const registry = createRegistry({ plugins: [residentIdPlugin] });

  it('accepts a form that uses the field type', () => {
    expect(validateDefinition(employeeForm, { registry })).toEqual({ ok: true, errors: [] });
  });

  it('rejects a bad config with the JSON path of the offending option, in both locales', () => {
    const def: FormDefinition = {
      ...employeeForm,
      fields: [
        { key: 'name', type: 'text', label: 'Name' },
        { key: 'residentId', type: 'acme/cn-resident-id', label: 'ID', config: { maskInList: 'yes', bornOnOrBefore: '31/12/2007' } },
      ],
    };
    const result = validateDefinition(def, { registry, locale: 'zh-CN' });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual(['/fields/1/config/bornOnOrBefore', '/fields/1/config/maskInList']);
    for (const error of result.errors) {
      expect(error.messages.en).not.toBe('');
      expect(error.messages['zh-CN']).not.toBe(error.messages.en);
    }
  });

  it('rejects an unknown option', () => {
    const def: FormDefinition = {
      ...employeeForm,
      fields: [{ key: 'residentId', type: 'acme/cn-resident-id', label: 'ID', config: { minAge: 18 } }],
    };
    expect(validateDefinition(def, { registry }).errors.map((e) => e.path)).toEqual(['/fields/0/config/minAge']);
  });

  it('without the plugin the type is unknown', () => {
    const result = validateDefinition(employeeForm);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain('/fields/1/type');
  });
});
