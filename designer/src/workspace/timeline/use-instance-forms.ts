import type { FlowDefinition, FormDefinition } from '@baton/engine';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/session/use-api.js';

export interface InstanceForms {
  /** The flow's start form (the request), when it has one and it could be read. */
  start: FormDefinition | undefined;
  /** The forms its steps bind of their own (an exit interview, a settlement), in the flow's node order. */
  steps: FormDefinition[];
}

/**
 * The published forms an instance's data comes from, read once the flow is known: null while they load
 * (so the page does not draw the data with bare keys first). A form that cannot be read is left out.
 */
export function useInstanceForms(flow: FlowDefinition | null | 'unavailable'): InstanceForms | null {
  const api = useApi();
  const [forms, setForms] = useState<InstanceForms | null>(null);
  useEffect(() => {
    if (flow === null) return;
    if (flow === 'unavailable') {
      setForms({ start: undefined, steps: [] });
      return;
    }
    let live = true;
    const startKey = flow.form;
    const stepKeys = [...new Set(flow.nodes.map((n) => n.form?.key).filter((k): k is string => !!k && k !== startKey))];
    const read = (key: string) => api.definitions.get('form', key).then((d) => d.body as unknown as FormDefinition, () => undefined);
    void Promise.all([startKey ? read(startKey) : Promise.resolve(undefined), ...stepKeys.map(read)]).then(([start, ...steps]) => {
      if (live) setForms({ start, steps: steps.filter((f): f is FormDefinition => f !== undefined) });
    });
    return () => {
      live = false;
    };
  }, [api, flow]);
  return forms;
}
