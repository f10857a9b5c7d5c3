import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatonError } from '../errors/error-catalogue.js';
import { addBusinessDays, diffBusinessDays } from './add-business-days.js';
import { addBusinessHours } from './add-business-hours.js';
import { addDuration } from './add-duration.js';
import { formatDate } from './calendar-date.js';
import { CN_CALENDAR, CN_CALENDAR_YEARS, CN_HOLIDAY_DATA } from './cn-calendar.js';
import { isWorkday } from './is-workday.js';
import type { WorkCalendar } from './work-calendar.js';
import { instantToZonedDate, instantToZonedTime, zonedDateTimeToInstant } from './zoned-time.js';

const SH = 'Asia/Shanghai';

describe('isWorkday', () => {
  it('defaults to Monday–Friday', () => {
    expect(isWorkday('2025-05-02')).toBe(true); // Friday
    expect(isWorkday('2025-05-03')).toBe(false);
  });
  it('knows Chinese holidays and adjusted working days (调休)', () => {
    expect(isWorkday('2025-01-28', CN_CALENDAR)).toBe(false); // Spring Festival eve (Tuesday)
    expect(isWorkday('2025-01-26', CN_CALENDAR)).toBe(true); // Sunday worked
    expect(isWorkday('2026-02-28', CN_CALENDAR)).toBe(true); // Saturday worked
    expect(isWorkday('2026-01-02', CN_CALENDAR)).toBe(false);
    expect(isWorkday('2024-09-14', CN_CALENDAR)).toBe(true);
    expect(isWorkday('2024-06-10', CN_CALENDAR)).toBe(false);
  });
  it('rejects malformed dates with a message that says the format', () => {
    expect(() => isWorkday('2025-13-01')).toThrow(BatonError);
    expect(() => isWorkday('31/12/2025')).toThrow(/YYYY-MM-DD/);
  });
});

describe('Chinese holiday data', () => {
  it('covers 2023–2026, each adjusted working day on a weekend and no day both off and worked', () => {
    expect(CN_CALENDAR_YEARS).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    const off = new Set(CN_CALENDAR.holidays);
    for (const day of CN_CALENDAR.workdays ?? []) {
      expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      expect(off.has(day)).toBe(false);
    }
  });
  it('matches the State Council totals of days off per holiday', () => {
    const lengths = (year: string) => CN_HOLIDAY_DATA.years[year]?.holidays.map((h) => h.off.length);
    expect(lengths('2024')).toEqual([1, 8, 3, 5, 1, 3, 7]);
    expect(lengths('2025')).toEqual([1, 8, 3, 5, 3, 8]);
    expect(lengths('2026')).toEqual([3, 9, 3, 5, 3, 3, 7]);
  });
});

describe('addBusinessDays / diffBusinessDays', () => {
  it('skips weekends and holidays, forwards and backwards', () => {
    expect(addBusinessDays('2025-05-02', 1)).toBe('2025-05-05');
    expect(addBusinessDays('2025-05-05', -1)).toBe('2025-05-02');
    expect(addBusinessDays('2025-04-30', 1, CN_CALENDAR)).toBe('2025-05-06');
    expect(addBusinessDays('2025-04-25', 1, CN_CALENDAR)).toBe('2025-04-27'); // Sunday 27 Apr is worked
    expect(addBusinessDays('2025-04-30', 0, CN_CALENDAR)).toBe('2025-04-30');
  });
  it('is the inverse of diffBusinessDays on working days (property)', () => {
    const day = fc.integer({ min: 19_700, max: 20_800 }).map(formatDate); // 2023–2026
    fc.assert(
      fc.property(day, fc.integer({ min: -40, max: 40 }), (from, n) => {
        const to = addBusinessDays(from, n, CN_CALENDAR);
        expect(isWorkday(to, CN_CALENDAR) || n === 0).toBe(true);
        expect(diffBusinessDays(from, to, CN_CALENDAR)).toBe(n);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
  it('fails clearly on a calendar without working days', () => {
    const never: WorkCalendar = { weekend: [0, 1, 2, 3, 4, 5, 6] };
    expect(() => addBusinessDays('2025-01-01', 1, never)).toThrow(/no working day/);
  });
});

describe('time zones', () => {
  it('converts wall-clock times to instants and back', () => {
    expect(zonedDateTimeToInstant('2025-03-31', '09:00', SH)).toBe('2025-03-31T01:00:00.000Z');
    expect(instantToZonedDate('2025-03-31T17:00:00Z', SH)).toBe('2025-04-01');
    expect(instantToZonedTime('2025-03-31T17:00:00Z', SH)).toBe('01:00');
    // New York: EST then EDT after 9 March 2025.
    expect(zonedDateTimeToInstant('2025-03-08', '09:00', 'America/New_York')).toBe('2025-03-08T14:00:00.000Z');
    expect(zonedDateTimeToInstant('2025-03-10', '09:00', 'America/New_York')).toBe('2025-03-10T13:00:00.000Z');
    expect(() => zonedDateTimeToInstant('2025-03-10', '09:00', 'Nowhere/City')).toThrow(/IANA/);
  });
});

describe('addBusinessHours', () => {
  const cal: WorkCalendar = { workStart: '09:00', workEnd: '18:00' };
  it('counts only working hours of working days', () => {
    // Friday 16:00 Shanghai + 4h → Monday 11:00.
    expect(addBusinessHours('2025-05-09T08:00:00Z', 4, cal, SH)).toBe('2025-05-12T03:00:00.000Z');
    // Before opening starts at opening.
    expect(addBusinessHours('2025-05-12T23:00:00Z', 1, cal, SH)).toBe('2025-05-13T02:00:00.000Z');
    // Backwards from Monday 10:00 by 2h → Friday 17:00.
    expect(addBusinessHours('2025-05-12T02:00:00Z', -2, cal, SH)).toBe('2025-05-09T09:00:00.000Z');
    // Over the National Day week with the CN calendar: 30 Sep 17:00 + 2h → 9 Oct 10:00.
    expect(addBusinessHours('2025-09-30T09:00:00Z', 2, CN_CALENDAR, SH)).toBe('2025-10-09T02:00:00.000Z');
  });
});

describe('addDuration', () => {
  it('handles every unit', () => {
    const start = '2025-09-30T01:00:00Z'; // Tue 09:00 Shanghai
    expect(addDuration(start, { amount: 90, unit: 'minutes' }, CN_CALENDAR, SH)).toBe('2025-09-30T02:30:00.000Z');
    expect(addDuration(start, { amount: 48, unit: 'hours' }, CN_CALENDAR, SH)).toBe('2025-10-02T01:00:00.000Z');
    expect(addDuration(start, { amount: 2, unit: 'days' }, CN_CALENDAR, SH)).toBe('2025-10-02T01:00:00.000Z');
    expect(addDuration(start, { amount: 2, unit: 'business-days' }, CN_CALENDAR, SH)).toBe('2025-10-10T01:00:00.000Z');
    expect(addDuration(start, { amount: 10, unit: 'business-hours' }, CN_CALENDAR, SH)).toBe('2025-10-09T02:00:00.000Z');
    expect(() => addDuration(start, { amount: 1, unit: 'weeks' as never }, CN_CALENDAR, SH)).toThrow(/units/);
  });
});
