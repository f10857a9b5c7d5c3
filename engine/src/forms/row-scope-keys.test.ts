import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './form-definition.js';
import { buildAccessPlan } from './form-access.js';
import { buildFormModel, type FormModel } from './form-model.js';
import { compileFormDataValidator } from './form-data-validator.js';
import { FormDataCheck } from './form-data-check.js';
import { rowScopeKeys, rowScopeLogic } from './row-scope-keys.js';
import { validateFormData, type FormRuntime } from './validate-form-data.js';
import { handoverForm, validHandoverData } from './fixtures/handover-form.js';
import { testRegistry } from './fixtures/test-registry.js';

describe('rowScopeKeys', () => {
  it('lists the row keys read by literal var paths, without $parent and $index', () => {
    const keys = rowScopeKeys([
      { '==': [{ var: 'returned' }, true] },
      { and: [{ var: 'condition.code' }, { '<': [{ var: '$parent.lastWorkingDay' }, { var: ['$index', 0] }] }] },
      { var: ['missingColumn', { var: 'fallbackColumn' }] },
    ]);
    expect(keys?.sort()).toEqual(['condition', 'fallbackColumn', 'missingColumn', 'returned']);
  });

  it('refuses expressions that may look at the scope object itself', () => {
    expect(rowScopeKeys([{ var: '' }])).toBeUndefined();
    expect(rowScopeKeys([{ '!': { var: [] } }])).toBeUndefined();
    expect(rowScopeKeys([{ var: { cat: ['a', 'b'] } }])).toBeUndefined();
    expect(rowScopeKeys([{ exists: 'returned' }])).toBeUndefined();
    expect(rowScopeKeys([{ val: 'returned' }])).toBeUndefined();
    expect(rowScopeKeys([{ missing: ['returned'] }])).toBeUndefined();
    expect(rowScopeKeys([{ map: [{ var: '$parent.customers' }, { var: '' }] }])).toBeUndefined();
  });

  it('refuses try (its later branches read the error, not the row)', () => {
    expect(rowScopeKeys([{ try: [{ var: 'a' }, 0] }])).toBeUndefined();
  });

  it('rewrites row paths to a RowScope, leaving iterator bodies and literals alone', () => {
    expect(
      rowScopeLogic({
        and: [
          { var: 'returned' },
          { '<': [{ var: '$parent.lastWorkingDay' }, { var: ['$index', 0] }] },
          { reduce: [{ var: '$parent.customers' }, { '+': [{ var: 'accumulator' }, 1] }, { var: 'base' }] },
          { in: [{ var: 'condition.code' }, ['x', 'y']] },
          { preserve: { var: 'kept' } },
        ],
      }),
    ).toEqual({
      and: [
        { var: 'row.returned' },
        { '<': [{ var: 'parent.lastWorkingDay' }, { var: ['index', 0] }] },
        { reduce: [{ var: 'parent.customers' }, { '+': [{ var: 'accumulator' }, 1] }, { var: 'row.base' }] },
        { in: [{ var: 'row.condition.code' }, ['x', 'y']] },
        { preserve: { var: 'kept' } },
      ],
    });
  });

  it('never copies a blocked name (assigning __proto__ would change the prototype)', () => {
    expect(rowScopeKeys([{ var: '__proto__.polluted' }, { var: 'constructor' }, { var: 'ok' }])).toEqual(['ok']);
  });
});

