import { createRegistry, type RuleDefinition } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { defaultTestEvent, sampleUsers } from './rule-test-model.js';
import { effectOrigin, runRuleTest, sampleEvent, type RuleTestRequest } from './rule-test-run.js';

const registry = createRegistry();

const settlement: RuleDefinition = {
  kind: 'rule',
  key: 'settlement',
  version: 1,
  title: { en: 'Settlement' },
  scope: { form: 'offboarding-request' },
  trigger: { type: 'date-offset', config: { field: 'lastWorkingDay', offset: -3, unit: 'days', at: '09:00' } },
  actions: [{ type: 'create-task', params: { title: { en: 'Final settlement for {employeeName}' }, assignees: [{ kind: 'role', role: 'finance' }], due: { amount: 3, unit: 'days' } } }],
};

const request = (rule: RuleDefinition, over: Partial<RuleTestRequest> = {}): RuleTestRequest => ({
  rule,
  event: 'timer',
  data: { lastWorkingDay: '2026-12-15', employeeName: 'Ann' },
  now: '2026-11-29T00:00:00.000Z',
  timeZone: 'UTC',
  locale: 'en',
  users: sampleUsers(rule),
  initiator: 'initiator',
  ...over,
});

describe('testing a rule over sample data with the real engine', () => {
  it('plans a date trigger, runs it at its time and traces each effect to its action', () => {
    const out = runRuleTest(request(settlement), registry);
    expect(out.error).toBeUndefined();
    expect(out.triggered).toBe(true);
    expect(out.runAt).toBe('2026-12-12T09:00:00.000Z');
    expect(out.effects).toHaveLength(1);
    const [first] = out.effects;
    expect(first!.action).toBe(0);
    expect(first!.effect).toMatchObject({ type: 'createTask', task: { title: { en: 'Final settlement for Ann' }, assignees: ['finance-person'], candidates: ['role:finance'], dueAt: '2026-12-15T09:00:00.000Z' } });
  });

  it('says the trigger fired but the condition did not hold', () => {
    const rule = { ...settlement, condition: { '==': [{ var: 'employeeName' }, 'Bob'] } };
    const out = runRuleTest(request(rule), registry);
    expect(out).toMatchObject({ triggered: true, conditionHeld: false, effects: [] });
    expect(runRuleTest(request(rule, { data: { lastWorkingDay: '2026-12-15', employeeName: 'Bob' } }), registry)).toMatchObject({ triggered: true, conditionHeld: true });
  });

  it('finds no time when the date field is empty', () => {
    expect(runRuleTest(request(settlement, { data: {} }), registry)).toMatchObject({ triggered: false, effects: [] });
  });

  it('feeds event triggers the chosen event, and runs a for-each action once per item', () => {
    const rule: RuleDefinition = {
      kind: 'rule', key: 'assets', version: 2, title: 'Assets', scope: { flow: 'offboarding' },
      trigger: { type: 'flow-completed' },
      actions: [
        { type: 'notify', params: { to: [{ kind: 'initiator' }], title: { en: 'Done' } } },
        { type: 'set-data', forEach: { var: 'assets' }, params: { values: { holderId: null }, target: { form: 'asset', recordId: { var: '$item.assetId' } } } },
      ],
    };
    const data = { assets: [{ assetId: 'a1' }, { assetId: 'a2' }] };
    expect(runRuleTest(request(rule, { event: 'flow.started', data }), registry)).toMatchObject({ triggered: false, effects: [] });
    const out = runRuleTest(request(rule, { event: 'flow.completed', data }), registry);
    expect(out.triggered).toBe(true);
    expect(out.effects.map((e) => [e.action, e.item, e.effect.type])).toEqual([[0, undefined, 'notify'], [1, 0, 'setData'], [1, 1, 'setData']]);
    expect(out.effects[2]!.effect).toMatchObject({ formKey: 'asset', recordId: 'a2', patch: { holderId: null } });
  });

  it('returns the engine’s refusal as a code and message, never throws', () => {
    const broken = { ...settlement, trigger: { type: 'date-offset', config: { offset: -3 } } } as RuleDefinition;
    const out = runRuleTest(request(broken), registry);
    expect(out.error?.code).toBe('BATON_E_RULE_INVALID');
    expect(out.error?.issues.length).toBeGreaterThan(0);
  });
});

describe('the sample run’s pieces', () => {
  it('addresses the event like the runtime: the instance of a flow-scoped rule, the step a step trigger names', () => {
    const rule = { ...settlement, scope: { flow: 'offboarding', form: 'offboarding-request' }, trigger: { type: 'node-entered', config: { nodeId: ['it'] } } };
    expect(sampleEvent({ rule, event: 'node.entered', data: {}, now: 'n', initiator: 'initiator' })).toMatchObject({ type: 'node.entered', flowKey: 'offboarding', instanceId: 'sample-instance', formKey: 'offboarding-request', nodeId: 'it' });
  });

  it('reads each effect key back to its action and item', () => {
    expect(effectOrigin('rule:r@1:flow.completed:i1:3')).toEqual({ action: 3 });
    expect(effectOrigin('rule:r@1:timer:rule:r:rec:date-offset@2026-12-12T09:00:00.000Z:1.4')).toEqual({ action: 1, item: 4 });
    expect(effectOrigin('rule:r@1:e:2:notify')).toEqual({ action: 2 });
  });

  it('gives each role the rule names somebody, and starts on the trigger’s own event', () => {
    expect(sampleUsers(settlement).find((u) => u.roles.includes('finance'))?.id).toBe('finance-person');
    expect(defaultTestEvent('date-offset', 'time')).toBe('timer');
    expect(defaultTestEvent('flow-completed@1', 'event')).toBe('flow.completed');
  });
});
