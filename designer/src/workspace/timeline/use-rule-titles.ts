import { useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

/**
 * Published rules' titles by key (newest version first wins), asked only when `needed` (the history
 * names a rule), so a timeline can say "When HR approves: IT disables…" rather than `rule:it-disable-accounts`.
 * Empty until loaded, and when the list cannot be read: callers fall back to the key.
 */
export function useRuleTitles(needed: boolean): ReadonlyMap<string, unknown> {
  const api = useApi();
  const [titles, setTitles] = useState<ReadonlyMap<string, unknown>>(new Map());
  useEffect(() => {
    if (!needed) return;
    let live = true;
    api.definitions
      .list({ kind: 'rule', status: 'published', limit: 500 })
      .then((list) => {
        const byKey = new Map<string, unknown>();
        for (const d of list.items) if (!byKey.has(d.key)) byKey.set(d.key, d.title);
        if (live) setTitles(byKey);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, needed]);
  return titles;
}
