import { describe, expect, it } from 'vitest';
import { ctx } from '../rule-test-fixtures.js';
import type { RuleRecord } from '../trigger-type.js';
import { dateOffsetTrigger } from './date-offset-trigger.js';

const record = (data: Record<string, unknown>): RuleRecord => ({ id: 'r1', formKey: 'offboarding-request', data });
const plan = (data: Record<string, unknown>, config: Record<string, unknown>, now = '2025-09-01T00:00:00.000Z') =>
  dateOffsetTrigger.plan!(record(data), config as never, ctx(now));

describe('date-offset trigger', () => {
  it('counts business days back over the National Day holidays, at 09:00 Beijing time', () => {
    // 10 Oct (Fri) − 3 business days: 9 Oct, then 1–8 Oct are off, 30 Sep, 29 Sep.
    expect(plan({ lastWorkingDay: '2025-10-10' }, { field: 'lastWorkingDay', offset: -3, unit: 'business-days', at: '09:00' })).toEqual([
      { dueAt: '2025-09-29T01:00:00.000Z' },
    ]);
  });

  it('counts an adjusted Saturday working day (调休) as a business day', () => {
    // 13 Oct (Mon) − 3: 11 Oct (Sat, a working day), 10 Oct, 9 Oct.
    expect(plan({ lastWorkingDay: '2025-10-13' }, { field: 'lastWorkingDay', offset: -3, unit: 'business-days', at: '09:00' })).toEqual([
      { dueAt: '2025-10-09T01:00:00.000Z' },
    ]);
  });

  it('counts calendar days, defaults to 00:00 and to calendar days', () => {
    expect(plan({ d: '2025-10-10' }, { field: 'd', offset: -3, unit: 'days', at: '09:00' })).toEqual([{ dueAt: '2025-10-07T01:00:00.000Z' }]);
    // "At the end of the last working day" = the next day at 00:00 local time.
    expect(plan({ d: '2025-10-10' }, { field: 'd', offset: 1 })).toEqual([{ dueAt: '2025-10-10T16:00:00.000Z' }]);
  });

  it('uses the trigger time zone over the organisation one', () => {
    expect(plan({ d: '2025-10-10' }, { field: 'd', at: '09:00', timeZone: 'Europe/Berlin' })).toEqual([{ dueAt: '2025-10-10T07:00:00.000Z' }]);
  });

  it('offsets a date-time field by hours', () => {
    expect(plan({ meetingAt: '2025-10-10T06:00:00.000Z' }, { field: 'meetingAt', offset: -2, unit: 'hours' })).toEqual([
      { dueAt: '2025-10-10T04:00:00.000Z' },
    ]);
    expect(plan({ d: '2025-10-10' }, { field: 'd', offset: 30, unit: 'minutes' })).toEqual([{ dueAt: '2025-10-09T16:30:00.000Z' }]);
  });

  it('plans nothing without a date, and nothing past due when late = skip', () => {
    expect(plan({}, { field: 'lastWorkingDay' })).toEqual([]);
    expect(plan({ lastWorkingDay: 'soon' }, { field: 'lastWorkingDay' })).toEqual([]);
    const late = { field: 'd', offset: -3, unit: 'business-days', at: '09:00' };
    expect(plan({ d: '2025-10-10' }, { ...late, late: 'skip' }, '2025-09-30T00:00:00.000Z')).toEqual([]);
    expect(plan({ d: '2025-10-10' }, late, '2025-09-30T00:00:00.000Z')).toEqual([{ dueAt: '2025-09-29T01:00:00.000Z' }]);
  });

  it('names its date field for the semantic checks and rejects an unknown time zone', () => {
    expect(dateOffsetTrigger.fieldRefs!({ field: 'lastWorkingDay' })).toEqual([
      { field: 'lastWorkingDay', path: '/field', types: ['date', 'date-time'] },
    ]);
    expect(dateOffsetTrigger.check!({ field: 'd', timeZone: 'Mars/Olympus' }, '/trigger/config', 'en')[0]?.path).toBe('/trigger/config/timeZone');
  });
});
