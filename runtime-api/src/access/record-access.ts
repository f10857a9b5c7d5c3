import type { Principal } from '../auth/principal.js';
import { hasAnyRole, ROLES } from '../auth/principal.js';

/**
 * Records of collection forms (customer, asset…):
 * - read: any authenticated user, unless the form names `readers` (then those roles, writers, designer, hr, admin);
 *   a form's `readerFields` (user fields such as an asset's holderId) also let that person read that one record;
 * - write (create, update): designer, hr and admin, plus the roles the form names as `writers`.
 */
export const RECORD_WRITER_ROLES = [ROLES.designer, ROLES.hr] as const;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : []);

/** May the principal read every record of the collection (by role)? */
export function canReadRecords(principal: Principal, formBody: Record<string, unknown>): boolean {
  if (!Array.isArray(formBody.readers)) return true;
  return hasAnyRole(principal, [...RECORD_WRITER_ROLES, ...strings(formBody.readers), ...strings(formBody.writers)]);
}

/** Does the form let some people read single records (`readerFields`), so a list is worth filtering? */
export function hasRecordReaders(formBody: Record<string, unknown>): boolean {
  return strings(formBody.readerFields).length > 0;
}

/** One record: a role reader, or the person one of the form's `readerFields` names in this record. */
export function canReadRecord(principal: Principal, formBody: Record<string, unknown>, data: unknown): boolean {
  if (canReadRecords(principal, formBody)) return true;
  if (!data || typeof data !== 'object') return false;
  const values = data as Record<string, unknown>;
  return strings(formBody.readerFields).some((field) => values[field] === principal.userId);
}

/** Designer, HR and admin always; plus the roles a collection form lists as `writers` (e.g. admin-affairs for assets). */
export function canWriteRecords(principal: Principal, formBody: Record<string, unknown> = {}): boolean {
  return hasAnyRole(principal, [...RECORD_WRITER_ROLES, ...strings(formBody.writers)]);
}
