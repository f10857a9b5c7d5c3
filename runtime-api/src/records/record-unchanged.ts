import { deepEqual } from '@baton/engine';

/**
 * Whether a validated change leaves a record as stored: the same data (deep equality, so key order and
 * kept secret ciphertexts do not count) under the same form version. Such a write is a no-op: no row
 * update, version bump, record.updated event or audit entry, as the engine emits no data.changed for a
 * patch that changes nothing (changed-patch.ts).
 */
export function leavesRecordUnchanged(
  current: { data: Record<string, unknown>; form_version: number },
  data: Readonly<Record<string, unknown>>,
  formVersion: number,
): boolean {
  return current.form_version === formVersion && deepEqual(current.data, data);
}
