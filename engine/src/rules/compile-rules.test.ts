import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import { compileRules } from './compile-rules.js';
import { ctx, event, rule, rulesRegistry } from './rule-test-fixtures.js';

const registry = rulesRegistry();
const now = '2025-09-20T02:00:00.000Z';
const notifyHr = { type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'x' } };

describe('compileRules: matching', () => {
  it('fires a rule whose trigger matches and reports it', () => {
    const rules = compileRules([rule({ key: 'a', version: 3, trigger: { type: 'flow-started' }, actions: [notifyHr] })], registry);
    const out = rules.onEvent(event('flow.started'), ctx(now));
    expect(out.fired).toEqual([{ rule: 'a', version: 3 }]);
    expect(out.effects).toHaveLength(1);
    expect(rules.onEvent(event('flow.completed'), ctx(now))).toEqual({ effects: [], fired: [] });
  });

  it('accepts a pinned type reference', () => {
    const rules = compileRules([rule({ trigger: { type: 'flow-started@1' }, actions: [{ ...notifyHr, type: 'notify@1' }] })], registry);
    expect(rules.onEvent(event('flow.started'), ctx(now)).fired).toHaveLength(1);
  });

  it('honours the scope: form and flow must both match when given', () => {
    const defs = [
      rule({ key: 'by-flow', scope: { flow: 'offboarding' }, trigger: { type: 'flow-started' }, actions: [notifyHr] }),
      rule({ key: 'by-form', scope: { form: 'offboarding-request' }, trigger: { type: 'flow-started' }, actions: [notifyHr] }),
      rule({ key: 'other-flow', scope: { flow: 'onboarding' }, trigger: { type: 'flow-started' }, actions: [notifyHr] }),
      rule({ key: 'both-wrong-form', scope: { flow: 'offboarding', form: 'customer' }, trigger: { type: 'flow-started' }, actions: [notifyHr] }),
    ];
    const fired = compileRules(defs, registry).onEvent(event('flow.started'), ctx(now)).fired.map((f) => f.rule);
    expect(fired).toEqual(['by-flow', 'by-form']);
  });

  it('evaluates the condition over the data, the event, the parameters and ctx.now', () => {
    const make = (condition: unknown) =>
      compileRules([rule({ trigger: { type: 'task-completed' }, condition, actions: [notifyHr] })], registry);
    const e = event('task.completed', { nodeId: 'hr-interview', payload: { action: 'approve' } });
    expect(make({ '==': [{ var: 'type' }, 'resignation'] }).onEvent(e, ctx(now)).fired).toHaveLength(1);
    expect(make({ '==': [{ var: 'type' }, 'dismissal'] }).onEvent(e, ctx(now)).fired).toHaveLength(0);
    expect(make({ '==': [{ var: '$event.payload.action' }, 'approve'] }).onEvent(e, ctx(now)).fired).toHaveLength(1);
    expect(make({ '>': [{ var: '$params.settlementReminderDays' }, 2] }).onEvent(e, ctx(now)).fired).toHaveLength(1);
    // ctx.now, never the wall clock: the same rule flips with the instant passed in.
    const beforeLastDay = make({ '<': [{ var: '$now' }, { var: 'lastWorkingDay' }] });
    expect(beforeLastDay.onEvent(e, ctx('2025-09-20T02:00:00.000Z')).fired).toHaveLength(1);
    expect(beforeLastDay.onEvent(e, ctx('2025-10-20T02:00:00.000Z')).fired).toHaveLength(0);
  });

  it('makes vars available to the condition and the templates', () => {
    const rules = compileRules(
      [
        rule({
          trigger: { type: 'flow-started' },
          vars: { employee: { var: 'employeeId' }, sales: { '==': [{ var: 'type' }, 'resignation'] } },
          condition: { var: 'sales' },
          actions: [{ type: 'notify', params: { to: [{ kind: 'field', path: 'employee' }], title: 'Bye {employee.name}' } }],
        }),
      ],
      registry,
    );
    const [effect] = rules.onEvent(event('flow.started'), ctx(now)).effects;
    expect(effect).toMatchObject({ type: 'notify', to: ['u-emp'], title: 'Bye 张三' });
  });

  it('never fires a disabled rule and lists every rule', () => {
    const rules = compileRules([rule({ enabled: false, trigger: { type: 'flow-started' }, actions: [notifyHr] })], registry);
    expect(rules.onEvent(event('flow.started'), ctx(now)).fired).toEqual([]);
    expect(rules.rules).toEqual([{ key: 'test-rule', version: 1, trigger: 'flow-started', mode: 'event', enabled: false }]);
  });
});

