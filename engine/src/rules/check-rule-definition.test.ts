import { describe, expect, it } from 'vitest';
import type { SemanticCheckContext } from '../definitions/semantic-check-context.js';
import { checkRuleDefinition } from './check-rule-definition.js';
import type { RuleDefinition } from './rule-definition.js';
import { resolveOffboarding, rule, rulesRegistry } from './rule-test-fixtures.js';

const registry = rulesRegistry();
const withForm: SemanticCheckContext = { registry, locale: 'en', resolve: resolveOffboarding };
const notifyHr = { type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'x' } };
const scoped = (partial: Partial<RuleDefinition>): RuleDefinition =>
  rule({ scope: { flow: 'offboarding' }, trigger: { type: 'flow-started' }, actions: [notifyHr], ...partial });
const codes = (def: RuleDefinition, ctx: SemanticCheckContext = withForm) => checkRuleDefinition(def, ctx).map((i) => [i.code, i.path]);

describe('checkRuleDefinition', () => {
  it('accepts a valid rule', () => {
    expect(checkRuleDefinition(scoped({}), withForm)).toEqual([]);
  });

  it('reports an unknown trigger type with the known ones, in both languages', () => {
    const [found] = checkRuleDefinition(scoped({ trigger: { type: 'on-full-moon' } }), { ...withForm, locale: 'zh-CN' });
    expect(found).toMatchObject({ code: 'BATON_E_RULE_UNKNOWN_TRIGGER', path: '/trigger/type' });
    expect(found?.message).toContain('触发器类型 "on-full-moon" 未注册');
    expect(found?.messages.en).toContain('task-completed');
  });

  it('reports an unknown action type at its index', () => {
    expect(codes(scoped({ actions: [notifyHr, { type: 'teleport' }] }))).toEqual([['BATON_E_RULE_UNKNOWN_ACTION', '/actions/1/type']]);
  });

  it('reports a trigger config invalid for its type', () => {
    const issues = checkRuleDefinition(scoped({ trigger: { type: 'date-offset', config: { offset: -3, unit: 'fortnights' } } }), withForm);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path.startsWith('/trigger/config'))).toBe(true);
  });

  it('reports action params invalid for the type', () => {
    const issues = checkRuleDefinition(scoped({ actions: [{ type: 'notify', params: { title: 'x' } }] }), withForm);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path.startsWith('/actions/0/params'))).toBe(true);
  });

  it('reports a bad cron expression through the trigger type check', () => {
    expect(codes(scoped({ trigger: { type: 'schedule', config: { cron: '0 25 * * *' } } }))).toEqual([['BATON_E_RULE_BAD_CRON', '/trigger/config/cron']]);
  });

  it('reports an expression that does not compile', () => {
    expect(codes(scoped({ condition: { 'no-such-operator': [1] } }))).toEqual([['BATON_E_RULE_BAD_EXPRESSION', '/condition']]);
  });

  it('reports a condition naming an unknown field, and says which fields exist', () => {
    const [found] = checkRuleDefinition(scoped({ condition: { '==': [{ var: 'leaveType' }, 'x'] } }), withForm);
    expect(found).toMatchObject({ code: 'BATON_E_RULE_UNKNOWN_FIELD', path: '/condition', params: { field: 'leaveType', form: 'offboarding-request' } });
    expect(found?.message).toContain('employeeId');
    expect(found?.messages['zh-CN']).toContain('表单 "offboarding-request" 中没有字段 "leaveType"');
  });

  it('checks sub-table columns and accepts reserved names and vars', () => {
    expect(codes(scoped({ condition: { some: [{ var: 'customers' }, { var: 'successorId' }] } }))).toEqual([]);
    expect(codes(scoped({ condition: { '==': [{ var: 'customers.0.owner' }, 1] } }))).toEqual([['BATON_E_RULE_UNKNOWN_FIELD', '/condition']]);
    expect(codes(scoped({ condition: { '==': [{ var: 'customers.successorId' }, 1] } }))).toEqual([]);
    expect(codes(scoped({ vars: { who: { var: 'employeeId' } }, condition: { and: [{ var: 'who' }, { var: '$event.nodeId' }, { var: '$params.x' }] } }))).toEqual([]);
  });

  it('reports unknown fields in action params expressions, var expressions and forEach', () => {
    expect(
      codes(
        scoped({
          vars: { x: { var: 'nope1' } },
          actions: [
            { type: 'invoke', forEach: { var: 'nope2' }, params: { connector: 'type:scim', action: 'deactivate', params: { user: { var: 'nope3' }, item: { var: '$item.id' } } } },
          ],
        }),
      ),
    ).toEqual([
      ['BATON_E_RULE_UNKNOWN_FIELD', '/vars/x'],
      ['BATON_E_RULE_UNKNOWN_FIELD', '/actions/0/forEach'],
      ['BATON_E_RULE_UNKNOWN_FIELD', '/actions/0/params/params/user'],
    ]);
  });

  it('reports template placeholders naming unknown fields, but not directory look-ups on known ones', () => {
    const def = scoped({
      actions: [{ type: 'create-task', params: { title: { en: 'Disable {employeeId.name} {employee.name}', 'zh-CN': '停用 {employeeId.name}' }, assignees: [{ kind: 'role', role: 'it' }] } }],
    });
    const issues = checkRuleDefinition(def, withForm);
    expect(issues.map((i) => [i.code, i.path, i.params?.placeholder])).toEqual([['BATON_E_RULE_UNKNOWN_PLACEHOLDER', '/actions/0/params/title', 'employee.name']]);
  });

  it('reports a date-offset trigger on an unknown field and on a field that is not a date', () => {
    const dateRule = (field: string) => scoped({ trigger: { type: 'date-offset', config: { field, offset: -3, unit: 'business-days', at: '09:00' } } });
    expect(codes(dateRule('lastWorkingDay'))).toEqual([]);
    expect(codes(dateRule('terminationDate'))).toEqual([]); // pinned "date@1"
    expect(codes(dateRule('settlementDue'))).toEqual([]); // computed, result type date
    expect(codes(dateRule('lastDay'))).toEqual([['BATON_E_RULE_UNKNOWN_FIELD', '/trigger/config/field']]);
    const [notDate] = checkRuleDefinition(dateRule('reason'), withForm);
    expect(notDate).toMatchObject({ code: 'BATON_E_RULE_FIELD_NOT_DATE', path: '/trigger/config/field', params: { field: 'reason', type: 'long-text' } });
    expect(notDate?.messages['zh-CN']).toContain('请选择一个日期字段');
  });

  it('reports unknown fields named by record-updated, assignees and set-data', () => {
    expect(codes(scoped({ trigger: { type: 'record-updated', config: { fields: ['lastWorkingDay', 'lastDay'] } } }))).toEqual([
      ['BATON_E_RULE_UNKNOWN_FIELD', '/trigger/config/fields/1'],
    ]);
    expect(codes(scoped({ actions: [{ type: 'notify', params: { to: [{ kind: 'field', path: 'hrPartner' }], title: 'x' } }] }))).toEqual([
      ['BATON_E_RULE_UNKNOWN_FIELD', '/actions/0/params/to/0/path'],
    ]);
    expect(codes(scoped({ actions: [{ type: 'notify', params: { to: [{ kind: 'field', path: 'type' }], title: 'x' } }] }))).toEqual([
      ['BATON_E_RULE_FIELD_WRONG_TYPE', '/actions/0/params/to/0/path'],
    ]);
    expect(codes(scoped({ actions: [{ type: 'set-data', params: { values: { statuz: 'left' } } }] }))).toEqual([
      ['BATON_E_RULE_UNKNOWN_FIELD', '/actions/0/params/values/statuz'],
    ]);
    // Writing another form's record: the keys belong to that form, not this one.
    expect(codes(scoped({ actions: [{ type: 'set-data', params: { target: { form: 'customer', recordId: { var: 'employeeId' } }, values: { ownerId: 'x' } } }] }))).toEqual([]);
  });

  it('resolves the form through a form scope too, and skips field checks when the form is unknown', () => {
    const bad = { condition: { var: 'nope' } };
    expect(codes(rule({ scope: { form: 'offboarding-request' }, trigger: { type: 'record-created' }, actions: [notifyHr], ...bad }))).toHaveLength(1);
    expect(codes(rule({ scope: { form: 'unknown-form' }, trigger: { type: 'record-created' }, actions: [notifyHr], ...bad }))).toEqual([]);
    expect(codes(scoped(bad), { registry, locale: 'en' })).toEqual([]);
  });
});
