import { useDroppable } from '@dnd-kit/core';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { FlowDefinition } from '@baton/engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import type { IssuesByElement } from './flow-issue-targets.js';
import { layoutPositions } from './flow-layout.js';
import { NODE_TYPES, type BatonFlowNode } from './flow-node-view.js';
import type { EdgeHighlight, NodeHighlight } from './scenario-builder.js';

export interface CanvasSelection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface FlowCanvasProps {
  def: FlowDefinition;
  issues: IssuesByElement;
  selection: CanvasSelection;
  measured: ReadonlyMap<string, { width: number; height: number }>;
  highlight: { nodes: Map<string, NodeHighlight>; edges: Map<string, EdgeHighlight> } | null;
  onNodesChange: (changes: NodeChange<BatonFlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  onConnect: (c: Connection) => void;
  onDelete: (nodeIds: string[], edgeIds: string[]) => void;
  onDragStart: () => void;
  onDragStop: () => void;
}

/** The flow canvas (@xyflow/react), drawn from the definition; also the drop target of the node palette. */
export function FlowCanvas(props: FlowCanvasProps) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  const catalogue = useCatalogue();
  const { setNodeRef, isOver } = useDroppable({ id: 'flow-canvas' });
  const { def, issues, selection, measured, highlight } = props;
  // Fit a loaded flow into view once; a new flow keeps its viewport so nodes land where they are dropped.
  const [fitInitially] = useState(() => def.nodes.length > 0);

  // Nodes a pack or an API client saved without positions get a layout for display.
  const fallback = useMemo(() => (def.nodes.some((n) => !n.position) ? layoutPositions(def) : new Map()), [def]);

  const nodes: BatonFlowNode[] = def.nodes.map((n) => {
    const size = measured.get(n.id);
    const sim = highlight?.nodes.get(n.id);
    return {
      id: n.id,
      type: 'baton',
      position: n.position ?? fallback.get(n.id) ?? { x: 0, y: 0 },
      data: { node: n, entry: findEntry(catalogue.nodes, n.type), issues: issues.nodes.get(n.id) ?? [], ...(sim ? { sim } : {}) },
      selected: selection.nodes.has(n.id),
      ...(size ? { measured: size, width: size.width, height: size.height } : {}),
    };
  });

  const edges: Edge[] = def.edges.map((e) => {
    const target = def.nodes.find((n) => n.id === e.to);
    const targetHandle = findEntry(catalogue.nodes, target?.type ?? '')?.ports?.inputs[0]?.id ?? 'in';
    const problems = issues.edges.get(e.id) ?? [];
    const sim = highlight?.edges.get(e.id);
    const label = l(e.label) || (e.default ? t('edgeDefaultShort') : e.condition !== undefined ? t('edgeConditional') : '');
    return {
      id: e.id,
      source: e.from,
      target: e.to,
      sourceHandle: e.port ?? 'out',
      targetHandle,
      selected: selection.edges.has(e.id),
      markerEnd: { type: MarkerType.ArrowClosed },
      animated: sim === 'covered',
      className: [problems.length > 0 ? 'edge-issues' : '', sim ? `edge-${sim}` : ''].filter(Boolean).join(' '),
      ...(label ? { label } : {}),
      ...(problems.length > 0 ? { ariaLabel: problems.map((p) => p.message).join('; ') } : {}),
    };
  });

  return (
    <div ref={setNodeRef} className={`flow-canvas${isOver ? ' over' : ''}`} data-testid="flow-canvas">
      {def.nodes.length === 0 ? <div className="canvas-hint">{t('canvasEmpty')}</div> : null}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={props.onNodesChange}
        onEdgesChange={props.onEdgesChange}
        onConnect={props.onConnect}
        onDelete={({ nodes: n, edges: e }) => props.onDelete(n.map((x) => x.id), e.map((x) => x.id))}
        onNodeDragStart={props.onDragStart}
        onNodeDragStop={props.onDragStop}
        onSelectionDragStart={props.onDragStart}
        onSelectionDragStop={props.onDragStop}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        fitView={fitInitially}
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.1}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable ariaLabel={t('minimap')} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
