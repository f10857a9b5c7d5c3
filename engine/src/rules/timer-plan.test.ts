import { describe, expect, it } from 'vitest';
import { compileRules } from './compile-rules.js';
import type { RuleDefinition } from './rule-definition.js';
import { ctx, offboardingData, rule, rulesRegistry } from './rule-test-fixtures.js';
import { diffPlans, timerPlanFromEffect, type TimerPlan } from './timer-plan.js';
import type { RuleRecord } from './trigger-type.js';

const registry = rulesRegistry();
const now = '2025-09-01T00:00:00.000Z';

const reminder: RuleDefinition = rule({
  key: 'settlement-reminder',
  scope: { flow: 'offboarding' },
  trigger: {
    type: 'date-offset',
    config: { field: 'lastWorkingDay', offset: { param: 'settlementReminderDays', negate: true }, unit: 'business-days', at: '09:00' },
  },
  condition: { '!=': [{ var: 'status' }, 'cancelled'] },
  actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'finance' }], title: 'Settle {employeeId.name}' } }],
});

const record = (data: Record<string, unknown>): RuleRecord => ({ id: 'i-1', instanceId: 'i-1', flowKey: 'offboarding', data });

describe('plan / replan / diffPlans', () => {
  const rules = compileRules([reminder], registry);
  const first = rules.plan(record(offboardingData), ctx(now));

  it('plans a stable timer from the date field and the pack parameter', () => {
    expect(first).toEqual([
      {
        timerId: 'rule:settlement-reminder:i-1:date-offset',
        dueAt: '2025-09-29T01:00:00.000Z',
        rule: 'settlement-reminder',
        version: 1,
        trigger: 'date-offset',
        payload: { recordId: 'i-1', instanceId: 'i-1', flowKey: 'offboarding' },
      },
    ]);
  });

  it('moves the same timer when the date changes, and the diff schedules it again', () => {
    const next = rules.plan(record({ ...offboardingData, lastWorkingDay: '2025-10-13' }), ctx(now));
    expect(next[0]?.timerId).toBe(first[0]?.timerId);
    expect(next[0]?.dueAt).toBe('2025-10-09T01:00:00.000Z');
    const diff = diffPlans(first, next);
    expect(diff.cancel).toEqual([]);
    expect(diff.schedule).toEqual([
      {
        type: 'scheduleTimer',
        key: 'rule:settlement-reminder:i-1:date-offset@2025-10-09T01:00:00.000Z#1',
        timerId: 'rule:settlement-reminder:i-1:date-offset',
        dueAt: '2025-10-09T01:00:00.000Z',
        purpose: 'rule',
        instanceId: 'i-1',
        payload: { rule: 'settlement-reminder', version: 1, trigger: 'date-offset', recordId: 'i-1', instanceId: 'i-1', flowKey: 'offboarding' },
      },
    ]);
  });

  it('follows the parameter: 5 reminder days move the timer', () => {
    const plans = rules.plan(record(offboardingData), ctx(now, { parameters: { settlementReminderDays: 5 } }));
    // 10 Oct − 5 business days: 9 Oct, 30, 29 Sep, 28 Sep (adjusted Sunday), 26 Sep.
    expect(plans[0]?.dueAt).toBe('2025-09-26T01:00:00.000Z');
  });

  it('re-schedules the same timer under a new key when a new rule version planned it', () => {
    const v2 = compileRules([{ ...reminder, version: 2 }], registry).plan(record(offboardingData), ctx(now));
    const [effect] = diffPlans(first, v2).schedule;
    expect(effect).toMatchObject({ timerId: first[0]?.timerId, dueAt: first[0]?.dueAt, payload: { version: 2 } });
    expect(effect?.key).not.toBe(diffPlans([], first).schedule[0]?.key);
  });

  it('changes nothing when nothing moved, and cancels a timer no longer planned', () => {
    expect(diffPlans(first, rules.plan(record(offboardingData), ctx(now)))).toEqual({ schedule: [], cancel: [] });
    const gone = rules.plan(record({ ...offboardingData, lastWorkingDay: undefined }), ctx(now));
    expect(diffPlans(first, gone)).toEqual({
      schedule: [],
      cancel: [{ type: 'cancelTimer', key: 'rule:settlement-reminder:i-1:date-offset@2025-09-29T01:00:00.000Z:cancel', timerId: first[0]?.timerId }],
    });
  });

  it('plans nothing for records out of scope or for disabled rules', () => {
    expect(rules.plan({ id: 'x', flowKey: 'onboarding', data: offboardingData }, ctx(now))).toEqual([]);
    const disabled = compileRules([{ ...reminder, enabled: false }], registry);
    expect(disabled.plan(record(offboardingData), ctx(now))).toEqual([]);
  });

  it('rebuilds the plan from the stored scheduleTimer effect', () => {
    const [effect] = diffPlans([], first).schedule;
    expect(timerPlanFromEffect(effect!)).toEqual(first[0]);
  });
});

