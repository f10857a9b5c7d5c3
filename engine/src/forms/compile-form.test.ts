import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import { compileForm } from './compile-form.js';
import type { FormDefinition } from './form-definition.js';
import { handoverForm, validHandoverData } from './fixtures/handover-form.js';
import { testRegistry } from './fixtures/test-registry.js';

const registry = testRegistry();
const form = compileForm(handoverForm, registry);
const byPath = (errors: Array<{ path: string; code: string }>) => Object.fromEntries(errors.map((e) => [e.path, e.code]));

describe('compileForm: validate', () => {
  it('accepts a complete handover and returns the data to store, with computed fields', () => {
    const result = form.validate(validHandoverData(3));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    // Customer 1 (index 1) is not confirmed; no asset is overdue.
    expect(result.data).toMatchObject({ openItems: 1, readyToClose: false });
    expect((result.data.assets as Array<Record<string, unknown>>)[0]).toMatchObject({ overdue: false });
  });

  it('never mutates the submitted object', () => {
    const input = validHandoverData(2);
    const copy = structuredClone(input);
    form.validate({ ...input, leaveType: 'dismissal' });
    form.validate(input);
    expect(input).toEqual(copy);
  });

  it('reports every error with its JSON Pointer and the field label, in English', () => {
    const data = validHandoverData(2);
    delete data.lastWorkingDay;
    const assets = data.assets as Array<Record<string, unknown>>;
    assets[1] = { ...assets[1], returnedOn: '2025-02-30' };
    const result = form.validate({ ...data, leaveDaysLeft: 99, surprise: true });
    expect(result.ok).toBe(false);
    expect(byPath(result.errors)).toEqual({
      '/lastWorkingDay': 'BATON_E_FORM_REQUIRED',
      '/leaveDaysLeft': 'BATON_E_SCHEMA_MAXIMUM',
      '/assets/1/returnedOn': 'BATON_E_SCHEMA_FORMAT',
      '/surprise': 'BATON_E_SCHEMA_ADDITIONAL_PROPERTIES',
    });
    const messages = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(messages['/lastWorkingDay']).toBe('Last working day is required: fill it in.');
    expect(messages['/leaveDaysLeft']).toBe('Leave days left: change this number to 60 or less.');
    expect(messages['/assets/1/returnedOn']).toBe('Assets row 2, Returned on: enter a date as YYYY-MM-DD, for example 2030-06-28.');
  });

  it('answers in Chinese when asked, and always carries both locales', () => {
    const data = validHandoverData(1);
    delete data.lastWorkingDay;
    const result = form.validate(data, { locale: 'zh-CN' });
    expect(result.errors[0]?.message).toBe('请填写最后工作日：这是必填项。');
    expect(result.errors[0]?.messages.en).toBe('Last working day is required: fill it in.');
    const format = form.validate({ ...validHandoverData(1), lastWorkingDay: '31/03/2025' }, { locale: 'zh-CN' });
    expect(format.errors[0]?.message).toBe('最后工作日：请按 YYYY-MM-DD 格式填写日期，例如 2030-06-28。');
  });

  it('requires a field only while it is visible, and strips the value of an invisible one', () => {
    const data = { ...validHandoverData(1), leaveType: 'retirement' };
    delete (data as Record<string, unknown>).reason;
    const retired = form.validate({ ...data, reason: 'should be dropped' });
    expect(retired.ok).toBe(true);
    expect(retired.data).not.toHaveProperty('reason');
    const resigned = form.validate({ ...data, leaveType: 'resignation' });
    expect(byPath(resigned.errors)).toEqual({ '/reason': 'BATON_E_FORM_REQUIRED' });
  });

  it('applies requiredIf', () => {
    const data = { ...validHandoverData(1), leaveType: 'dismissal' };
    expect(byPath(form.validate(data).errors)).toEqual({ '/dismissalReference': 'BATON_E_FORM_REQUIRED' });
    expect(form.validate({ ...data, dismissalReference: 'HR-2025-014' }).ok).toBe(true);
    expect(form.validate({ ...data, leaveType: 'contract-end' }).ok).toBe(true);
  });

  it('applies visibleIf and requiredIf per sub-table row, with the row as scope', () => {
    const data = validHandoverData(2);
    data.assets = [
      { assetId: 'a-1', condition: 'damaged', returned: true, deduction: { amount: '300.00', currency: 'CNY' } },
      { assetId: 'a-2', condition: 'good', returned: false, returnedOn: '2025-03-01', deduction: { amount: '1.00', currency: 'CNY' } },
    ];
    const result = form.validate(data);
    expect(byPath(result.errors)).toEqual({ '/assets/0/returnedOn': 'BATON_E_FORM_REQUIRED' });
    expect(result.errors[0]?.messages['zh-CN']).toBe('请填写资产第 1 行的归还日期：这是必填项。');
    const rows = result.data.assets as Array<Record<string, unknown>>;
    expect(rows[0]?.deduction).toEqual({ amount: '300.00', currency: 'CNY' });
    expect(rows[1]).not.toHaveProperty('returnedOn');
    expect(rows[1]).not.toHaveProperty('deduction');
  });

  it('runs cross-field rules, on the form and on each row (with $parent)', () => {
    const data: Record<string, unknown> = { ...validHandoverData(2), noticeDate: '2025-04-02' };
    (data.customers as Array<Record<string, unknown>>)[1] = { customerId: 'c-1', successorId: 'u-li-lei' };
    const result = form.validate(data, { locale: 'zh-CN' });
    expect(byPath(result.errors)).toEqual({
      '/noticeDate': 'BATON_E_FORM_RULE_FAILED',
      '/customers/1/successorId': 'BATON_E_FORM_RULE_FAILED',
    });
    expect(result.errors[0]?.message).toBe('提出日期不能晚于最后工作日：请修改其中一个日期。');
    expect(result.errors[1]?.messages.en).toBe('The successor cannot be the person leaving: pick a colleague.');
    expect(result.errors[1]?.params).toMatchObject({ rule: 'successorIsNotLeaver' });
  });

  it("runs a field type's own check on values whose shape passed", () => {
    const def: FormDefinition = {
      kind: 'form', key: 'id-check', version: 1, title: 'ID',
      fields: [{ key: 'idNumber', type: 'acme/id-card@1', label: { en: 'ID number', 'zh-CN': '身份证号' } }],
    };
    const idForm = compileForm(def, registry);
    expect(idForm.validate({ idNumber: '11010519491231002X' }).ok).toBe(true);
    const wrong = idForm.validate({ idNumber: '110105194912310021' }, { locale: 'zh-CN' });
    expect(wrong.errors).toMatchObject([{ code: 'BATON_E_FORM_VALUE_INVALID', path: '/idNumber', message: '身份证号：校验位错误：请重新输入号码。' }]);
    expect(idForm.validate({ idNumber: 'abc' }).errors.map((e) => e.code)).toEqual(['BATON_E_SCHEMA_PATTERN']);
  });

  it('rejects data that is not an object', () => {
    expect(form.validate([1, 2]).errors[0]?.code).toBe('BATON_E_FORM_DATA_NOT_OBJECT');
  });
});

