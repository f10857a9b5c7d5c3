import { describe, expect, it } from 'vitest';
import { BUILDER_ROLES, landingOf, mayUse } from './role-access.js';
import { NAV_ITEMS } from './routes.js';

const visibleNav = (roles: string[] | null) => NAV_ITEMS.filter((item) => mayUse(roles, item.roles)).map((item) => item.to);

describe('role access', () => {
  it('shows Build and Packs only to designers and admins', () => {
    expect(visibleNav(['manager'])).toEqual(['/', '/inbox', '/start', '/records', '/instances']);
    expect(visibleNav([])).not.toContain('/build');
    expect(visibleNav(['designer'])).toEqual(expect.arrayContaining(['/build', '/packs']));
    // Designers see the dashboard their reports go on; each report still runs under the server's checks.
    expect(visibleNav(['designer'])).toContain('/dashboard');
    expect(visibleNav(['manager'])).not.toContain('/dashboard');
    expect(visibleNav(['admin'])).toEqual(NAV_ITEMS.map((item) => item.to));
  });

  it('gives auditors the Connectors entry (their way to deliveries) and nothing of the designer', () => {
    expect(visibleNav(['auditor'])).toContain('/connectors');
    expect(visibleNav(['auditor'])).not.toContain('/build');
    expect(visibleNav(['auditor'])).not.toContain('/packs');
    expect(visibleNav(['hr'])).not.toContain('/connectors');
  });

  it('hides role-bound entries until the roles are known', () => {
    expect(visibleNav(null)).toEqual(['/', '/inbox', '/start', '/records', '/instances']);
  });

  it('lands builders on the designer home and everyone else on their inbox', () => {
    expect(landingOf(null)).toBeNull();
    expect(landingOf(['designer'])).toBe('build-home');
    expect(landingOf(['admin'])).toBe('build-home');
    expect(landingOf(['hr'])).toBe('inbox');
    expect(landingOf([])).toBe('inbox');
  });

  it('requires the designer role the server requires', () => {
    expect(NAV_ITEMS.find((item) => item.to === '/build')?.roles).toEqual(BUILDER_ROLES);
    expect(NAV_ITEMS.find((item) => item.to === '/packs')?.roles).toEqual(BUILDER_ROLES);
  });
});
