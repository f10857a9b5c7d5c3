import type { FlowDefinition } from '@baton/engine';
import { Background, MarkerType, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { findEntry, useCatalogue } from '../../app/registry/registry-context.js';
import { layoutPositions } from '../../flows/flow-layout.js';
import { NODE_TYPES, nodeText, type BatonFlowNode } from '../../flows/flow-node-view.js';
import { useLocalized } from '../../app/i18n/localized.js';

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
    <div className="instance-graph" data-testid="instance-graph" style={{ height: 320 }}>
      {/* Uncontrolled (default*): the flow keeps the measured sizes itself, so nodes become visible without
          an onNodesChange handler; the key renders it afresh when the position changes. */}
      <ReactFlow
        key={`${activeNodes.join(',')}|${[...visitedNodes].join(',')}`}
        defaultNodes={nodes}
        defaultEdges={edges}
        nodeTypes={NODE_TYPES}
        fitView
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
