import { describe, expect, it } from 'vitest';
import { isPresent, personPresence, todayIn } from './person-presence.js';

describe('personPresence', () => {
  it('is left once the leave date is behind today, still present on the last day itself', () => {
    expect(personPresence({ leaveDate: '2026-11-26' }, '2026-11-27')).toBe('left');
    expect(personPresence({ leaveDate: '2026-11-27' }, '2026-11-27')).toBe('active');
    expect(personPresence({ leaveDate: '2026-11-28' }, '2026-11-27')).toBe('active');
    expect(isPresent({ leaveDate: '2026-11-27' }, '2026-11-27')).toBe(true);
  });

  it('is inactive when the directory switched the person off, left when the date has also passed', () => {
    expect(personPresence({ active: false }, '2026-11-27')).toBe('inactive');
    expect(personPresence({ active: false, leaveDate: '2026-12-31' }, '2026-11-27')).toBe('inactive');
    expect(personPresence({ active: false, leaveDate: '2026-01-01' }, '2026-11-27')).toBe('left');
    expect(personPresence({ active: true, leaveDate: null }, '2026-11-27')).toBe('active');
  });

  it('takes today in the organisation time zone: 17:00 UTC is already tomorrow in Shanghai', () => {
    const now = '2026-11-27T17:00:00.000Z';
    expect(todayIn(now, 'Asia/Shanghai')).toBe('2026-11-28');
    expect(todayIn(now, 'UTC')).toBe('2026-11-27');
    // Leaving on the 27th: gone in Shanghai, still working their last day in London.
    expect(personPresence({ leaveDate: '2026-11-27' }, todayIn(now, 'Asia/Shanghai'))).toBe('left');
    expect(personPresence({ leaveDate: '2026-11-27' }, todayIn(now, 'Europe/London'))).toBe('active');
  });
});