/** A table whose expressions use every row-scope feature: chained computed columns, $index, $parent, requiredIf. */
const scopedForm: FormDefinition = {
  ...handoverForm,
  key: 'scope-probe',
  fields: [
    ...handoverForm.fields,
    {
      key: 'lines',
      type: 'sub-table',
      label: { en: 'Lines', 'zh-CN': '明细' },
      fields: [
        { key: 'qty', type: 'number', label: { en: 'Quantity', 'zh-CN': '数量' } },
        { key: 'price', type: 'number', label: { en: 'Price', 'zh-CN': '单价' } },
        { key: 'total', type: 'computed', label: { en: 'Total', 'zh-CN': '合计' }, config: { resultType: 'number' }, computed: { '*': [{ var: 'qty' }, { var: 'price' }] } },
        { key: 'big', type: 'computed', label: { en: 'Big', 'zh-CN': '大额' }, config: { resultType: 'boolean' }, computed: { '>': [{ var: 'total' }, 100] } },
        { key: 'reason', type: 'text', label: { en: 'Reason', 'zh-CN': '原因' }, visibleIf: { var: 'big' }, requiredIf: { '>': [{ var: '$index' }, 0] } },
        { key: 'note', type: 'text', label: { en: 'Note', 'zh-CN': '备注' }, visibleIf: { '==': [{ var: '$parent.leaveType' }, 'resignation'] } },
      ],
    },
  ] as FormDefinition['fields'],
  validations: [
    ...(handoverForm.validations ?? []),
    {
      key: 'qtyPositive',
      each: 'lines',
      when: { '!=': [{ var: 'qty' }, null] },
      assert: { '>': [{ var: 'qty' }, { var: '$index' }] },
      path: 'qty',
      message: { en: 'Quantity too small: raise it.', 'zh-CN': '数量太小：请增加。' },
    },
  ],
};

/** With `fused`, the happy path goes through the fused data check; without, through the generic schema check. */
function runtimeOf(model: FormModel, fused: boolean): FormRuntime {
  return {
    model,
    check: compileFormDataValidator(model),
    clean: fused ? FormDataCheck.build(model) : undefined,
    accessPlan: (node) => buildAccessPlan(model, model.def, node),
  };
}

describe('shared row scopes', () => {
  const registry = testRegistry();
  const shared = buildFormModel(scopedForm, registry);
  const fresh = buildFormModel(scopedForm, registry, { sharedRowScopes: false });
  const sharedRuntime = runtimeOf(shared, true);
  const freshRuntime = runtimeOf(fresh, false);

  it('are used for every table of the fixtures', () => {
    expect(fresh.fields.some((f) => f.sharedScope)).toBe(false);
    expect(shared.fields.filter((f) => f.columns).map((f) => [f.key, f.sharedScope])).toEqual([
      ['customers', true],
      ['assets', true],
      ['accounts', true],
      ['lines', true],
    ]);
  });

  it('give the same result, errors and data as a fresh scope per row (and the fused check as the schema check), on random data', () => {
    const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -5, max: 200 }), fc.constantFrom('x', '', 'resignation', 'dismissal'), fc.boolean());
    const num = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -5, max: 200 }));
    const text = fc.oneof(fc.constant(undefined), fc.constantFrom('because', ''));
    const line = fc.record({ qty: num, price: num, total: value, big: value, reason: text, note: text, stray: fc.constant(1) }, { requiredKeys: [] });
    const asset = fc.record({ assetId: fc.constantFrom('a-1', ''), returned: value, returnedOn: fc.constantFrom('2025-03-28', '2025-02-30'), condition: fc.constantFrom('good', 'lost'), overdue: value }, { requiredKeys: ['assetId'] });
    const input = fc.record({
      leaveType: fc.constantFrom('resignation', 'dismissal', 'retirement'),
      lines: fc.array(line, { maxLength: 5 }),
      assets: fc.array(asset, { maxLength: 4 }),
      employeeId: fc.constantFrom('u-li-lei', 'u-han-meimei-0'),
    });
    fc.assert(
      fc.property(input, (patch) => {
        const data = { ...validHandoverData(2), ...patch };
        // A computed column that throws (`"x" * 2`) must throw the same way with both.
        const run = (runtime: FormRuntime): unknown => {
          try {
            return validateFormData(runtime, data);
          } catch (error) {
            return { threw: error instanceof Error ? error.message : String(error) };
          }
        };
        expect(run(sharedRuntime)).toStrictEqual(run(freshRuntime));
      }),
      { seed: 20250331, numRuns: 300 },
    );
  });
});
