import { describe, expect, it } from 'vitest';
import { isDemoInstanceRow, parseDemoInstances, resolveSeedValues } from './demo-instance-script.js';

describe('demo instance scripts', () => {
  const now = new Date('2026-10-05T23:30:00Z'); // a Monday (UTC day); the hour does not count

  it('resolves every {"$daysAgo": N} below a value, leaves other objects alone', () => {
    expect(resolveSeedValues({ a: { $daysAgo: 1 }, b: [{ when: { $daysAgo: 0 } }], c: { $daysAgo: 1, x: 2 }, d: 'text' }, now)).toEqual({
      a: '2026-10-04', b: [{ when: '2026-10-05' }], c: { $daysAgo: 1, x: 2 }, d: 'text',
    });
  });

  it('only rows with a script are replayed; a start on a holiday moves to the next working day', () => {
    expect(isDemoInstanceRow({ assetTag: 'LAP-1' })).toBe(false);
    const rows = [
      { assetTag: 'LAP-1' },
      // 2026-10-01 is National Day (a holiday until 10-07, 10-10 is a working Saturday): the start moves to 10-08.
      { $id: 'p1', $startedAt: { $daysAgo: 4, time: '09:30' }, $steps: [{ node: 'n', action: 'approve', hours: 2 }], employeeId: 'e1', lastWorkingDay: { $daysAgo: 2 } },
    ];
    const { scripts, issues } = parseDemoInstances(rows, '/seed/records/f', now, 'Asia/Shanghai', 'en');
    expect(issues).toEqual([]);
    expect(scripts).toEqual([
      { id: 'p1', path: '/seed/records/f/1', startedAt: '2026-10-08T01:30:00.000Z', initiator: undefined, steps: [{ node: 'n', action: 'approve', hours: 2 }], data: { employeeId: 'e1', lastWorkingDay: '2026-10-03' } },
    ]);
  });

  it('names the path of a malformed script', () => {
    const { issues } = parseDemoInstances([{ $id: 'p1', $startedAt: { $daysAgo: 'soon' }, $steps: [{ action: 'approve' }] }], '/seed/records/f', now, 'Asia/Shanghai', 'en');
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/seed/records/f/0/$startedAt/$daysAgo']));
    expect(issues.some((i) => i.path.startsWith('/seed/records/f/0/$steps/0'))).toBe(true);
  });
});
