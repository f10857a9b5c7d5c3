import type { DirectoryPerson } from '@baton/client';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';
import { distinctIds } from './person-display.js';
import { lookupPerson } from './person-lookup.js';

/**
 * The directory's people behind user ids: an id is absent from the map while it is looked up and maps to
 * null when nobody has it (or the lookup failed). Every id a page asks for in the same tick goes in one
 * request and answers are kept for the signed-in client (person-lookup), so many names cost one round trip.
 */
export function usePeople(ids: readonly (string | null | undefined)[]): ReadonlyMap<string, DirectoryPerson | null> {
  const api = useApi();
  const wanted = distinctIds(ids).sort().join('\n');
  const [people, setPeople] = useState<ReadonlyMap<string, DirectoryPerson | null>>(new Map());
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const list = wanted.split('\n');
    void Promise.all(list.map((id) => lookupPerson(api, id).then((p) => [id, p] as const, () => [id, null] as const))).then((found) => {
      if (live) setPeople(new Map(found));
    });
    return () => {
      live = false;
    };
  }, [api, wanted]);
  return people;
}
