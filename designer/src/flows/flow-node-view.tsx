import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { CatalogueEntry, FlowNodeDefinition } from '@baton/engine';
import { memo } from 'react';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { TypeIconGlyph } from '../app/registry/type-icon-glyph.js';
import { NodeConnectMenu } from './node-connect-menu.js';

export interface BatonNodeData extends Record<string, unknown> {
  node: FlowNodeDefinition;
  entry: CatalogueEntry | undefined;
  issues: DisplayIssue[];
  /** Simulation: the run went through it, a token is still there, or the run never got there. */
  sim?: 'visited' | 'current' | 'unvisited';
  /** Texts in the current locale, resolved by the canvas (no i18n hook in each of 1,000 nodes). */
  text: { type: string; name: string; ports: Record<string, string> };
}

export type BatonFlowNode = Node<BatonNodeData, 'baton'>;

/** A node's texts in the current locale (`l` from useLocalized). */
export function nodeText(node: FlowNodeDefinition, entry: CatalogueEntry | undefined, l: (text: never, fallback: string) => string): BatonNodeData['text'] {
  return {
    type: l(entry?.label as never, node.type),
    name: l(node.name as never, node.id),
    ports: Object.fromEntries((entry?.ports?.outputs ?? []).map((p) => [p.id, l(p.label as never, p.id)])),
  };
}

/** A flow node: its name and type, one handle per input and output port, and its problems. */
export const FlowNodeView = memo(function FlowNodeView({ data, selected }: NodeProps<BatonFlowNode>) {
  const { node, entry, issues, sim, text } = data;
  const inputs = entry?.ports?.inputs ?? [{ id: 'in' }];
  const outputs = entry?.ports?.outputs ?? [{ id: 'out' }];
  const classes = ['flow-node', `role-${entry?.category ?? 'other'}`, selected ? 'selected' : '', issues.length > 0 ? 'has-issues' : '', sim ? `sim-${sim}` : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`flow-node-${node.id}`} title={issues.map((i) => i.message).join('\n') || undefined}>
      {inputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="target" position={Position.Left} style={{ top: `${((i + 1) * 100) / (inputs.length + 1)}%` }} data-testid={`handle-in-${node.id}-${p.id}`} />
      ))}
      <div className="flow-node-type">
        <TypeIconGlyph icon={entry?.icon} type={node.type} className="flow-node-icon" size={12} />
        {text.type}
      </div>
      <div className="flow-node-name">{text.name}</div>
      {issues.length > 0 ? (
        <span className="flow-node-issues" data-testid={`node-issues-${node.id}`} aria-label={issues.map((i) => i.message).join('; ')}>
          {issues.length}
        </span>
      ) : null}
      {outputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="source" position={Position.Right} style={{ top: `${((i + 1) * 100) / (outputs.length + 1)}%` }} data-testid={`handle-out-${node.id}-${p.id}`}>
          {outputs.length > 1 ? <span className="port-label">{text.ports[p.id] ?? p.id}</span> : null}
        </Handle>
      ))}
      {/* Inside the node, so Tab goes from the selected node straight to its "Connect to…". */}
      {selected ? <NodeConnectMenu nodeId={node.id} /> : null}
    </div>
  );
});

export const NODE_TYPES = { baton: FlowNodeView };
