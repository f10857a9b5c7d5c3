// The IF-THEN rules of the offboarding pack (issue 5), written as rule definitions and run end to end.
import { describe, expect, it } from 'vitest';
import ruleSchema from '../../schemas/rule.schema.json' with { type: 'json' };
import { validateAgainstSchema } from '../definitions/validate-against-schema.js';
import type { Effect } from '../effects/effect.js';
import { checkRuleDefinition } from './check-rule-definition.js';
import { compileRules } from './compile-rules.js';
import type { RuleDefinition } from './rule-definition.js';
import { ctx, event, offboardingData, resolveOffboarding, rulesRegistry } from './rule-test-fixtures.js';
import { diffPlans } from './timer-plan.js';

const header = { kind: 'rule' as const, version: 1, scope: { flow: 'offboarding' } };
const employee = { employee: { var: 'employeeId' } };

const OFFBOARDING_RULES: RuleDefinition[] = [
  {
    ...header,
    key: 'it-disable-accounts',
    title: { en: 'When HR approves: IT disables the accounts', 'zh-CN': 'HR 同意后：IT 停用账号' },
    trigger: { type: 'task-completed', config: { nodeId: 'hr-interview', action: 'approve' } },
    vars: employee,
    actions: [
      {
        type: 'create-task',
        params: {
          title: { en: 'Disable accounts of {employee.name}', 'zh-CN': '停用 {employee.name} 的账号' },
          description: {
            en: '{employee.name} ({employee.departmentId.name}) leaves on {lastWorkingDay}. Accounts: {accounts.system}.',
            'zh-CN': '{employee.name}（{employee.departmentId.name}）最后工作日 {lastWorkingDay}。账号：{accounts.system}。',
          },
          assignees: [{ kind: 'role', role: 'it' }],
          due: { amount: 2, unit: 'business-days' },
          data: { employeeId: { var: 'employeeId' }, lastWorkingDay: { var: 'lastWorkingDay' }, accounts: { var: 'accounts' } },
        },
      },
    ],
  },
  {
    ...header,
    key: 'collect-assets',
    title: { en: 'At admin affairs: collect the fixed assets', 'zh-CN': '到达行政节点：回收固定资产' },
    trigger: { type: 'node-entered', config: { nodeId: 'admin-affairs' } },
    vars: employee,
    actions: [
      {
        type: 'create-task',
        params: {
          title: { en: 'Collect fixed assets', 'zh-CN': '回收固定资产' },
          description: { en: 'From {employee.name}: {assets.assetId}', 'zh-CN': '{employee.name} 的设备：{assets.assetId}' },
          assignees: [{ kind: 'role', role: 'admin-affairs' }],
          data: { assets: { var: 'assets' } },
        },
      },
    ],
  },
  {
    ...header,
    key: 'settlement-reminder',
    title: { en: 'Remind finance to prepare the final settlement', 'zh-CN': '提醒财务准备离职结算' },
    trigger: {
      type: 'date-offset',
      config: { field: 'lastWorkingDay', offset: { param: 'settlementReminderDays', negate: true, default: 3 }, unit: 'business-days', at: '09:00' },
    },
    vars: employee,
    actions: [
      {
        type: 'notify',
        params: {
          to: [{ kind: 'role', role: 'finance' }],
          title: { en: 'Prepare the final settlement of {employee.name}', 'zh-CN': '请准备 {employee.name} 的离职结算' },
          body: { en: 'Last working day: {lastWorkingDay}', 'zh-CN': '最后工作日：{lastWorkingDay}' },
        },
      },
    ],
  },
  {
    ...header,
    key: 'revoke-access',
    title: { en: 'At the end of the last working day: revoke access everywhere', 'zh-CN': '最后工作日结束：在所有系统中停用访问' },
    // The end of lastWorkingDay in the organisation's zone = the next day at 00:00.
    trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: 1, unit: 'days', at: '00:00' } },
    actions: [{ type: 'invoke', params: { connector: 'type:scim', action: 'deactivateUser', params: { userId: { var: 'employeeId' } } } }],
  },
  {
    ...header,
    key: 'revocation-failed',
    title: { en: 'Tell IT when a revocation failed', 'zh-CN': '停用失败时通知 IT' },
    trigger: { type: 'invoke-failed', config: { connector: 'type:scim', action: 'deactivateUser' } },
    vars: employee,
    actions: [
      {
        type: 'notify',
        params: {
          to: [{ kind: 'role', role: 'it' }],
          title: { en: 'Revoking {employee.name} failed in {$event.payload.connector}', 'zh-CN': '在 {$event.payload.connector} 中停用 {employee.name} 失败' },
          body: '{$event.payload.error}',
        },
      },
    ],
  },
  {
    ...header,
    key: 'on-completion',
    title: { en: 'On completion: hand customers over, mark the leaver as left, tell everyone', 'zh-CN': '完成后：移交客户、标记离职、通知相关人员' },
    trigger: { type: 'flow-completed' },
    vars: employee,
    actions: [
      {
        type: 'set-data',
        forEach: { var: 'customers' },
        when: { var: '$item.successorId' },
        params: { target: { form: 'customer', recordId: { var: '$item.customerId' } }, values: { ownerId: { var: '$item.successorId' } } },
      },
      {
        type: 'invoke',
        forEach: { var: 'customers' },
        when: { var: '$item.successorId' },
        params: { connector: 'crm', action: 'updateOwner', params: { customerId: { var: '$item.customerId' }, ownerId: { var: '$item.successorId' } } },
      },
      { type: 'invoke', params: { connector: 'directory', action: 'markLeft', params: { userId: { var: 'employeeId' }, leaveDate: { var: 'lastWorkingDay' } } } },
      {
        type: 'notify',
        params: {
          to: [{ kind: 'field', path: 'employeeId' }, { kind: 'manager-of', path: 'employeeId' }, { kind: 'field', path: 'customers.successorId' }],
          title: { en: 'The offboarding of {employee.name} is complete', 'zh-CN': '{employee.name} 的离职流程已完成' },
        },
      },
    ],
  },
];

