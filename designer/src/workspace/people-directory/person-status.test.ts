import { describe, expect, it } from 'vitest';
import { detailStatus, statusLabelKey } from './person-status.js';

describe('detail panel status', () => {
  it("follows the server's status even when the browser's date says otherwise", () => {
    // Leave date 2026-11-27: the browser is already on the 28th, the organisation still on the 27th.
    const leaver = { active: true, leaveDate: '2026-11-27' };
    expect(detailStatus('active', leaver, '2026-11-28')).toBe('active');
    // The organisation is on the 28th while the browser is still on the 27th.
    expect(detailStatus('left', leaver, '2026-11-27')).toBe('left');
    expect(detailStatus('inactive', { active: false }, '2026-11-28')).toBe('inactive');
  });

  it('without a list row, falls back to the active flag and the leave date against the given day', () => {
    expect(detailStatus(null, { active: false, leaveDate: '2026-11-27' }, '2026-11-28')).toBe('inactive');
    expect(detailStatus(undefined, { active: true, leaveDate: '2026-11-27' }, '2026-11-28')).toBe('left');
    expect(detailStatus(undefined, { active: true, leaveDate: '2026-11-28' }, '2026-11-28')).toBe('active');
    expect(detailStatus(null, { active: true }, '2026-11-28')).toBe('active');
  });

  it('labels each status', () => {
    expect(statusLabelKey('left')).toBe('statusLeft');
    expect(statusLabelKey('inactive')).toBe('statusInactive');
    expect(statusLabelKey('active')).toBe('statusActive');
  });
});
