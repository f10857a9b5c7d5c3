import { describe, expect, it } from 'vitest';
import { dashboardKeys, dashboardReports, indexOf, orderAt, withDashboardSlot } from './dashboard-tags.js';

describe('withDashboardSlot', () => {
  it('adds a placement to a report without tags, and removes it again leaving no tags', () => {
    expect(withDashboardSlot(undefined, 'offboarding', { order: 45 })).toEqual(['dashboard:offboarding:45']);
    expect(withDashboardSlot(['dashboard:offboarding:45'], 'offboarding', null)).toBeUndefined();
  });

  it('moves a placement where it stood, keeping free tags and other dashboards', () => {
    const tags = ['hr', 'dashboard:offboarding:10', 'dashboard:sales:3', 'kpi'];
    expect(withDashboardSlot(tags, 'offboarding', { order: 25 })).toEqual(['hr', 'dashboard:offboarding:25', 'dashboard:sales:3', 'kpi']);
    expect(withDashboardSlot(tags, 'offboarding', null)).toEqual(['hr', 'dashboard:sales:3', 'kpi']);
    expect(withDashboardSlot(tags, 'sales', { order: 7 })).toEqual(['hr', 'dashboard:offboarding:10', 'dashboard:sales:7', 'kpi']);
  });

  it('keeps the order a whole number the tag pattern accepts, and the tag readable by the dashboard', () => {
    const tags = withDashboardSlot([], 'offboarding', { order: 12.7 })!;
    expect(tags).toEqual(['dashboard:offboarding:12']);
    expect(withDashboardSlot([], 'offboarding', { order: -3 })).toEqual(['dashboard:offboarding:0']);
    expect(withDashboardSlot([], 'offboarding', { order: 10_000_000 })).toEqual(['dashboard:offboarding:999999']);
    expect(dashboardReports([{ key: 'a', body: { tags } }], 'offboarding').map((d) => d.key)).toEqual(['a']);
  });

  it('drops a second placement on the same dashboard', () => {
    expect(withDashboardSlot(['dashboard:offboarding:1', 'dashboard:offboarding:2'], 'offboarding', { order: 5 })).toEqual(['dashboard:offboarding:5']);
  });
});

describe('dashboardKeys', () => {
  it('lists the offboarding dashboard first, then every other one tags name', () => {
    expect(dashboardKeys([undefined, ['dashboard:sales:1', 'x'], ['dashboard:offboarding:2'], ['dashboard:it-ops:3']])).toEqual(['offboarding', 'it-ops', 'sales']);
    expect(dashboardKeys([])).toEqual(['offboarding']);
  });
});

describe('orderAt / indexOf', () => {
  const others = [{ key: 'a', order: 10 }, { key: 'b', order: 20 }, { key: 'c', order: 21 }];
  it('puts a report first, between two neighbours or last', () => {
    expect(orderAt(others, 0)).toBe(0);
    expect(orderAt(others, 1)).toBe(15);
    expect(orderAt(others, 3)).toBe(31);
    expect(orderAt([], 0)).toBe(10);
  });
  it('takes the earlier neighbour when no whole number fits between', () => {
    expect(orderAt(others, 2)).toBe(20);
  });
  it('finds the position an order lands at, ties by key', () => {
    expect(indexOf(others, 15, 'z')).toBe(1);
    expect(indexOf(others, 20, 'z')).toBe(2);
    expect(indexOf(others, 20, 'a0')).toBe(1);
    for (let i = 0; i <= others.length; i++) if (i !== 2) expect(indexOf(others, orderAt(others, i), 'new')).toBe(i);
  });
});