const registry = rulesRegistry();
const rules = compileRules(OFFBOARDING_RULES, registry);
const now = '2025-09-22T02:00:00.000Z';
const record = { id: 'i-1', instanceId: 'i-1', flowKey: 'offboarding', data: offboardingData };
const byType = (effects: Effect[], type: Effect['type']) => effects.filter((e) => e.type === type);

describe('the offboarding rules of issue 5', () => {
  it('are valid against the rule schema and the semantic checks', () => {
    for (const [i, def] of OFFBOARDING_RULES.entries()) {
      expect(validateAgainstSchema(ruleSchema, def, `/${i}`, 'en')).toEqual([]);
      expect(checkRuleDefinition(def, { registry, locale: 'en', resolve: resolveOffboarding })).toEqual([]);
    }
  });

  it('when HR approves: creates the IT task "Disable accounts of {name}" with department and last day', () => {
    const out = rules.onEvent(event('task.completed', { nodeId: 'hr-interview', taskId: 't-hr', payload: { action: 'approve' } }), ctx(now));
    expect(out.fired).toEqual([{ rule: 'it-disable-accounts', version: 1 }]);
    const [task] = byType(out.effects, 'createTask');
    expect(task).toMatchObject({
      task: {
        title: { en: 'Disable accounts of 张三', 'zh-CN': '停用 张三 的账号' },
        description: { en: '张三 (销售部) leaves on 2025-10-10. Accounts: CRM, Wiki.' },
        assignees: ['u-it1', 'u-it2'],
      },
    });
    // Returning the interview instead fires nothing.
    expect(rules.onEvent(event('task.completed', { nodeId: 'hr-interview', payload: { action: 'return' } }), ctx(now)).fired).toEqual([]);
  });

  it('when the flow reaches admin affairs: creates "Collect fixed assets" listing the devices', () => {
    const out = rules.onEvent(event('node.entered', { nodeId: 'admin-affairs' }), ctx(now));
    expect(byType(out.effects, 'createTask')[0]).toMatchObject({
      task: { title: { en: 'Collect fixed assets' }, description: { en: 'From 张三: LAPTOP-7, PHONE-2' }, assignees: ['u-adm'] },
    });
  });

  it('plans the settlement reminder and the revocation; a changed last day re-plans them', () => {
    const plans = rules.plan(record, ctx(now));
    expect(plans.map((p) => [p.rule, p.dueAt])).toEqual([
      ['settlement-reminder', '2025-09-29T01:00:00.000Z'], // 3 business days before 10 Oct, skipping National Day
      ['revoke-access', '2025-10-10T16:00:00.000Z'], // 11 Oct 00:00 Beijing
    ]);
    const moved = rules.plan({ ...record, data: { ...offboardingData, lastWorkingDay: '2025-10-13' } }, ctx(now));
    const diff = diffPlans(plans, moved);
    expect(diff.cancel).toEqual([]);
    expect(diff.schedule.map((s) => [s.timerId, s.dueAt])).toEqual([
      ['rule:settlement-reminder:i-1:date-offset', '2025-10-09T01:00:00.000Z'],
      ['rule:revoke-access:i-1:date-offset', '2025-10-13T16:00:00.000Z'],
    ]);
  });

  it('fires the reminder to finance and the SCIM revocation to every SCIM connector', () => {
    const [reminder, revoke] = rules.plan(record, ctx(now));
    const remind = rules.onTimer(reminder!, record, ctx('2025-09-29T01:00:00.000Z'));
    expect(remind.effects).toMatchObject([{ type: 'notify', to: ['u-fin'], title: { 'zh-CN': '请准备 张三 的离职结算' } }]);
    const revoked = rules.onTimer(revoke!, record, ctx('2025-10-10T16:00:00.000Z'));
    expect(revoked.effects).toMatchObject([{ type: 'invoke', connector: 'type:scim', action: 'deactivateUser', params: { userId: 'u-emp' }, instanceId: 'i-1' }]);
  });

  it('tells IT which system failed to revoke', () => {
    const failed = event('invoke.failed', { payload: { connector: 'scim-wiki', connectorType: 'scim', action: 'deactivateUser', error: 'HTTP 503' } });
    const out = rules.onEvent(failed, ctx(now));
    expect(out.effects).toMatchObject([{ type: 'notify', to: ['u-it1', 'u-it2'], title: { en: 'Revoking 张三 failed in scim-wiki' }, body: 'HTTP 503' }]);
  });

  it('on completion: hands each customer to the successor, in the collection and the CRM, marks the leaver and notifies', () => {
    const out = rules.onEvent(event('flow.completed'), ctx(now));
    expect(byType(out.effects, 'setData').map((e) => e.type === 'setData' && [e.formKey, e.recordId, e.patch])).toEqual([
      ['customer', 'c-1', { ownerId: 'u-succ' }],
      ['customer', 'c-2', { ownerId: 'u-mgr' }],
    ]);
    expect(byType(out.effects, 'invoke').map((e) => e.type === 'invoke' && [e.connector, e.action, e.params])).toEqual([
      ['crm', 'updateOwner', { customerId: 'c-1', ownerId: 'u-succ' }],
      ['crm', 'updateOwner', { customerId: 'c-2', ownerId: 'u-mgr' }],
      ['directory', 'markLeft', { userId: 'u-emp', leaveDate: '2025-10-10' }],
    ]);
    expect(byType(out.effects, 'notify')[0]).toMatchObject({ to: ['u-emp', 'u-mgr', 'u-succ'] });
    // Every effect has its own key, and the same event gives the same keys again.
    const keys = out.effects.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rules.onEvent(event('flow.completed'), ctx(now)).effects.map((e) => e.key)).toEqual(keys);
  });
});
