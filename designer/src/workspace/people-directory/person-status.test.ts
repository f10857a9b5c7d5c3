import { describe, expect, it } from 'vitest';
import { presenceShown, statusLabelKey } from './person-status.js';

describe('person presence shown', () => {
  it("shows the server's status, whatever the browser's date", () => {
    // The server judged by the organisation's date: a leave date in the past can still be "active" (last day).
    expect(presenceShown({ status: 'left', leaveDate: '2026-11-27' })).toBe('left');
    expect(presenceShown({ status: 'inactive', leaveDate: null })).toBe('inactive');
    expect(presenceShown({ status: 'active', leaveDate: null })).toBe('active');
  });

  it('calls a present person with a leave date leaving (their last day is today or later)', () => {
    expect(presenceShown({ status: 'active', leaveDate: '2026-11-27' })).toBe('leaving');
    expect(presenceShown({ status: 'inactive', leaveDate: '2030-01-31' })).toBe('inactive');
  });

  it('labels each presence', () => {
    expect(statusLabelKey('left')).toBe('statusLeft');
    expect(statusLabelKey('inactive')).toBe('statusInactive');
    expect(statusLabelKey('active')).toBe('statusActive');
    expect(statusLabelKey('leaving')).toBe('statusLeaving');
  });
});
