import type { FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

/**
 * Forms other editors read fields from (a flow's bound form, a rule's scoped form): the published
 * version, or the newest draft when none is published yet, so fields added a moment ago show up.
 */
export function useFormBodies(keys: readonly string[]): Map<string, FormDefinition> {
  const api = useApi();
  const [forms, setForms] = useState<Map<string, FormDefinition>>(new Map());
  const wanted = [...new Set(keys.filter((k) => k !== ''))].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    const list = wanted === '' ? [] : wanted.split(',');
    Promise.all(
      list.map(async (key): Promise<[string, FormDefinition] | null> => {
        try {
          return [key, (await api.definitions.get('form', key)).body as unknown as FormDefinition];
        } catch {
          try {
            const versions = await api.definitions.list({ kind: 'form', key, limit: 1 });
            const latest = versions.items[0];
            if (!latest) return null;
            return [key, (await api.definitions.get('form', key, latest.version)).body as unknown as FormDefinition];
          } catch {
            return null;
          }
        }
      }),
    ).then((entries) => !cancelled && setForms(new Map(entries.filter((e): e is [string, FormDefinition] => e !== null))));
    return () => {
      cancelled = true;
    };
  }, [api, wanted]);
  return forms;
}

/** Keys of every form on the server (for "which form" pickers). */
export function useDefinitionKeys(kind: 'form' | 'flow'): string[] {
  const api = useApi();
  const [keys, setKeys] = useState<string[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.definitions
      .list({ kind, limit: 500 })
      .then((list) => !cancelled && setKeys([...new Set(list.items.map((i) => i.key))].sort()))
      .catch(() => !cancelled && setKeys([]));
    return () => {
      cancelled = true;
    };
  }, [api, kind]);
  return keys;
}
