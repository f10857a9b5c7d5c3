import type { Principal } from '../auth/principal.js';
import { hasAnyRole, ROLES } from '../auth/principal.js';

/**
 * Records of collection forms (customer, asset…). Forms declare no roles yet (engine gap), so:
 * - read: any authenticated user, unless the form body names `readers: string[]` (honoured once the schema allows it);
 * - write (create, update): designer, hr and admin.
 */
export const RECORD_WRITER_ROLES = [ROLES.designer, ROLES.hr] as const;

export function canReadRecords(principal: Principal, formBody: Record<string, unknown>): boolean {
  const readers = formBody.readers;
  if (!Array.isArray(readers)) return true;
  return hasAnyRole(principal, [...RECORD_WRITER_ROLES, ...readers.filter((r): r is string => typeof r === 'string')]);
}

export function canWriteRecords(principal: Principal): boolean {
  return hasAnyRole(principal, RECORD_WRITER_ROLES);
}
