import { describe, expect, it } from 'vitest';
import { placementChanges } from './dashboard-change.js';

describe('placementChanges', () => {
  it('says a report was put on, moved on, or taken off a dashboard', () => {
    expect(placementChanges({}, { tags: ['dashboard:offboarding:45'] })).toEqual([{ kind: 'added', dashboard: 'offboarding', order: 45 }]);
    expect(placementChanges({ tags: ['dashboard:offboarding:40'] }, { tags: ['dashboard:offboarding:45'] })).toEqual([{ kind: 'moved', dashboard: 'offboarding', from: 40, to: 45 }]);
    expect(placementChanges({ tags: ['dashboard:offboarding:40', 'x'] }, { tags: ['x'] })).toEqual([{ kind: 'removed', dashboard: 'offboarding' }]);
  });
  it('is silent when only other tags change, and follows a move between dashboards', () => {
    expect(placementChanges({ tags: ['a', 'dashboard:offboarding:4'] }, { tags: ['dashboard:offboarding:4', 'b'] })).toEqual([]);
    expect(placementChanges({ tags: ['dashboard:offboarding:4'] }, { tags: ['dashboard:sales:4'] })).toEqual([
      { kind: 'removed', dashboard: 'offboarding' },
      { kind: 'added', dashboard: 'sales', order: 4 },
    ]);
  });
});
