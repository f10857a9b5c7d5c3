import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { CatalogueEntry, FlowNodeDefinition } from '@baton/engine';
import { memo } from 'react';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';

export interface BatonNodeData extends Record<string, unknown> {
  node: FlowNodeDefinition;
  entry: CatalogueEntry | undefined;
  issues: DisplayIssue[];
  /** Simulation: the run went through it, a token is still there, or the run never got there. */
  sim?: 'visited' | 'current' | 'unvisited';
}

export type BatonFlowNode = Node<BatonNodeData, 'baton'>;

/** A flow node: its name and type, one handle per input and output port, and its problems. */
export const FlowNodeView = memo(function FlowNodeView({ data, selected }: NodeProps<BatonFlowNode>) {
  const { l } = useLocalized();
  const { node, entry, issues, sim } = data;
  const inputs = entry?.ports?.inputs ?? [{ id: 'in' }];
  const outputs = entry?.ports?.outputs ?? [{ id: 'out' }];
  const classes = ['flow-node', `role-${entry?.category ?? 'other'}`, selected ? 'selected' : '', issues.length > 0 ? 'has-issues' : '', sim ? `sim-${sim}` : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`flow-node-${node.id}`} title={issues.map((i) => i.message).join('\n') || undefined}>
      {inputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="target" position={Position.Left} style={{ top: `${((i + 1) * 100) / (inputs.length + 1)}%` }} data-testid={`handle-in-${node.id}-${p.id}`} />
      ))}
      <div className="flow-node-type">{l(entry?.label, node.type)}</div>
      <div className="flow-node-name">{l(node.name, node.id)}</div>
      {issues.length > 0 ? (
        <span className="flow-node-issues" data-testid={`node-issues-${node.id}`} aria-label={issues.map((i) => i.message).join('; ')}>
          {issues.length}
        </span>
      ) : null}
      {outputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="source" position={Position.Right} style={{ top: `${((i + 1) * 100) / (outputs.length + 1)}%` }} data-testid={`handle-out-${node.id}-${p.id}`}>
          {outputs.length > 1 ? <span className="port-label">{l(p.label, p.id)}</span> : null}
        </Handle>
      ))}
    </div>
  );
});

export const NODE_TYPES = { baton: FlowNodeView };
