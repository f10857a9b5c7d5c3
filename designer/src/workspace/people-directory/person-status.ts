import type { PersonStatus } from '@baton/client';

/** What the page shows for a person's presence: the server's status, and "leaving" for one with a leave date ahead. */
export type PresenceShown = PersonStatus | 'leaving';

/**
 * The presence to show. The server decides it by the organisation's date (its time zone setting), on every
 * list row and on the single-user record alike, so nothing here compares dates with the browser's clock: an
 * active person with a leave date is one whose last day is today or later, i.e. leaving.
 */
export function presenceShown(person: { status: PersonStatus; leaveDate: string | null }): PresenceShown {
  return person.status === 'active' && person.leaveDate ? 'leaving' : person.status;
}

/** The message key of a presence's label (leaving takes the leave date as `date`). */
export function statusLabelKey(status: PresenceShown): 'statusActive' | 'statusInactive' | 'statusLeft' | 'statusLeaving' {
  switch (status) {
    case 'left': return 'statusLeft';
    case 'inactive': return 'statusInactive';
    case 'leaving': return 'statusLeaving';
    default: return 'statusActive';
  }
}
