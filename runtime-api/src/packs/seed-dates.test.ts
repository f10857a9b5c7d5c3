import { validateAgainstSchema } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { PackSeedDirectory, resolveSeedDirectory } from './seed-dates.js';

describe('pack seed dates', () => {
  const now = new Date('2026-03-01T23:30:00Z'); // the UTC day counts, whatever the hour

  it('turns {"$daysAgo": N} into the date N days before the import day, keeps plain dates', () => {
    const out = resolveSeedDirectory(
      {
        departments: [{ id: 'd', name: 'D' }],
        users: [
          { id: 'a', name: 'A', hireDate: { $daysAgo: 365 }, leaveDate: { $daysAgo: 1 } },
          { id: 'b', name: 'B', hireDate: '2020-02-29', leaveDate: { $daysAgo: -3 } },
          { id: 'c', name: 'C' },
        ],
      },
      now,
    );
    expect(out.departments).toEqual([{ id: 'd', name: 'D' }]);
    expect(out.users).toEqual([
      { id: 'a', name: 'A', hireDate: '2025-03-01', leaveDate: '2026-02-28' },
      { id: 'b', name: 'B', hireDate: '2020-02-29', leaveDate: '2026-03-04' },
      { id: 'c', name: 'C' },
    ]);
  });

  it('accepts only a date or an integer $daysAgo, with the path of what is wrong', () => {
    const ok = validateAgainstSchema(PackSeedDirectory as never, { users: [{ id: 'a', name: 'A', leaveDate: { $daysAgo: 30 } }] }, '/seed/directory', 'en');
    expect(ok).toEqual([]);
    for (const bad of [{ $daysAgo: 1.5 }, { $daysAgo: '30' }, { $daysAgo: 30, extra: 1 }, '30 days ago']) {
      const issues = validateAgainstSchema(PackSeedDirectory as never, { users: [{ id: 'a', name: 'A', hireDate: bad }] }, '/seed/directory', 'en');
      expect(issues.length, JSON.stringify(bad)).toBeGreaterThan(0);
      expect(issues.every((i) => i.path.startsWith('/seed/directory/users/0/hireDate')), JSON.stringify(issues)).toBe(true);
    }
  });
});
