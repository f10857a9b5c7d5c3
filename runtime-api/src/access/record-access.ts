import type { Principal } from '../auth/principal.js';
import { hasAnyRole, ROLES } from '../auth/principal.js';

/**
 * Records of collection forms (customer, asset…):
 * - read: any authenticated user, unless the form names `readers` (then those roles, writers, designer, hr, admin);
 * - write (create, update): designer, hr and admin, plus the roles the form names as `writers`.
 */
export const RECORD_WRITER_ROLES = [ROLES.designer, ROLES.hr] as const;

export function canReadRecords(principal: Principal, formBody: Record<string, unknown>): boolean {
  const readers = formBody.readers;
  if (!Array.isArray(readers)) return true;
  const writers = Array.isArray(formBody.writers) ? formBody.writers : [];
  return hasAnyRole(principal, [...RECORD_WRITER_ROLES, ...[...readers, ...writers].filter((r): r is string => typeof r === 'string')]);
}

/** Designer, HR and admin always; plus the roles a collection form lists as `writers` (e.g. admin-affairs for assets). */
export function canWriteRecords(principal: Principal, formBody: Record<string, unknown> = {}): boolean {
  const writers = Array.isArray(formBody.writers) ? formBody.writers.filter((r): r is string => typeof r === 'string') : [];
  return hasAnyRole(principal, [...RECORD_WRITER_ROLES, ...writers]);
}