describe('compileForm: compute, visibility, defaults', () => {
  it('evaluates computed fields in dependency order, computed columns per row reading $parent', () => {
    const data: Record<string, unknown> = { ...validHandoverData(2), asOf: '2025-04-10' };
    (data.assets as Array<Record<string, unknown>>)[1] = { assetId: 'a-1', returned: false };
    const out = form.compute(data);
    expect((out.assets as Array<Record<string, unknown>>).map((r) => r.overdue)).toEqual([false, true]);
    // openItems reads the assets' computed column; readyToClose reads openItems.
    expect(out).toMatchObject({ openItems: 2, readyToClose: false });
    expect(data).not.toHaveProperty('openItems');
  });

  it('reports visibility per field and per cell', () => {
    const v = form.visibility({ ...validHandoverData(1), leaveType: 'dismissal' });
    expect(v).toMatchObject({ reason: false, dismissalReference: true, 'assets.0.returnedOn': true, 'assets.0.deduction': false, 'customers.0.successorId': true });
  });

  it('builds defaults from the definition and the types, then computes', () => {
    expect(form.defaults()).toEqual({
      leaveType: 'resignation', customers: [], assets: [], accounts: [], attachments: [], benefitsToEnd: [],
      rehireEligible: true, openItems: 0, readyToClose: true,
    });
    expect(form.rowDefaults('assets')).toEqual({});
  });

  it('exposes secret, attachment and relation metadata', () => {
    expect(form.secretPaths).toEqual(['accounts.password']);
    expect(form.attachmentPaths).toEqual(['attachments', 'managerSignature']);
    expect(form.signaturePaths).toEqual(['managerSignature']);
    expect(form.relationFields).toEqual([
      { path: 'customers.customerId', form: 'customer', multiple: false, displayField: 'name' },
      { path: 'assets.assetId', form: 'asset', multiple: false },
    ]);
  });
});

