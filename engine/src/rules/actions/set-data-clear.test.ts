import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../../definitions/semantic-check-context.js';
import type { Effect } from '../../effects/effect.js';
import { checkRuleDefinition } from '../check-rule-definition.js';
import { compileRules } from '../compile-rules.js';
import type { RuleAction, RuleDefinition } from '../rule-definition.js';
import { ctx, event, resolveOffboarding, rule, rulesRegistry } from '../rule-test-fixtures.js';

// A set-data value of null clears the field (a record stores it no more): the effect carries the null, and
// publishing refuses clearing a field the form requires, or a field of a flow instance's data.
const registry = rulesRegistry();
const now = '2025-09-26T02:00:00.000Z';

const assetForm = {
  kind: 'form',
  key: 'asset',
  collection: true,
  fields: [
    { key: 'tag', type: 'text', required: true },
    { key: 'holderId', type: 'user' },
    { key: 'status', type: 'select', required: true, config: { options: [{ value: 'in-stock' }] } },
  ],
};
const resolve = (kind: string, key: string): unknown => (kind === 'form' && key === 'asset' ? assetForm : resolveOffboarding(kind, key));
const withForms: SemanticCheckContext = { registry, locale: 'en', resolve };

const toAsset = (values: Record<string, unknown>): RuleAction => ({
  type: 'set-data',
  forEach: { var: 'assets' },
  params: { target: { form: 'asset', recordId: { var: '$item.assetId' } }, values },
});
const codes = (def: RuleDefinition, check: SemanticCheckContext = withForms) => checkRuleDefinition(def, check).map((i) => [i.code, i.path]);
const flowRule = (action: RuleAction) => rule({ scope: { flow: 'offboarding' }, trigger: { type: 'flow-completed' }, actions: [action] });

function run(action: RuleAction, data: Record<string, unknown>): Effect[] {
  const rules = compileRules([rule({ trigger: { type: 'flow-started' }, actions: [action] })], registry);
  return rules.onEvent(event('flow.started', { data }), ctx(now)).effects;
}

describe('set-data: null clears a field', () => {
  it('carries a literal null into the record patch beside the values it sets', () => {
    const effects = run(toAsset({ status: 'in-stock', holderId: null, previousHolderId: { var: 'employeeId' } }), { assets: [{ assetId: 'a-1' }], employeeId: 'u-emp' });
    expect(effects).toEqual([
      { type: 'setData', key: expect.any(String), formKey: 'asset', recordId: 'a-1', patch: { status: 'in-stock', holderId: null, previousHolderId: 'u-emp' } },
    ]);
  });

  it('an expression that finds nothing also gives null, which clears', () => {
    const effects = run(toAsset({ returnedOn: { var: '$item.returnedOn' } }), { assets: [{ assetId: 'a-1' }] });
    expect(effects[0]?.type === 'setData' && effects[0].patch).toEqual({ returnedOn: null });
  });

  it('publishes a rule clearing an optional field of another form’s record', () => {
    expect(codes(flowRule(toAsset({ status: 'in-stock', holderId: null })))).toEqual([]);
  });

  it('refuses clearing a required field, with its path, in both languages', () => {
    const issues = checkRuleDefinition(flowRule(toAsset({ holderId: null, status: null })), { ...withForms, locale: 'zh-CN' });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['BATON_E_RULE_CLEARS_REQUIRED', '/actions/0/params/values/status']]);
    expect(issues[0]?.message).toContain('表单 "asset" 的字段 "status" 是必填项');
    expect(issues[0]?.messages.en).toContain('Field "status" of form "asset" is required');
  });

  it('refuses clearing the required field of the record a form-scoped rule runs for', () => {
    const own = rule({ scope: { form: 'asset' }, trigger: { type: 'record-updated' }, actions: [{ type: 'set-data', params: { values: { tag: null, holderId: null } } }] });
    expect(codes(own)).toEqual([['BATON_E_RULE_CLEARS_REQUIRED', '/actions/0/params/values/tag']]);
  });

  it('refuses null on a flow instance’s own data, which keeps its keys', () => {
    expect(codes(flowRule({ type: 'set-data', params: { values: { reason: null } } }))).toEqual([['BATON_E_RULE_CLEARS_FLOW_DATA', '/actions/0/params/values/reason']]);
    // Without the flow's definition at hand too: the scope says the data is an instance's.
    expect(codes(flowRule({ type: 'set-data', params: { values: { reason: null } } }), { registry, locale: 'en' })).toEqual([
      ['BATON_E_RULE_CLEARS_FLOW_DATA', '/actions/0/params/values/reason'],
    ]);
  });

  it('a person’s leave date may be cleared, and a form it cannot see is left to the run', () => {
    const unmark = { type: 'set-data', params: { target: { user: { var: 'employeeId' } }, values: { leaveDate: null } } };
    expect(codes(flowRule(unmark))).toEqual([]);
    const elsewhere = { type: 'set-data', params: { target: { form: 'vehicle', recordId: { var: 'employeeId' } }, values: { plate: null } } };
    expect(codes(flowRule(elsewhere))).toEqual([]);
  });

  it('a target of the wrong shape is a params issue, not a crash of the clear check (fuzz seed 20250630)', () => {
    const bad = { type: 'set-data', params: { target: 1.5, values: { reason: null } } } as unknown as RuleAction;
    const found = codes(flowRule(bad));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(([, path]) => String(path).startsWith('/actions/0/params'))).toBe(true);
    expect(found.map(([code]) => code)).not.toContain('BATON_E_RULE_CLEARS_FLOW_DATA');
  });
});
