import type { DirectoryPerson } from '@baton/client';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { personText, presenceOf, type Looked } from './person-display.js';
import { usePeople } from './use-people.js';

/**
 * A person by name, looked up from their user id (the id shows while loading, when unknown, and on hover),
 * tagged "Left" / "Inactive" when they are no longer here. Names on one page are fetched in one request.
 */
export function PersonName({ id }: { id: string }) {
  const person = usePeople([id]).get(id);
  return <ShownPerson id={id} person={person} />;
}

/** Several people, comma-separated (a task's assignees). */
export function PersonNames({ ids }: { ids: readonly string[] }) {
  const people = usePeople(ids);
  return (
    <>
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i > 0 ? ', ' : null}
          <ShownPerson id={id} person={people.get(id)} />
        </Fragment>
      ))}
    </>
  );
}

/** A person already looked up (undefined: still loading). */
export function ShownPerson({ id, person }: { id: string; person: Looked }) {
  const presence = presenceOf(person);
  const state = person === undefined ? 'loading' : person === null ? 'unknown' : 'known';
  return (
    <span className="person" data-person-id={id} data-person-state={state} title={person ? id : undefined}>
      {personText(id, person)}
      {presence ? <> <PresenceBadge person={person!} presence={presence} /></> : null}
    </span>
  );
}

function PresenceBadge({ person, presence }: { person: DirectoryPerson; presence: 'left' | 'inactive' }) {
  const { t } = useTranslation('workspace');
  const title = presence === 'left' && person.leaveDate ? t('personLeftOnDate', { date: person.leaveDate }) : undefined;
  return (
    <span className="badge badge-draft" data-presence={presence} title={title}>
      {presence === 'left' ? t('personLeft') : t('personInactive')}
    </span>
  );
}
