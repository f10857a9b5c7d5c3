import { compileForm, createRegistry, type FormDefinition } from '@baton/engine';
import { createSchemaUtils, type RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { cfworkerValidator } from '../../shared/schema-form/cfworker-validator.js';
import { workspaceDefaultFormState } from './workspace-widgets.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
// The offboarding pack's final settlement, cut down: optional money fields and a required date.
const settlement = {
  kind: 'form',
  key: 'settlement',
  version: 1,
  title: t('Final settlement', '离职结算'),
  fields: [
    { key: 'finalSalary', type: 'money', label: t('Salary', '工资'), config: { currency: 'CNY' } },
    { key: 'severancePay', type: 'money', label: t('Severance', '经济补偿金'), config: { currency: 'CNY' } },
    { key: 'paidOn', type: 'date', label: t('Paid on', '发放日期'), required: true },
  ],
} as unknown as FormDefinition;

const compiled = compileForm(settlement, createRegistry());
const schema = compiled.schemas('en').jsonSchema as RJSFSchema;

/** The data rjsf hands to onChange before anyone touches a field (what the task page would send). */
function untouchedData(behavior?: typeof workspaceDefaultFormState): Record<string, unknown> {
  return createSchemaUtils(cfworkerValidator, schema, behavior).getDefaultFormState(schema, {}) as Record<string, unknown>;
}

describe('workspace forms: defaults rjsf fills in', () => {
  it('rjsf on its own turns an untouched money field into a currency without an amount, which the engine refuses', () => {
    const data = untouchedData();
    expect(data.severancePay).toEqual({ currency: 'CNY' });
    const issues = compiled.validate({ ...data, paidOn: '2026-12-20' }).errors.map((i) => i.path);
    expect(issues).toContain('/severancePay/amount');
  });

  it('with the workspace setting untouched money fields stay empty and the engine accepts the step', () => {
    const data = untouchedData(workspaceDefaultFormState);
    expect(data).not.toHaveProperty('severancePay');
    expect(data).not.toHaveProperty('finalSalary');
    const result = compiled.validate({ ...data, paidOn: '2026-12-20', finalSalary: { amount: '18500.00', currency: 'CNY' } });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
