import type { PersonStatus } from '@baton/client';

/**
 * The presence the detail panel shows. The server decides "left" by the organisation's date (its time zone
 * setting), so the panel takes the list row's status rather than comparing the leave date with the browser's
 * clock, which differs around midnight. Without a row (a person opened by link, filtered out) the leave date
 * is compared with `today` (the browser's date): right except within hours of the organisation's midnight.
 */
export function detailStatus(rowStatus: PersonStatus | null | undefined, user: { active: boolean; leaveDate?: string | null }, today = new Date().toISOString().slice(0, 10)): PersonStatus {
  if (rowStatus) return rowStatus;
  if (!user.active) return 'inactive';
  return user.leaveDate && user.leaveDate < today ? 'left' : 'active';
}

/** The message key of a status's label. */
export function statusLabelKey(status: PersonStatus): 'statusActive' | 'statusInactive' | 'statusLeft' {
  return status === 'left' ? 'statusLeft' : status === 'inactive' ? 'statusInactive' : 'statusActive';
}
