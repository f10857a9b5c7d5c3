import { describe, expect, it } from 'vitest';
import { buildAccessPlan } from './form-access.js';
import { FormDataCheck } from './form-data-check.js';
import { compileFormDataValidator } from './form-data-validator.js';
import type { FormDefinition } from './form-definition.js';
import { buildFormModel, type FormModel } from './form-model.js';
import { validateFormData, type FormRuntime } from './validate-form-data.js';
import { handoverForm, validHandoverData } from './fixtures/handover-form.js';
import { testRegistry } from './fixtures/test-registry.js';

/** The handover form plus a date with a `min` (a field type's own check) so validateValue is exercised. */
const form: FormDefinition = {
  ...handoverForm,
  fields: [...handoverForm.fields, { key: 'handoverBy', type: 'date', label: { en: 'Hand over by', 'zh-CN': '交接截止' }, config: { min: '2025-01-01' } }] as FormDefinition['fields'],
};

function runtime(model: FormModel, fused: boolean): FormRuntime {
  return {
    model,
    check: compileFormDataValidator(model),
    clean: fused ? FormDataCheck.build(model) : undefined,
    accessPlan: (node) => buildAccessPlan(model, model.def, node),
  };
}

describe('the fused data check', () => {
  const model = buildFormModel(form, testRegistry());
  const fused = runtime(model, true);
  const generic = runtime(model, false);
  const both = (data: unknown, options = {}) => {
    const a = validateFormData(fused, data, options);
    const b = validateFormData(generic, data, options);
    expect(a).toStrictEqual(b);
    return a;
  };
  const valid = (): Record<string, unknown> => JSON.parse(JSON.stringify({ ...validHandoverData(3), handoverBy: '2025-04-01' }));
  const rows = (data: Record<string, unknown>, table: string) => data[table] as Array<Record<string, unknown>>;

  it('is built for the built-in sub-table and passes valid data as the schema check does', () => {
    expect(FormDataCheck.build(model)).toBeDefined();
    const result = both(valid());
    expect(result.ok).toBe(true);
    // Twice: the second run uses the remembered key orders.
    expect(both(valid()).ok).toBe(true);
  });

  it('reports exactly what the schema check reports when a value, a cell or a key is wrong', () => {
    const cases: Array<(d: Record<string, unknown>) => void> = [
      (d) => (d.lastWorkingDay = '2025-02-30'),
      (d) => (d.leaveDaysLeft = 'three'),
      (d) => (d.stray = 1),
      (d) => (rows(d, 'assets')[1]!.returnedOn = 'soon'),
      (d) => (rows(d, 'customers')[2]!.extraColumn = 'x'),
      (d) => (rows(d, 'accounts')[0] = 'not a row' as never),
      (d) => (rows(d, 'customers')[0]!.customerId = ''),
      (d) => delete rows(d, 'customers')[1]!.successorId,
      (d) => (d.handoverBy = '2024-12-31'),
      (d) => (d.customers = 'none'),
      (d) => (d.finalPay = { amount: '12.345', currency: 'CNY' }),
      // Cells the row loop now checks inline: a select (enum) and a computed boolean column.
      (d) => (rows(d, 'assets')[0]!.condition = 'shiny'),
      (d) => (rows(d, 'assets')[2]!.condition = 7),
      // A stray key after the same submission passed once (the remembered key list must not hide it).
      (d) => (d.zzz = true),
    ];
    for (const change of cases) {
      const data = valid();
      change(data);
      const result = both(data);
      expect(result.ok, JSON.stringify(data).slice(0, 80)).toBe(false);
    }
  });

  it('explains only the failing fields and undeclared keys, with every error and order the whole data gives', () => {
    const many = (): Record<string, unknown> => {
      const d: Record<string, unknown> = { first: 1, ...valid(), last: 2 };
      d.lastWorkingDay = '2025-02-30';
      d.leaveDaysLeft = 99;
      d.finalPay = { amount: 'x', currency: 'CNY' };
      rows(d, 'customers')[1]!.confirmed = 'no';
      rows(d, 'customers')[2]!.extraColumn = 1;
      rows(d, 'assets')[0]!.returnedOn = 'soon';
      rows(d, 'assets')[2]!.condition = 'shiny';
      rows(d, 'accounts')[0] = 'not a row' as never;
      d.handoverBy = '2024-12-31';
      return d;
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const result = both(many(), { locale });
      expect(result.errors.map((e) => e.path)).toEqual([
        '/first',
        '/last',
        '/lastWorkingDay',
        '/finalPay/amount',
        '/customers/1/confirmed',
        '/customers/2/extraColumn',
        '/assets/0/returnedOn',
        '/assets/2/condition',
        '/accounts/0',
        '/leaveDaysLeft',
        // The cross-field rule over noticeDate and lastWorkingDay waits until lastWorkingDay is a valid date
        // (schema-first.ts); the field types' own checks come last.
        '/handoverBy',
      ]);
    }
    // The same at a flow node, where read-only values are restored first.
    const previous = both(valid(), { node: 'start' }).data;
    expect(both(many(), { node: 'manager_review', previous }).ok).toBe(false);
    // A submitted __proto__ key is an undeclared key like any other, on both paths.
    const polluted = JSON.parse(JSON.stringify(valid()).replace('{', '{"__proto__": {"employeeId": "x"},')) as Record<string, unknown>;
    delete polluted.employeeId;
    const result = both(polluted);
    expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual(['BATON_E_SCHEMA_ADDITIONAL_PROPERTIES /__proto__', 'BATON_E_FORM_REQUIRED /employeeId']);
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
  });

  it('keeps a __proto__ key of a sub-table row an undeclared own key of the row copy, on both paths', () => {
    // A row the engine copies (its computed `overdue` is recomputed) and a row it does not.
    for (const recomputed of [true, false]) {
      const data = valid();
      const text = JSON.stringify(data).replace('"assets":[{', '"assets":[{"__proto__": {"assetTag": "x", "polluted": true},');
      const polluted = JSON.parse(text) as Record<string, unknown>;
      const row = rows(polluted, 'assets')[0]!;
      if (recomputed) row.overdue = 'yes';
      const result = both(polluted);
      expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual(['BATON_E_SCHEMA_ADDITIONAL_PROPERTIES /assets/0/__proto__']);
      const out = rows(result.data, 'assets')[0]!;
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.keys(out)).toContain('__proto__');
      expect(out.polluted).toBeUndefined();
    }
  });

  it('agrees when the submitted top-level keys change between validations (added, dropped, reordered)', () => {
    const first = valid();
    expect(both(first).ok).toBe(true);
    const fewer = valid();
    delete fewer.noticeDate;
    expect(both(fewer).ok).toBe(true);
    const more = { ...valid(), stray: 1 };
    expect(both(more).ok).toBe(false);
    const reordered = Object.fromEntries(Object.entries(valid()).reverse());
    expect(both(reordered).ok).toBe(true);
    expect(both(valid()).ok).toBe(true);
    expect(both({ ...valid(), stray: 1 }).ok).toBe(false);
  });

  it('agrees when a computed boolean column was sent as null or as a wrong type', () => {
    const asNull = valid();
    rows(asNull, 'assets')[0]!.overdue = null;
    expect(both(asNull).ok).toBe(true);
    const wrong = valid();
    rows(wrong, 'assets')[1]!.overdue = 'yes';
    // Recomputed before it is checked: the stored value is the computed one.
    const result = both(wrong);
    expect(result.ok).toBe(true);
    expect(rows(result.data, 'assets')[1]!.overdue).toBe(false);
  });

  it('agrees at a flow node with access checks, and after the key order of the rows changes', () => {
    const data = valid();
    const previous = both(data, { node: 'start' }).data;
    expect(both(previous, { node: 'manager_review', previous }).ok).toBe(true);
    const reordered = valid();
    reordered.customers = rows(reordered, 'customers').map(({ confirmed, notes, successorId, customerId }) => ({ confirmed, notes, successorId, customerId }));
    expect(both(reordered).ok).toBe(true);
    expect(both(valid()).ok).toBe(true);
  });
});
