import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { checkFormDefinition } from './check-form-definition.js';
import type { FormDefinition } from './form-definition.js';
import { assetForm, customerForm, handoverForm } from './fixtures/handover-form.js';
import { testRegistry } from './fixtures/test-registry.js';

const forms: Record<string, FormDefinition> = { customer: customerForm, asset: assetForm, 'offboarding-handover': handoverForm };
const ctx: SemanticCheckContext = {
  registry: testRegistry(),
  locale: 'en',
  // Knows every form: a missing one is null, not undefined.
  resolve: (kind, key) => (kind === 'form' ? (forms[key] ?? null) : undefined),
};

function base(): FormDefinition {
  return structuredClone(handoverForm);
}

function codes(def: FormDefinition, context = ctx): Array<[string, string]> {
  return checkFormDefinition(def, context).map((i) => [i.code, i.path]);
}

describe('checkFormDefinition', () => {
  it('accepts the handover form and its collections', () => {
    expect(checkFormDefinition(handoverForm, ctx)).toEqual([]);
    expect(checkFormDefinition(customerForm, ctx)).toEqual([]);
  });

  it('finds duplicate keys, unknown types and invalid configs', () => {
    const def = base();
    def.fields.push({ key: 'employeeId', type: 'text', label: 'Again' });
    def.fields[1] = { ...def.fields[1]!, type: 'acme/org-unit' };
    def.fields[3] = { ...def.fields[3]!, config: { min: 'yesterday' } };
    def.fields[8]!.fields!.push({ key: 'notes', type: 'text', label: 'Notes again' });
    expect(codes(def)).toEqual([
      ['BATON_E_FORM_DUPLICATE_FIELD', `/fields/${def.fields.length - 1}/key`],
      ['BATON_E_FORM_UNKNOWN_FIELD_TYPE', '/fields/1/type'],
      ['BATON_E_SCHEMA_FORMAT', '/fields/3/config/min'],
      ['BATON_E_FORM_DUPLICATE_FIELD', '/fields/8/fields/4/key'],
    ]);
    const [, unknown] = checkFormDefinition(def, { ...ctx, locale: 'zh-CN' });
    expect(unknown?.message).toMatch(/^字段 "departmentId" 的类型 "acme\/org-unit" 未注册：请改用已注册的字段类型（text, long-text/);
  });

  it('finds expressions naming unknown fields, in each scope', () => {
    const def = base();
    def.fields[5]!.visibleIf = { '==': [{ var: 'leaveKind' }, 'resignation'] };
    def.fields[9]!.fields![3]!.visibleIf = { '==': [{ var: '$parent.returnDate' }, true] };
    def.validations![0]!.assert = { '<=': [{ var: 'noticeDate' }, { var: 'successorId' }] };
    const issues = checkFormDefinition(def, ctx);
    expect(issues.map((i) => [i.code, i.path, i.params?.variable])).toEqual([
      ['BATON_E_FORM_UNKNOWN_FIELD_REF', '/fields/5/visibleIf', 'leaveKind'],
      ['BATON_E_FORM_UNKNOWN_FIELD_REF', '/fields/9/fields/3/visibleIf', '$parent.returnDate'],
      ['BATON_E_FORM_UNKNOWN_FIELD_REF', '/validations/0/assert', 'successorId'],
    ]);
    expect(issues[0]?.message).toContain('reads "leaveKind", which is not a field of this form');
  });

  it('accepts iterator bodies reading the items of a sub-table', () => {
    const def = base();
    def.fields.push({ key: 'allReturned', type: 'computed', label: 'All returned', computed: { all: [{ var: 'assets' }, { var: 'returned' }] } });
    expect(checkFormDefinition(def, ctx)).toEqual([]);
  });

  it('names a circle of computed fields', () => {
    const def = base();
    def.fields[12]!.computed = { '+': [{ var: 'readyToClose' }, 1] }; // openItems ← readyToClose ← openItems
    const [cycle] = checkFormDefinition(def, ctx);
    expect(cycle).toMatchObject({ code: 'BATON_E_FORM_COMPUTED_CYCLE', path: '/fields/12/computed' });
    expect(cycle?.message).toBe('Computed fields depend on each other in a circle (openItems → readyToClose → openItems): remove one of these dependencies.');
  });

  it('checks sections, access, rules and titleField against the fields', () => {
    const def = base();
    def.sections![0]!.fields.push('salary', 'employeeId');
    def.access!.manager_review!['customers.owner'] = 'readonly';
    def.access!.manager_review!.bonus = 'hidden';
    def.validations!.push({ key: 'x', each: 'laptops', assert: true, path: 'a', message: 'x' });
    def.validations!.push({ key: 'x', assert: true, path: 'nowhere', message: 'x' });
    def.titleField = 'name';
    expect(codes(def)).toEqual([
      ['BATON_E_FORM_SECTION_UNKNOWN_FIELD', '/sections/0/fields/7'],
      ['BATON_E_FORM_SECTION_DUPLICATE_FIELD', '/sections/0/fields/8'],
      ['BATON_E_FORM_RULE_UNKNOWN_TABLE', '/validations/2/each'],
      ['BATON_E_FORM_DUPLICATE_RULE', '/validations/3/key'],
      ['BATON_E_FORM_RULE_UNKNOWN_PATH', '/validations/3/path'],
      ['BATON_E_FORM_ACCESS_UNKNOWN_FIELD', '/access/manager_review/customers.owner'],
      ['BATON_E_FORM_ACCESS_UNKNOWN_FIELD', '/access/manager_review/bonus'],
      ['BATON_E_FORM_TITLE_FIELD_UNKNOWN', '/titleField'],
    ]);
  });

  it('checks relation targets when the context knows the forms', () => {
    const def = base();
    def.fields[8]!.fields![0]!.config = { form: 'client' };
    def.fields[9]!.fields![0]!.config = { form: 'offboarding-handover', displayField: 'serial' };
    expect(codes(def)).toEqual([
      ['BATON_E_FORM_RELATION_UNKNOWN_FORM', '/fields/8/fields/0/config/form'],
      ['BATON_E_FORM_RELATION_NOT_COLLECTION', '/fields/9/fields/0/config/form'],
      ['BATON_E_FORM_RELATION_UNKNOWN_DISPLAY_FIELD', '/fields/9/fields/0/config/displayField'],
    ]);
    // A context that cannot resolve forms skips these checks.
    expect(codes(def, { ...ctx, resolve: () => undefined })).toEqual([]);
  });

  it('checks select defaults, sub-table columns and computed fields', () => {
    const def = base();
    def.fields[2]!.default = 'fired';
    def.fields[0]!.fields = [{ key: 'x', type: 'text', label: 'X' }];
    def.fields.push({ key: 'emptyTable', type: 'sub-table', label: 'Empty' });
    def.fields.push({ key: 'formula', type: 'computed', label: 'Formula' });
    def.fields[10]!.fields!.push({ key: 'nested', type: 'sub-table', label: 'Nested', fields: [{ key: 'y', type: 'text', label: 'Y' }] });
    const issues = checkFormDefinition(def, ctx);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['BATON_E_FORM_COLUMNS_NOT_ALLOWED', '/fields/0/fields'],
      ['BATON_E_FORM_DEFAULT_NOT_OPTION', '/fields/2/default'],
      ['BATON_E_FORM_NESTED_SUBTABLE', '/fields/10/fields/4/type'],
      ['BATON_E_FORM_SUBTABLE_NEEDS_COLUMNS', `/fields/${def.fields.length - 2}`],
      ['BATON_E_FORM_COMPUTED_MISSING', `/fields/${def.fields.length - 1}`],
    ]);
    expect(issues[1]?.messages['zh-CN']).toBe('字段 "leaveType" 的默认值 "fired" 不在选项中（"resignation", "dismissal", "retirement", "contract-end"）：请改为其中之一，或把它加为选项。');
  });
});
