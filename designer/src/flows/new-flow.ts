import type { DefinitionRef } from '../definitions/use-definition-editor.js';
import type { FlowBody } from './flow-graph.js';

/** A new, empty flow: the analyst drags its start, steps and end onto the canvas. */
export function newFlow(key: string): FlowBody {
  return { kind: 'flow', key, version: 1, title: { en: key, 'zh-CN': key }, nodes: [] as unknown as FlowBody['nodes'], edges: [] };
}

/** Forms a flow binds (its own and per node), resolved from what is published when validating. */
export function flowReferences(def: FlowBody): DefinitionRef[] {
  const keys = new Set<string>();
  if (def.form) keys.add(def.form);
  for (const n of def.nodes) if (n.form?.key) keys.add(n.form.key);
  return [...keys].map((key) => ({ kind: 'form', key }));
}