describe('compileForm: schemas', () => {
  it('generates a 2020-12 JSON Schema that rejects unknown properties', () => {
    const schema = form.jsonSchema as { $schema: string; additionalProperties: boolean; required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    // reason has visibleIf, so it is not unconditionally required.
    expect(schema.required).toEqual(['employeeId', 'leaveType', 'lastWorkingDay']);
    expect(schema.properties.lastWorkingDay).toEqual({ type: 'string', format: 'date', title: 'Last working day' });
    expect(schema.properties.customers?.items).toMatchObject({ additionalProperties: false, required: ['customerId', 'successorId'] });
    expect(schema.properties.openItems).toMatchObject({ readOnly: true });
    expect(form.schemas('zh-CN').jsonSchema).toMatchObject({ title: '离职交接单', properties: { lastWorkingDay: { title: '最后工作日' } } });
  });

  it('generates an rjsf uiSchema with order, widgets and sections', () => {
    const ui = form.uiSchema as Record<string, Record<string, unknown>>;
    expect((ui['ui:order'] as unknown as string[]).slice(0, 3)).toEqual(['employeeId', 'departmentId', 'leaveType']);
    expect(ui.lastWorkingDay).toMatchObject({ 'ui:widget': 'date', 'ui:title': 'Last working day' });
    expect(ui.accounts?.items).toMatchObject({ password: { 'ui:widget': 'password' } });
    expect(ui.readyToClose).toMatchObject({ 'ui:readonly': true });
    expect(form.schemas('zh-CN').uiSchema['ui:sections']).toMatchObject([{ key: 'leaver', title: '离职人员' }, { key: 'handover', title: '工作交接' }]);
  });

  it('compiles the data check with the form, with no code generation, and refuses unsupported value schemas', () => {
    const started = performance.now();
    const v2 = compileForm({ ...handoverForm, key: 'cache-probe', version: 2, title: 'Renamed' }, registry);
    expect(performance.now() - started).toBeLessThan(200);
    expect(v2.validate(validHandoverData(1)).ok).toBe(true);
    const odd = testRegistry();
    odd.registerFieldType({
      type: 'acme/odd', version: '1.0.0', configSchema: {}, describe: () => ({ label: { en: 'Odd', 'zh-CN': '奇' } }),
      valueSchema: () => ({ type: 'string', formatMinimum: '2024-01-01' }),
    });
    const def: FormDefinition = { kind: 'form', key: 'odd', version: 1, title: 'Odd', fields: [{ key: 'when', type: 'acme/odd', label: 'When' }] };
    const error = (() => { try { compileForm(def, odd); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(BatonError);
    expect(error).toMatchObject({ code: 'BATON_E_FORM_VALUE_SCHEMA_UNSUPPORTED', issues: [{ path: '/fields/0/type' }] });
    expect((error as BatonError).message).toContain('formatMinimum');
  });
});

describe('compileForm: definition errors', () => {
  it('throws a BatonError with the JSON path of an unknown field type', () => {
    const def: FormDefinition = {
      ...handoverForm,
      fields: [...handoverForm.fields.slice(0, 3), { key: 'badge', type: 'acme/badge', label: 'Badge' }, ...handoverForm.fields.slice(3)] as FormDefinition['fields'],
    };
    const error = (() => { try { compileForm(def, registry); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(BatonError);
    expect(error).toMatchObject({ code: 'BATON_E_FORM_UNKNOWN_FIELD_TYPE', issues: [{ path: '/fields/3/type' }] });
    expect((error as BatonError).message).toContain('"acme/badge"');
  });

  it('throws on a circle of computed fields, naming it', () => {
    const def: FormDefinition = {
      kind: 'form', key: 'loop', version: 1, title: 'Loop',
      fields: [
        { key: 'a', type: 'computed', label: 'A', computed: { '+': [{ var: 'b' }, 1] } },
        { key: 'b', type: 'computed', label: 'B', computed: { '+': [{ var: 'a' }, 1] } },
      ],
    };
    expect(() => compileForm(def, registry)).toThrowError(/a → b → a/);
  });
});
