import { instantToZonedDate } from '../calendar/zoned-time.js';

/**
 * Whether a person can still be given work: `left` once their leave date is behind them (they still work
 * their last day), `inactive` when the directory switched them off (SCIM `active: false`) before that.
 */
export type PersonPresence = 'active' | 'inactive' | 'left';

/** What presence is decided from; the engine's DirectoryUser and the runtime's rows both fit. */
export interface PresenceFacts {
  /** false: deactivated in the directory. Absent: active. */
  active?: boolean | undefined;
  /** The last working day, "YYYY-MM-DD". */
  leaveDate?: string | null | undefined;
}

/** `today` is the calendar date in the organisation's time zone ("YYYY-MM-DD"), see todayIn. */
export function personPresence(person: PresenceFacts, today: string): PersonPresence {
  // ISO dates compare as strings; a leave date of today means they are still here today.
  if (typeof person.leaveDate === 'string' && person.leaveDate !== '' && person.leaveDate.slice(0, 10) < today) return 'left';
  if (person.active === false) return 'inactive';
  return 'active';
}

export function isPresent(person: PresenceFacts, today: string): boolean {
  return personPresence(person, today) === 'active';
}

/** Today's date in the organisation's time zone, from the command's clock. */
export function todayIn(now: string, timeZone: string): string {
  return instantToZonedDate(now, timeZone);
}
