import { describe, expect, it } from 'vitest';
import type { Effect } from '../../effects/effect.js';
import { compileRules } from '../compile-rules.js';
import type { RuleAction } from '../rule-definition.js';
import { ctx, event, rule, rulesRegistry } from '../rule-test-fixtures.js';

const registry = rulesRegistry();
const now = '2025-09-26T02:00:00.000Z'; // Friday 26 Sep 2025, 10:00 Beijing.

/** Runs one action through a rule fired by a flow.started event and returns its effects. */
function run(action: RuleAction, extra: Parameters<typeof event>[1] = {}): Effect[] {
  const rules = compileRules([rule({ trigger: { type: 'flow-started' }, actions: [action] })], registry);
  return rules.onEvent(event('flow.started', extra), ctx(now)).effects;
}

describe('create-task', () => {
  it('fills the title from the data and the directory and resolves assignees', () => {
    const [effect] = run({
      type: 'create-task',
      params: {
        title: { en: 'Disable accounts of {employeeId.name}', 'zh-CN': '停用 {employeeId.name} 的账号' },
        description: 'Department {employeeId.departmentId.name}, last day {lastWorkingDay}; accounts: {accounts.system}',
        assignees: [{ kind: 'role', role: 'it' }],
        due: { amount: 2, unit: 'business-days' },
        data: { accounts: { var: 'accounts' } },
      },
    });
    expect(effect).toMatchObject({
      type: 'createTask',
      task: {
        kind: 'task',
        instanceId: 'i-1',
        title: { en: 'Disable accounts of 张三', 'zh-CN': '停用 张三 的账号' },
        description: 'Department 销售部, last day 2025-10-10; accounts: CRM, Wiki',
        assignees: ['u-it1', 'u-it2'],
        candidates: ['role:it'],
        actions: ['complete'],
        // Friday 26 Sep + 2 business days: Sunday 28 Sep is an adjusted working day (调休), then Monday 29.
        dueAt: '2025-09-29T02:00:00.000Z',
        data: { accounts: [{ system: 'CRM', account: 'zhangsan' }, { system: 'Wiki', account: 'zs' }] },
      },
    });
    expect(effect?.type === 'createTask' && effect.task.taskId).toBe(effect?.key);
  });

  it('resolves field and manager-of assignees like flows do', () => {
    const [effect] = run({
      type: 'create-task',
      params: { title: 'Talk to {employeeId.name}', assignees: [{ kind: 'manager-of', path: 'employeeId' }, { kind: 'field', path: 'employeeId' }] },
    });
    expect(effect?.type === 'createTask' && effect.task.assignees).toEqual(['u-mgr', 'u-emp']);
  });

  it('leaves an unknown placeholder visible', () => {
    const [effect] = run({ type: 'create-task', params: { title: 'Hello {nobody.name}', assignees: [{ kind: 'user', id: 'u-hr' }] } });
    expect(effect?.type === 'createTask' && effect.task.title).toBe('Hello {nobody.name}');
  });
});

describe('notify', () => {
  it('notifies resolved people on the given channels with filled templates', () => {
    const effects = run({
      type: 'notify',
      params: {
        to: [{ kind: 'role', role: 'finance' }, { kind: 'field', path: 'employeeId' }],
        channels: ['dingtalk', 'email'],
        title: { en: 'Final settlement for {employeeId.name}', 'zh-CN': '{employeeId.name} 的离职结算' },
        body: 'Last working day: {lastWorkingDay}',
      },
    });
    expect(effects).toEqual([
      {
        type: 'notify',
        key: expect.any(String),
        to: ['u-fin', 'u-emp'],
        channels: ['dingtalk', 'email'],
        title: { en: 'Final settlement for 张三', 'zh-CN': '张三 的离职结算' },
        body: 'Last working day: 2025-10-10',
        link: { instanceId: 'i-1' },
      },
    ]);
  });

  it('sends nothing when nobody resolves', () => {
    expect(run({ type: 'notify', params: { to: [{ kind: 'role', role: 'nobody' }], title: 'x' } })).toEqual([]);
  });
});

describe('invoke', () => {
  it('evaluates its params as JsonLogic and can target every connector of a type', () => {
    const effects = run({
      type: 'invoke',
      params: { connector: 'type:scim', action: 'deactivateUser', params: { userId: { var: 'employeeId' }, active: false } },
    });
    expect(effects).toEqual([
      { type: 'invoke', key: expect.any(String), connector: 'type:scim', action: 'deactivateUser', params: { userId: 'u-emp', active: false }, instanceId: 'i-1' },
    ]);
  });
});

