import type { DirectoryPeopleQuery, DirectoryPeopleRow, PeopleStatusFilter } from '@baton/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

/** Who the list shows: people here now, everyone, or only those leaving, gone or switched off. */
export type PeopleShow = 'present' | 'all' | PeopleStatusFilter;
export const PEOPLE_SHOW: readonly PeopleShow[] = ['present', 'leaving', 'left', 'inactive', 'all'];

export interface PeopleFilters {
  q: string;
  department: string;
  show: PeopleShow;
}

/** The server's query for a "show" choice: a status filter, or the search's include. */
export function showQuery(show: PeopleShow): Pick<DirectoryPeopleQuery, 'include' | 'status'> {
  return show === 'present' || show === 'all' ? { include: show } : { status: show };
}

const PAGE = 30;

/** Why a list is empty: nobody imported at all, nobody here now (all left), or nobody matches the filters. */
export type EmptyReason = 'none' | 'allLeft' | 'noMatch';

export interface PeopleList {
  items: DirectoryPeopleRow[] | null;
  /** How many match on all pages (from the first page). */
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  empty: EmptyReason | null;
  loadMore: () => void;
  reload: () => void;
}

/** HR's people list (GET /directory/people) for the filters, a page at a time, with why it is empty. */
export function useDirectoryPeople(filters: PeopleFilters): PeopleList {
  const api = useApi();
  const [items, setItems] = useState<DirectoryPeopleRow[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [empty, setEmpty] = useState<EmptyReason | null>(null);
  const [generation, setGeneration] = useState(0);
  // Answers to an older filter (typed over) must not land in the list.
  const asked = useRef(0);

  const query = useCallback(
    (after?: string) => ({
      ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
      ...(filters.department ? { department: filters.department } : {}),
      ...showQuery(filters.show),
      limit: PAGE,
      ...(after ? { cursor: after } : {}),
    }),
    [filters.q, filters.department, filters.show],
  );

  useEffect(() => {
    const ticket = ++asked.current;
    setLoading(true);
    setError(null);
    (async () => {
      const page = await api.directory.people(query());
      let reason: EmptyReason | null = null;
      if (page.items.length === 0) {
        const filtered = filters.q.trim() !== '' || filters.department !== '' || (filters.show !== 'present' && filters.show !== 'all');
        // Unfiltered and empty: is the directory empty, or has everyone left?
        const anyone = filtered || filters.show === 'all' ? null : await api.directory.people({ include: 'all', limit: 1 });
        reason = filtered ? 'noMatch' : filters.show === 'all' || anyone?.items.length === 0 ? 'none' : 'allLeft';
      }
      if (ticket !== asked.current) return;
      setItems(page.items);
      setTotal(page.total);
      setCursor(page.nextCursor);
      setEmpty(reason);
    })()
      .catch((e: unknown) => ticket === asked.current && setError(e))
      .finally(() => ticket === asked.current && setLoading(false));
  }, [api, query, filters.q, filters.department, filters.show, generation]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const ticket = asked.current;
    setLoading(true);
    api.directory
      .people(query(cursor))
      .then((page) => {
        if (ticket !== asked.current) return;
        setItems((prev) => [...(prev ?? []), ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => ticket === asked.current && setError(e))
      .finally(() => ticket === asked.current && setLoading(false));
  }, [api, cursor, query]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, total, hasMore: cursor !== null, loading, error, empty, loadMore, reload };
}