describe('compileRules: idempotency keys', () => {
  const defs = [
    rule({
      key: 'handover',
      version: 2,
      trigger: { type: 'flow-completed' },
      actions: [notifyHr, { type: 'set-data', forEach: { var: 'customers' }, params: { target: { form: 'customer', recordId: { var: '$item.customerId' } }, values: { ownerId: { var: '$item.successorId' } } } }],
    }),
  ];

  it('gives the same keys for the same event, even compiled again and at another now', () => {
    const a = compileRules(defs, registry).onEvent(event('flow.completed'), ctx(now));
    const b = compileRules(defs, registry).onEvent(event('flow.completed'), ctx('2026-01-01T00:00:00.000Z'));
    expect(a.effects.map((e) => e.key)).toEqual(b.effects.map((e) => e.key));
    expect(a.effects.map((e) => e.key)).toEqual([
      'rule:handover@2:flow.completed/i-1/#7:0',
      'rule:handover@2:flow.completed/i-1/#7:1.0',
      'rule:handover@2:flow.completed/i-1/#7:1.1',
    ]);
  });

  it('gives different keys for another event, another instance and another rule version', () => {
    const keys = (e: ReturnType<typeof event>, version = 2) =>
      compileRules(defs.map((d) => ({ ...d, version })), registry).onEvent(e, ctx(now)).effects.map((x) => x.key);
    const base = new Set(keys(event('flow.completed')));
    for (const other of [keys(event('flow.completed', { seq: 8 })), keys(event('flow.completed', { instanceId: 'i-2' })), keys(event('flow.completed'), 3)]) {
      expect(other.some((k) => base.has(k))).toBe(false);
    }
  });

  it('falls back to the event instant and task id when there is no sequence number', () => {
    const rules = compileRules([rule({ key: 'k', trigger: { type: 'task-completed' }, actions: [notifyHr] })], registry);
    const [effect] = rules.onEvent(event('task.completed', { seq: undefined, taskId: 't-9' }), ctx(now)).effects;
    expect(effect?.key).toBe('rule:k@1:task.completed/i-1/2025-09-20T02:00:00.000Z/t-9:0');
  });
});

describe('compileRules: errors', () => {
  it('refuses two rules with the same key', () => {
    const r = rule({ trigger: { type: 'flow-started' }, actions: [notifyHr] });
    expect(() => compileRules([r, r], registry)).toThrow(BatonError);
  });

  it('refuses an unknown type with the issues and their paths', () => {
    try {
      compileRules([rule({ trigger: { type: 'on-full-moon' }, actions: [{ type: 'teleport' }] })], registry);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BatonError);
      const e = error as BatonError;
      expect(e.code).toBe('BATON_E_RULE_INVALID');
      expect(e.issues.map((i) => [i.code, i.path])).toEqual([
        ['BATON_E_RULE_UNKNOWN_TRIGGER', '/trigger/type'],
        ['BATON_E_RULE_UNKNOWN_ACTION', '/actions/0/type'],
      ]);
    }
  });

  it('throws a clear error when a trigger reads a pack parameter that is not set', () => {
    const rules = compileRules(
      [rule({ scope: { form: 'f' }, trigger: { type: 'date-offset', config: { field: 'd', offset: { param: 'missing' } } }, actions: [notifyHr] })],
      registry,
    );
    expect(() => rules.plan({ id: 'r', formKey: 'f', data: { d: '2025-10-10' } }, ctx(now))).toThrow(/missing/);
  });
});
