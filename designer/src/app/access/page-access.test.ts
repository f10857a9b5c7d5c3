import { describe, expect, it } from 'vitest';
import { BUILDER_ROLES } from '../role-access.js';
import { pageAccess } from './page-access.js';

describe('page access (the designer guard and the roles request)', () => {
  it('opens the designer to designers and admins and says "denied" to everyone else', () => {
    expect(pageAccess(['designer'], null, BUILDER_ROLES)).toBe('allowed');
    expect(pageAccess(['admin'], null, BUILDER_ROLES)).toBe('allowed');
    expect(pageAccess(['hr', 'manager'], null, BUILDER_ROLES)).toBe('denied');
    expect(pageAccess([], null, BUILDER_ROLES)).toBe('denied');
  });

  it('waits while the roles load and reports a failed request instead of waiting forever', () => {
    expect(pageAccess(null, null, BUILDER_ROLES)).toBe('loading');
    expect(pageAccess(null, new Error('offline'), BUILDER_ROLES)).toBe('failed');
  });

  it('lets a page without a role requirement open whatever the roles request does', () => {
    expect(pageAccess(null, new Error('offline'), undefined)).toBe('allowed');
  });
});
