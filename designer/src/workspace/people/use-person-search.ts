import type { DirectoryPerson } from '@baton/client';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';
import { rememberPeople } from './person-lookup.js';

/** Wait after the last keystroke before asking the server (one request per pause, not per key). */
export const SEARCH_DEBOUNCE_MS = 250;
/** People a search shows at once; typing more narrows it. */
const PAGE = 20;

export interface PersonSearch {
  /** null until the first answer arrives. */
  items: DirectoryPerson[] | null;
  /** The words `items` answer (trimmed): older than what is typed while the next answer is on its way. */
  forText: string;
  /** More people match than are shown. */
  more: boolean;
  error: unknown;
}

/**
 * People matching `text` (GET /directory/users), asked a moment after the last keystroke while `open`;
 * an answer that arrives after newer words were typed is dropped. `departments` narrows the search (a
 * user field's config). Only people present today are offered, unless `includeLeavers` (a field that names
 * the leaver, `allowPeopleWhoLeft`).
 */
export function usePersonSearch(text: string, open: boolean, departments: readonly string[] | undefined, includeLeavers = false): PersonSearch {
  const api = useApi();
  const [state, setState] = useState<PersonSearch>({ items: null, forText: '', more: false, error: null });
  const scope = departments?.join('\n') ?? '';
  useEffect(() => {
    if (!open) return;
    let live = true;
    const q = text.trim();
    const timer = setTimeout(() => {
      api.directory
        .searchUsers({ ...(q ? { q } : {}), ...(scope ? { department: scope.split('\n') } : {}), ...(includeLeavers ? { include: 'all' as const } : {}), limit: PAGE })
        .then(
          (page) => {
            if (!live) return;
            rememberPeople(api, page.items);
            setState({ items: page.items, forText: q, more: page.nextCursor !== null, error: null });
          },
          (error: unknown) => live && setState({ items: [], forText: q, more: false, error }),
        );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, text, open, scope, includeLeavers]);
  return state;
}
