import type { DefinitionSummary } from '@baton/client';
import { useEffect, useState } from 'react';
import { useApi } from '../app/session/use-api.js';

/** Published definitions of a kind (newest version of each key), with their titles; null while loading. */
export function usePublished(kind: 'flow' | 'form' | 'document'): { items: DefinitionSummary[] | null; error: unknown } {
  const api = useApi();
  const [items, setItems] = useState<DefinitionSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.definitions
      .list({ kind, status: 'published', limit: 500 })
      .then((list) => {
        if (!live) return;
        const seen = new Set<string>();
        setItems(list.items.filter((d) => (seen.has(d.key) ? false : (seen.add(d.key), true))));
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, kind]);
  return { items, error };
}