describe('set-data', () => {
  it('patches the instance data', () => {
    const effects = run({ type: 'set-data', params: { values: { status: 'left', handedOver: { var: 'customers.length' } } } });
    expect(effects).toEqual([{ type: 'setData', key: expect.any(String), instanceId: 'i-1', patch: { status: 'left', handedOver: 2 } }]);
  });

  it('takes a literal object through preserve', () => {
    const effects = run({ type: 'set-data', params: { values: { address: { preserve: { city: '上海' } } } } });
    expect(effects[0]?.type === 'setData' && effects[0].patch).toEqual({ address: { city: '上海' } });
  });

  it('patches another form record for each item of a list', () => {
    const effects = run({
      type: 'set-data',
      forEach: { var: 'customers' },
      params: { target: { form: 'customer', recordId: { var: '$item.customerId' } }, values: { ownerId: { var: '$item.successorId' } } },
    });
    expect(effects.map((e) => e.type === 'setData' && [e.formKey, e.recordId, e.patch])).toEqual([
      ['customer', 'c-1', { ownerId: 'u-succ' }],
      ['customer', 'c-2', { ownerId: 'u-mgr' }],
    ]);
    expect(new Set(effects.map((e) => e.key)).size).toBe(2);
  });

  it('patches a person in the directory, reading the directory in conditions and values', () => {
    const effects = run({
      type: 'set-data',
      when: { '==': [{ directory: [{ var: 'employeeId' }, 'attributes.jobFamily'] }, 'sales'] },
      params: { target: { user: { var: 'employeeId' } }, values: { leaveDate: { var: 'lastWorkingDay' }, managerWas: { directory: [{ var: 'employeeId' }, 'managerId'] } } },
    });
    expect(effects).toEqual([{ type: 'setData', key: expect.any(String), userId: 'u-emp', patch: { leaveDate: '2025-10-10', managerWas: 'u-mgr' } }]);
  });

  it('patches the record itself for a record event', () => {
    const effects = run(
      { type: 'set-data', params: { values: { flagged: true } } },
      { instanceId: undefined, recordId: 'rec-9', formKey: 'customer', type: 'flow.started' },
    );
    expect(effects).toEqual([{ type: 'setData', key: expect.any(String), recordId: 'rec-9', formKey: 'customer', patch: { flagged: true } }]);
  });
});

describe('start-flow', () => {
  it('starts a flow with data mapped from this one', () => {
    const effects = run({
      type: 'start-flow',
      params: { flow: 'nda-signing', data: { signerId: { var: 'employeeId' } }, businessKey: 'nda-{employeeId}' },
    });
    expect(effects).toEqual([{ type: 'startFlow', key: expect.any(String), flowKey: 'nda-signing', data: { signerId: 'u-emp' }, businessKey: 'nda-u-emp' }]);
  });
});

describe('render-document', () => {
  it('renders with the record data plus extra values', () => {
    const [effect] = run({ type: 'render-document', params: { document: 'leaving-certificate', data: { employeeName: 'n/a' } } });
    expect(effect).toMatchObject({ type: 'renderDocument', document: 'leaving-certificate', instanceId: 'i-1', data: { employeeId: 'u-emp', employeeName: 'n/a' } });
  });
});

describe('schedule-reminder', () => {
  it('schedules a timer carrying the ready-made notification, due after business days at a time of day', () => {
    const [effect] = run({
      type: 'schedule-reminder',
      params: { after: { amount: 2, unit: 'business-days' }, at: '09:00', to: [{ kind: 'role', role: 'hr' }], title: 'Check on {employeeId.name}' },
    });
    expect(effect).toMatchObject({
      type: 'scheduleTimer',
      purpose: 'reminder',
      dueAt: '2025-09-29T01:00:00.000Z',
      instanceId: 'i-1',
      payload: { notify: { type: 'notify', to: ['u-hr'], title: 'Check on 张三' } },
    });
    expect(effect?.type === 'scheduleTimer' && effect.timerId).toBe(effect?.key);
  });

  it('adds hours exactly', () => {
    const [effect] = run({ type: 'schedule-reminder', params: { after: { amount: 3, unit: 'hours' }, to: [{ kind: 'user', id: 'u-hr' }], title: 'x' } });
    expect(effect?.type === 'scheduleTimer' && effect.dueAt).toBe('2025-09-26T05:00:00.000Z');
  });
});

describe('action options', () => {
  it('skips an action or an item whose `when` is false', () => {
    const effects = run({
      type: 'notify',
      forEach: { var: 'customers' },
      when: { '==': [{ var: '$item.notes' }, 'VIP'] },
      params: { to: [{ kind: 'field', path: '$item.successorId' }], title: 'You now own {$item.customerId}' },
    });
    expect(effects.map((e) => e.type === 'notify' && [e.to, e.title])).toEqual([[['u-mgr'], 'You now own c-2']]);
  });
});
