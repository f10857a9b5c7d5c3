import type { FlowDefinition } from '@baton/engine';
import { Background, MarkerType, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { findEntry, useCatalogue } from '../../app/registry/registry-context.js';
import { layoutPositions } from '../../flows/flow-layout.js';
import { NODE_TYPES, nodeText, type BatonFlowNode } from '../../flows/flow-node-view.js';
import { useLocalized } from '../../app/i18n/localized.js';

// The nominal node height (styles.css .flow-node) until xyflow measured it; room for a tall flow, within reason.
const NODE_H = 60;
const MIN_H = 320;
const MAX_H = 560;

/** Taller for a flow whose steps spread far apart vertically, so it is not drawn tiny. */
export function graphHeight(nodes: ReadonlyArray<{ position: { y: number } }>): number {
  if (nodes.length === 0) return MIN_H;
  const ys = nodes.map((n) => n.position.y);
  const span = Math.max(...ys) - Math.min(...ys) + NODE_H;
  return Math.round(Math.min(MAX_H, Math.max(MIN_H, span * 0.6 + 60)));
}

/**
 * The flow read-only, with where the instance is: steps it waits at ("current"), steps it passed
 * ("visited") and the rest dimmed. Nothing can be dragged, connected or deleted.
 */
export function InstanceGraph({ flow, activeNodes, visitedNodes }: { flow: FlowDefinition; activeNodes: readonly string[]; visitedNodes: ReadonlySet<string> }) {
  const catalogue = useCatalogue();
  const { l, locale } = useLocalized();
  const { nodes, edges } = useMemo(() => {
    const fallback = layoutPositions(flow);
    const nodes: BatonFlowNode[] = flow.nodes.map((n) => ({
      id: n.id,
      type: 'baton',
      position: n.position ?? fallback.get(n.id) ?? { x: 0, y: 0 },
      data: {
        node: n,
        entry: findEntry(catalogue.nodes, n.type),
        issues: [],
        text: nodeText(n, findEntry(catalogue.nodes, n.type), l as (text: never, fallback: string) => string),
        sim: activeNodes.includes(n.id) ? 'current' : visitedNodes.has(n.id) ? 'visited' : 'unvisited',
      },
      draggable: false,
      connectable: false,
      selectable: false,
      ariaLabel: `${n.id}${activeNodes.includes(n.id) ? ' (current)' : ''}`,
    }));
    const edges: Edge[] = flow.edges.map((e) => {
      const target = flow.nodes.find((n) => n.id === e.to);
      return {
        id: e.id,
        source: e.from,
        target: e.to,
        sourceHandle: e.port ?? 'out',
        targetHandle: findEntry(catalogue.nodes, target?.type ?? '')?.ports?.inputs[0]?.id ?? 'in',
        markerEnd: { type: MarkerType.ArrowClosed },
        className: visitedNodes.has(e.from) && (visitedNodes.has(e.to) || activeNodes.includes(e.to)) ? 'edge-covered' : '',
      };
    });
    return { nodes, edges };
  }, [flow, activeNodes, visitedNodes, catalogue, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="instance-graph" data-testid="instance-graph" style={{ height: graphHeight(nodes) }}>
      {/* Uncontrolled (default*): the flow keeps the measured sizes itself, so nodes become visible without
          an onNodesChange handler; the key renders it afresh when the position changes. */}
      <ReactFlow
        key={`${activeNodes.join(',')}|${[...visitedNodes].join(',')}`}
        defaultNodes={nodes}
        defaultEdges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        // xyflow's default minZoom (0.5) stopped fitView short on a tall flow: the top and bottom steps were cut off.
        fitViewOptions={{ padding: 0.08, minZoom: 0.1 }}
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
      </ReactFlow>
    </div>
  );
}
