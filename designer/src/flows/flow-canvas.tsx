import { useDroppable } from '@dnd-kit/core';
import { Background, Controls, MiniMap, ReactFlow, useStore, type Connection, type EdgeChange, type NodeChange, type ReactFlowState } from '@xyflow/react';
import type { FlowDefinition } from '@baton/engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { findEntry, useCatalogue } from '../app/registry/registry-context.js';
import type { IssuesByElement } from './flow-issue-targets.js';
import { layoutPositions } from './flow-layout.js';
import { NODE_TYPES, type BatonFlowNode } from './flow-node-view.js';
import { FlowSketch } from './flow-sketch.js';
import { ConnectContext, type ConnectActions } from './node-connect-menu.js';
import { NO_ISSUES, useStableEdges, useStableNodes } from './stable-elements.js';
import type { EdgeHighlight, NodeHighlight } from './scenario-builder.js';
import { BIG_FLOW, fitOptionsFor, LOW_DETAIL_ZOOM } from './flow-fit.js';
import './flow-canvas.css';

export { LOW_DETAIL_ZOOM } from './flow-fit.js';

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
  /** `keepSelection`: from the selected node's "Connect to…", which stays selected (and keeps the focus). */
  onConnect: (c: Connection, keepSelection?: boolean) => void;
  onDelete: (nodeIds: string[], edgeIds: string[]) => void;
  onDragStart: () => void;
  onDragStop: () => void;
}

/** The flow canvas (@xyflow/react), drawn from the definition; also the drop target of the node palette. */
export function FlowCanvas(props: FlowCanvasProps) {
  const { t } = useTranslation('flows');
  const { l, locale } = useLocalized();
  const catalogue = useCatalogue();
  // Screen readers hear "the flow canvas", not the droppable's id (shared/dnd-announcements.ts).
  const { setNodeRef, isOver } = useDroppable({ id: 'flow-canvas', data: { announce: { kind: 'area', area: t('dnd.flowCanvas', { ns: 'common' }) } } });
  const { def, issues, selection, measured, highlight } = props;
  // Fit a loaded flow into view once; a new flow keeps its viewport so nodes land where they are dropped.
  const [fitInitially] = useState(() => def.nodes.length > 0);

  // Nodes a pack or an API client saved without positions get a layout for display.
  // A boolean selector: the canvas re-renders when the zoom crosses the threshold, not on every frame.
  const big = def.nodes.length > BIG_FLOW;
  const lowDetail = useStore((s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM || (s.fitViewQueued && big));

  const fallback = useMemo(() => (def.nodes.some((n) => !n.position) ? layoutPositions(def) : new Map()), [def]);

  const nodes = useStableNodes(def, (n) => ({
    entry: findEntry(catalogue.nodes, n.type),
    issues: issues.nodes.get(n.id) ?? NO_ISSUES,
    selected: selection.nodes.has(n.id),
    size: measured.get(n.id),
    sim: highlight?.nodes.get(n.id),
    position: n.position ?? fallback.get(n.id),
    locale,
    l: l as (text: never, fallback: string) => string,
  }));

  // The input port of each node type, looked up once per render (not once per edge over every node).
  const typeOf = useMemo(() => new Map(def.nodes.map((n) => [n.id, n.type])), [def.nodes]);
  const edges = useStableEdges(def, (e) => {
    const sim = highlight?.edges.get(e.id);
    return {
      targetHandle: findEntry(catalogue.nodes, typeOf.get(e.to) ?? '')?.ports?.inputs[0]?.id ?? 'in',
      problems: issues.edges.get(e.id) ?? NO_ISSUES,
      sim,
      selected: selection.edges.has(e.id),
      simple: lowDetail,
      label: lowDetail ? '' : l(e.label) || (e.default ? t('edgeDefaultShort') : e.condition !== undefined ? t('edgeConditional') : ''),
    };
  });

  // The selected node's "Connect to…" (flow-node-view.tsx) adds and removes edges as a drag and Delete do.
  const { onConnect, onDelete } = props;
  const single = selection.nodes.size === 1 && selection.edges.size === 0;
  const connectActions = useMemo<ConnectActions>(
    () => ({
      def,
      single,
      entryOf: (type) => findEntry(catalogue.nodes, type),
      connect: (from, port, to) => onConnect({ source: from, sourceHandle: port, target: to, targetHandle: findEntry(catalogue.nodes, typeOf.get(to) ?? '')?.ports?.inputs[0]?.id ?? 'in' }, true),
      remove: (edgeId) => onDelete([], [edgeId]),
    }),
    [def, single, catalogue, typeOf, onConnect, onDelete],
  );

  // While the view moves, the drawn graph is one composited layer that only slides (no repaint of 1,000
  // nodes per frame); at rest it is rastered again at the new zoom, so it stays sharp.
  const [moving, setMoving] = useState(false);

  return (
    <ConnectContext.Provider value={connectActions}>
      <div ref={setNodeRef} className={`flow-canvas${isOver ? ' over' : ''}${moving ? ' moving' : ''}${lowDetail ? ' low-detail' : ''}`} data-testid="flow-canvas">
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
          fitViewOptions={fitOptionsFor(def.nodes.length)}
          minZoom={0.1}
          // Zoomed in, a big flow mounts only the nodes and edges in view (unmeasured nodes are always mounted,
          // so fitView still sees them all; the minimap reads the store). Zoomed out most of it is in view
          // anyway, and mounting nodes as they scroll in would cost more than the sketch saves during a pan.
          onlyRenderVisibleElements={big && !lowDetail}
          onMoveStart={() => setMoving(true)}
          onMoveEnd={() => setMoving(false)}
        >
          {/* At low zoom the dot grid is a dense grey noise that is repainted on every pan frame. */}
          {lowDetail ? null : <Background gap={16} />}
          {lowDetail ? <FlowSketch nodes={nodes} edges={edges} /> : null}
          <MiniMap pannable zoomable ariaLabel={t('minimap')} />
          <Controls />
        </ReactFlow>
      </div>
    </ConnectContext.Provider>
  );
}
