import type { DirectoryPeopleRow } from '@baton/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

export interface PeopleFilters {
  q: string;
  department: string;
  include: 'present' | 'all';
}

const PAGE = 30;

/** Why a list is empty: nobody imported at all, nobody here now (all left), or nobody matches the filters. */
export type EmptyReason = 'none' | 'allLeft' | 'noMatch';

export interface PeopleList {
  items: DirectoryPeopleRow[] | null;
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
      include: filters.include,
      limit: PAGE,
      ...(after ? { cursor: after } : {}),
    }),
    [filters.q, filters.department, filters.include],
  );

  useEffect(() => {
    const ticket = ++asked.current;
    setLoading(true);
    setError(null);
    (async () => {
      const page = await api.directory.people(query());
      let reason: EmptyReason | null = null;
      if (page.items.length === 0) {
        const filtered = filters.q.trim() !== '' || filters.department !== '';
        // Unfiltered and empty: is the directory empty, or has everyone left?
        const anyone = filtered || filters.include === 'all' ? null : await api.directory.people({ include: 'all', limit: 1 });
        reason = filtered ? 'noMatch' : filters.include === 'all' || anyone?.items.length === 0 ? 'none' : 'allLeft';
      }
      if (ticket !== asked.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setEmpty(reason);
    })()
      .catch((e: unknown) => ticket === asked.current && setError(e))
      .finally(() => ticket === asked.current && setLoading(false));
  }, [api, query, filters.q, filters.department, filters.include, generation]);

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
  return { items, hasMore: cursor !== null, loading, error, empty, loadMore, reload };
}
