import type { InstanceSummary } from '@baton/client';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

/** A node's name as flow definitions declare it: one string or one per locale. */
export type StepName = string | Record<string, string>;

/** node id → name, per "flowKey@version". */
export type StepNames = Map<string, Map<string, StepName>>;

export const versionKey = (flowKey: string, version: number) => `${flowKey}@${version}`;

/** The node names of a flow body (nodes[].id / nodes[].name), so a list shows "HR exit interview", not "hrInterview". */
export function stepNamesOf(body: unknown): Map<string, StepName> {
  const names = new Map<string, StepName>();
  const nodes = (body as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return names;
  for (const node of nodes) {
    const { id, name } = (node ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id !== 'string') continue;
    if (typeof name === 'string' || (name && typeof name === 'object')) names.set(id, name as StepName);
  }
  return names;
}

/** The step names of every flow version the listed requests are on (one definition read per version). */
export function useStepNames(items: InstanceSummary[] | null): StepNames {
  const api = useApi();
  const [names, setNames] = useState<StepNames>(new Map());
  const wanted = [...new Set((items ?? []).filter((i) => i.activeNodes.length > 0).map((i) => versionKey(i.flowKey, i.flowVersion)))].sort().join('|');
  useEffect(() => {
    let live = true;
    const keys = wanted ? wanted.split('|') : [];
    void Promise.all(
      keys.map(async (key) => {
        const at = key.lastIndexOf('@');
        try {
          const def = await api.definitions.get('flow', key.slice(0, at), Number(key.slice(at + 1)));
          return [key, stepNamesOf(def.body)] as const;
        } catch {
          return [key, new Map<string, StepName>()] as const; // The id stays readable when the definition is not.
        }
      }),
    ).then((entries) => live && setNames(new Map(entries)));
    return () => {
      live = false;
    };
  }, [api, wanted]);
  return names;
}
