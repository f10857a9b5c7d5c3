import { personPresence, todayIn, type PersonPresence } from '@baton/engine';

export type { PersonPresence };

/** Today's date ("YYYY-MM-DD") in the organisation's time zone (BATON_TIME_ZONE, services.timeZone). */
export function organisationToday(now: Date, timeZone: string): string {
  return todayIn(now.toISOString(), timeZone);
}

/**
 * Whether a directory row's person is still here: `left` after their leave date (the day itself counts as
 * present), `inactive` when deactivated (SCIM, import). The engine's personPresence on the row's columns,
 * so the search, the submission checks and assignment resolution all judge a person the same way.
 */
export function presenceOfRow(row: { active: boolean; leave_date: string | null }, today: string): PersonPresence {
  return personPresence({ active: row.active, leaveDate: row.leave_date }, today);
}
