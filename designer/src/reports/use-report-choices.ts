import type { Definition, DefinitionSummary } from '@baton/client';
import type { FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { useApi } from '../app/session/use-api.js';

/** A form or flow a report can read, by title; `draftOnly` when no version of it is published yet. */
export interface SourceChoice {
  key: string;
  title: unknown;
  draftOnly: boolean;
}

/** One choice per key: the newest version's title, published if any version is. */
export function sourceChoices(items: readonly DefinitionSummary[]): SourceChoice[] {
  const byKey = new Map<string, { newest: DefinitionSummary; published: boolean }>();
  for (const item of items) {
    const seen = byKey.get(item.key);
    const published = item.status === 'published' || (seen?.published ?? false);
    byKey.set(item.key, { newest: !seen || item.version > seen.newest.version ? item : seen.newest, published });
  }
  return [...byKey.values()].map(({ newest, published }) => ({ key: newest.key, title: newest.title, draftOnly: !published })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Forms or flows on the server, for the report's source pickers. */
export function useSourceChoices(kind: 'form' | 'flow'): SourceChoice[] {
  const api = useApi();
  const [choices, setChoices] = useState<SourceChoice[]>([]);
  useEffect(() => {
    let live = true;
    api.definitions
      .list({ kind, limit: 500 })
      .then((list) => live && setChoices(sourceChoices(list.items)))
      .catch(() => live && setChoices([]));
    return () => {
      live = false;
    };
  }, [api, kind]);
  return choices;
}

/** The published version of a definition, or its newest draft when none is published (null when missing). */
async function latestBody(api: ReturnType<typeof useApi>, kind: 'form' | 'flow', key: string): Promise<Record<string, unknown> | null> {
  try {
    return (await api.definitions.get(kind, key)).body;
  } catch {
    const versions = await api.definitions.list({ kind, key, limit: 1 }).catch(() => ({ items: [] as DefinitionSummary[] }));
    const newest = versions.items[0];
    return newest ? (await api.definitions.get(kind, key, newest.version).catch(() => null))?.body ?? null : null;
  }
}

/**
 * The form whose fields a report's dataset reads: the dataset's form, or for instances / tasks / steps /
 * history of one flow, the form that flow is started with (its fields are the instance's `data.*`).
 */
export function useDatasetForm(dataset: { form?: string; flow?: string } | undefined): { key: string; body: FormDefinition } | undefined {
  const api = useApi();
  const [form, setForm] = useState<{ key: string; body: FormDefinition } | undefined>(undefined);
  const formKey = dataset?.form ?? '';
  const flowKey = dataset?.form ? '' : (dataset?.flow ?? '');
  useEffect(() => {
    let live = true;
    setForm(undefined);
    (async () => {
      const key = formKey || (flowKey ? String((await latestBody(api, 'flow', flowKey))?.form ?? '') : '');
      if (!key) return undefined;
      const body = await latestBody(api, 'form', key);
      return body ? { key, body: body as unknown as FormDefinition } : undefined;
    })()
      .then((f) => live && setForm(f))
      .catch(() => live && setForm(undefined));
    return () => {
      live = false;
    };
  }, [api, formKey, flowKey]);
  return form;
}

/** The published reports (with their tags), for placing this one among them on a dashboard. */
export function usePublishedReports(): Definition[] {
  const api = useApi();
  const [reports, setReports] = useState<Definition[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const list = await api.definitions.list({ kind: 'report', status: 'published', limit: 500 });
      return Promise.all(list.items.map((item) => api.definitions.get('report', item.key)));
    })()
      .then((defs) => live && setReports(defs))
      .catch(() => live && setReports([]));
    return () => {
      live = false;
    };
  }, [api]);
  return reports;
}