describe('onTimer', () => {
  const rules = compileRules([reminder], registry);
  const [planned] = rules.plan(record(offboardingData), ctx(now)) as [TimerPlan];

  it('runs the rule when its timer fires, with keys derived from the timer', () => {
    const out = rules.onTimer(planned, record(offboardingData), ctx('2025-09-29T01:00:05.000Z'));
    expect(out.fired).toEqual([{ rule: 'settlement-reminder', version: 1 }]);
    expect(out.effects).toEqual([
      {
        type: 'notify',
        key: 'rule:settlement-reminder@1:timer:rule:settlement-reminder:i-1:date-offset@2025-09-29T01:00:00.000Z:0',
        to: ['u-fin'],
        title: 'Settle 张三',
        link: { instanceId: 'i-1' },
      },
    ]);
  });

  it('fires late (the service was down) with the same keys', () => {
    const late = rules.onTimer(planned, record(offboardingData), ctx('2025-10-02T00:00:00.000Z'));
    const onTime = rules.onTimer(planned, record(offboardingData), ctx('2025-09-29T01:00:00.000Z'));
    expect(late.effects.map((e) => e.key)).toEqual(onTime.effects.map((e) => e.key));
  });

  it('re-checks the condition when the timer fires', () => {
    const out = rules.onTimer(planned, record({ ...offboardingData, status: 'cancelled' }), ctx('2025-09-29T01:00:00.000Z'));
    expect(out).toEqual({ effects: [], fired: [] });
  });

  it('does not fire a stale timer whose date has since changed', () => {
    const out = rules.onTimer(planned, record({ ...offboardingData, lastWorkingDay: '2025-10-13' }), ctx('2025-09-29T01:00:00.000Z'));
    expect(out.fired).toEqual([]);
  });

  it('ignores a timer of a rule that no longer exists', () => {
    expect(rules.onTimer({ ...planned, rule: 'gone' }, record(offboardingData), ctx(now))).toEqual({ effects: [], fired: [] });
  });
});

describe('schedules', () => {
  const weekly = rule({
    key: 'weekly-report',
    trigger: { type: 'schedule', config: { cron: '0 9 * * 1' } },
    actions: [{ type: 'notify', params: { to: [{ kind: 'role', role: 'hr' }], title: 'Weekly offboarding report' } }],
  });
  const rules = compileRules([weekly], registry);

  it('plans the next run at start-up, in the organisation time zone', () => {
    // Wednesday 1 Oct 2025 → Monday 6 Oct 09:00 Beijing.
    expect(rules.planSchedules(ctx('2025-10-01T00:00:00.000Z'))).toEqual([
      { timerId: 'rule:weekly-report:*:schedule', dueAt: '2025-10-06T01:00:00.000Z', rule: 'weekly-report', version: 1, trigger: 'schedule', payload: {} },
    ]);
    expect(rules.plan(record(offboardingData), ctx(now))).toEqual([]);
  });

  it('runs and plans the following run when the timer fires; missed runs fire once', () => {
    const [planned] = rules.planSchedules(ctx('2025-10-01T00:00:00.000Z')) as [TimerPlan];
    const out = rules.onTimer(planned, undefined, ctx('2025-10-06T01:00:00.000Z'));
    expect(out.fired).toHaveLength(1);
    expect(out.effects.map((e) => e.type)).toEqual(['scheduleTimer', 'notify']);
    expect(out.effects[0]).toMatchObject({ timerId: 'rule:weekly-report:*:schedule', dueAt: '2025-10-13T01:00:00.000Z' });
    // Down for three weeks: one run now, the next one after now.
    const late = rules.onTimer(planned, undefined, ctx('2025-10-28T00:00:00.000Z'));
    expect(late.effects[0]).toMatchObject({ dueAt: '2025-11-03T01:00:00.000Z' });
  });
});
