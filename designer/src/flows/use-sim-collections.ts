import { isBatonApiError, type BatonClient } from '@baton/client';
import type { FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { useApi } from '../app/session/use-api.js';
import type { SimRecord } from './sim-records.js';

/** What the workspace gave for one collection form: its records, or why there are none to read. */
export type CollectionStatus = 'loading' | 'ready' | 'forbidden' | 'failed';

export interface SimCollection {
  key: string;
  /** The collection's form (published, else its newest draft); undefined when the server has none. */
  form?: FormDefinition;
  /** The workspace's records of it, as GET /api/records/:formKey lists them (the first 500). */
  records: SimRecord[];
  status: CollectionStatus;
}

/** As many records as one page of GET /records/:formKey holds. */
const RECORD_PAGE = 500;

async function formBody(api: BatonClient, key: string): Promise<FormDefinition | undefined> {
  try {
    return (await api.definitions.get('form', key)).body as unknown as FormDefinition;
  } catch {
    const latest = (await api.definitions.list({ kind: 'form', key, limit: 1 }).catch(() => undefined))?.items[0];
    if (!latest) return undefined;
    return (await api.definitions.get('form', key, latest.version).catch(() => undefined))?.body as unknown as FormDefinition | undefined;
  }
}

async function loadCollection(api: BatonClient, key: string): Promise<SimCollection> {
  const form = await formBody(api, key);
  try {
    const list = await api.records.list(key, { limit: RECORD_PAGE });
    const records = list.items.map((r): SimRecord => ({ id: r.id, formKey: key, data: r.data as Record<string, unknown>, source: 'workspace' }));
    return { key, ...(form ? { form } : {}), records, status: 'ready' };
  } catch (error) {
    // A designer who may not read a collection still simulates, with sample records only.
    const status = isBatonApiError(error) && (error.status === 403 || error.status === 401) ? 'forbidden' : 'failed';
    return { key, ...(form ? { form } : {}), records: [], status };
  }
}

/**
 * The collection forms the flow's relation fields point at, with the records the workspace holds of them:
 * the pack's seed records, readable through the same API the runtime offers. Read once per set of keys.
 */
export function useSimCollections(keys: readonly string[]): SimCollection[] {
  const api = useApi();
  const wanted = keys.join(',');
  const [loaded, setLoaded] = useState<SimCollection[]>([]);
  useEffect(() => {
    let live = true;
    const list = wanted === '' ? [] : wanted.split(',');
    void Promise.all(list.map((key) => loadCollection(api, key))).then((all) => live && setLoaded(all));
    return () => {
      live = false;
    };
  }, [api, wanted]);
  // Until this set of keys has been read, each is still loading (never "none": that would start the run early).
  if (loaded.map((c) => c.key).join(',') === wanted) return loaded;
  return keys.map((key) => ({ key, records: [], status: 'loading' }));
}
