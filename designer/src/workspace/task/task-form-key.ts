import type { FlowDefinition } from '@baton/engine';

/**
 * The key of the form a task shows: its own, else its flow node's, else the flow's. A rule's to-do is no
 * node of the flow: it shows its own completion form or none, never an editable copy of the request.
 */
export function taskFormKey(flow: Pick<FlowDefinition, 'nodes' | 'form'> | null, nodeId: string, formKey: string | null): string | null {
  if (formKey) return formKey;
  const node = flow?.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  return node.form?.key ?? flow?.form ?? null;
}
