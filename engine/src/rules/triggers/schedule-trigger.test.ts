import { afterEach, describe, expect, it, vi } from 'vitest';
import { ctx } from '../rule-test-fixtures.js';
import { nextCronRun } from '../cron-schedule.js';
import { scheduleTrigger } from './schedule-trigger.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('schedule trigger (cron)', () => {
  it('computes the next weekday 09:00 in Asia/Shanghai from the given instant', () => {
    // Friday 3 Oct 2025 10:00 Beijing → Monday 6 Oct 09:00 Beijing = 01:00Z.
    expect(nextCronRun('0 9 * * 1-5', '2025-10-03T02:00:00.000Z', 'Asia/Shanghai')).toBe('2025-10-06T01:00:00.000Z');
    // Just before 09:00 on a weekday → the same day.
    expect(nextCronRun('0 9 * * 1-5', '2025-10-06T00:59:00.000Z', 'Asia/Shanghai')).toBe('2025-10-06T01:00:00.000Z');
    // Exactly at a run → the next one (strictly after).
    expect(nextCronRun('0 9 * * 1-5', '2025-10-06T01:00:00.000Z', 'Asia/Shanghai')).toBe('2025-10-07T01:00:00.000Z');
  });

  it('reads the expression in the trigger time zone, else the organisation one', () => {
    const c = ctx('2025-10-03T02:00:00.000Z');
    // 08:30 on the 1st, Beijing time: 1 Nov 08:30 = 00:30Z.
    expect(scheduleTrigger.plan!(undefined, { cron: '30 8 1 * *' }, c)).toEqual([{ dueAt: '2025-11-01T00:30:00.000Z' }]);
    expect(scheduleTrigger.plan!(undefined, { cron: '0 9 * * *', timeZone: 'UTC' }, c)).toEqual([{ dueAt: '2025-10-03T09:00:00.000Z' }]);
  });

  it('skips public holidays and keeps adjusted working days with workdaysOnly', () => {
    // From Friday 26 Sep 2025: Sunday 28 Sep is a working day (调休), 1–8 Oct are off.
    const c = ctx('2025-09-26T02:00:00.000Z');
    const config = { cron: '0 9 * * *', workdaysOnly: true };
    expect(scheduleTrigger.plan!(undefined, config, c)).toEqual([{ dueAt: '2025-09-28T01:00:00.000Z' }]);
    expect(scheduleTrigger.plan!(undefined, config, ctx('2025-09-30T02:00:00.000Z'))).toEqual([{ dueAt: '2025-10-09T01:00:00.000Z' }]);
    expect(scheduleTrigger.plan!(undefined, { cron: '0 9 * * *' }, ctx('2025-09-30T02:00:00.000Z'))).toEqual([{ dueAt: '2025-10-01T01:00:00.000Z' }]);
  });

  it('does not depend on the wall clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const a = nextCronRun('0 9 * * 1-5', '2025-10-03T02:00:00.000Z', 'Asia/Shanghai');
    vi.setSystemTime(new Date('2001-06-01T00:00:00Z'));
    const b = nextCronRun('0 9 * * 1-5', '2025-10-03T02:00:00.000Z', 'Asia/Shanghai');
    expect(a).toBe('2025-10-06T01:00:00.000Z');
    expect(b).toBe(a);
  });

  it('reports an invalid expression and an unknown time zone', () => {
    const issues = scheduleTrigger.check!({ cron: '61 9 * * *', timeZone: 'Nowhere/City' }, '/trigger/config', 'zh-CN');
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['BATON_E_RULE_BAD_CRON', '/trigger/config/cron'],
      ['BATON_E_RULE_BAD_TIME_ZONE', '/trigger/config/timeZone'],
    ]);
    expect(issues[0]?.message).toContain('分 时 日 月 周');
    expect(scheduleTrigger.check!({ cron: '0 9 * * 1-5' }, '/trigger/config', 'en')).toEqual([]);
  });
});
