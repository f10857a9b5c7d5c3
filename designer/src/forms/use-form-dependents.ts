import { useCallback, useRef } from 'react';
import { useApi } from '../app/session/use-api.js';
import type { LoadedDefinition } from './external-references.js';

/** Kinds whose definitions can read a form's fields (forms too: relation fields of other collections). */
const READERS = new Set(['flow', 'rule', 'report', 'document', 'form']);

/**
 * The published definitions that may read this form's fields, loaded once, when first asked (a rename or
 * delete), not on every open of the designer. A failed load reads as "none known" rather than blocking
 * the edit: the warning is a courtesy, publishing checks references again.
 */
export function useFormDependents(): () => Promise<LoadedDefinition[]> {
  const api = useApi();
  const loaded = useRef<Promise<LoadedDefinition[]> | null>(null);
  return useCallback(() => {
    loaded.current ??= (async (): Promise<LoadedDefinition[]> => {
      try {
        const list = await api.definitions.list({ status: 'published', limit: 500 });
        const keys = new Map<string, { kind: string; key: string }>();
        for (const d of list.items) if (READERS.has(d.kind)) keys.set(`${d.kind}:${d.key}`, { kind: d.kind, key: d.key });
        const bodies = await Promise.all(
          [...keys.values()].map(async ({ kind, key }): Promise<LoadedDefinition | null> => {
            try {
              const d = await api.definitions.get(kind as never, key);
              return { kind, key, title: d.title ?? (d.body as { title?: unknown }).title, body: d.body };
            } catch {
              return null;
            }
          }),
        );
        return bodies.filter((b): b is LoadedDefinition => b !== null);
      } catch {
        loaded.current = null;
        return [];
      }
    })();
    return loaded.current;
  }, [api]);
}
