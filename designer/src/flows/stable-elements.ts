import { MarkerType, type Edge } from '@xyflow/react';
import type { CatalogueEntry, FlowDefinition, FlowNodeDefinition } from '@baton/engine';
import { useRef } from 'react';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { nodeText, type BatonFlowNode } from './flow-node-view.js';
import type { EdgeHighlight, NodeHighlight } from './scenario-builder.js';

/** One shared empty list, so "no issues" compares equal from render to render. */
export const NO_ISSUES: DisplayIssue[] = [];

/** The previous array when every element is the same object: xyflow then has nothing to re-adopt. */
function keepArray<T>(ref: { current: T[] }, next: T[]): T[] {
  const old = ref.current;
  if (old.length === next.length && old.every((x, i) => x === next[i])) return old;
  ref.current = next;
  return next;
}

interface NodeInputs {
  def: FlowNodeDefinition;
  entry: CatalogueEntry | undefined;
  issues: DisplayIssue[];
  selected: boolean;
  /** Read when the node is (re)built only: a measurement alone does not rebuild a node. */
  size: { width: number; height: number } | undefined;
  sim: NodeHighlight | undefined;
  position: { x: number; y: number } | undefined;
  locale: string;
  /** Resolves a label in `locale`. */
  l: (text: never, fallback: string) => string;
}

function sameNodeInputs(a: NodeInputs, b: NodeInputs): boolean {
  return a.def === b.def && a.entry === b.entry && a.issues === b.issues && a.selected === b.selected && a.sim === b.sim && a.position === b.position && a.locale === b.locale;
}

/**
 * The canvas's nodes, each object kept from the previous render unless something it shows changed. xyflow
 * skips an unchanged node by identity (and its memoized view does not re-render), so a 1,000-node flow
 * costs work only for the nodes a change touches: a measurement, a selection, a drag.
 */
export function useStableNodes(
  def: FlowDefinition,
  build: (n: FlowNodeDefinition) => Omit<NodeInputs, 'def'>,
): BatonFlowNode[] {
  const cache = useRef(new Map<string, { inputs: NodeInputs; node: BatonFlowNode }>());
  const last = useRef<BatonFlowNode[]>([]);
  const next = new Map<string, { inputs: NodeInputs; node: BatonFlowNode }>();
  const nodes = def.nodes.map((n) => {
    const inputs: NodeInputs = { def: n, ...build(n) };
    inputs.issues = inputs.issues.length === 0 ? NO_ISSUES : inputs.issues;
    const old = cache.current.get(n.id);
    if (old && sameNodeInputs(old.inputs, inputs)) {
      next.set(n.id, old);
      return old.node;
    }
    const node: BatonFlowNode = {
      id: n.id,
      type: 'baton',
      position: inputs.position ?? { x: 0, y: 0 },
      data: {
        node: n,
        entry: inputs.entry,
        issues: inputs.issues,
        text: nodeText(n, inputs.entry, inputs.l),
        ...(inputs.sim ? { sim: inputs.sim } : {}),
      },
      selected: inputs.selected,
      // Without a known size, the box's nominal one (styles.css .flow-node): the minimap draws a node only
      // from the node object's own size, and measurements do not rebuild nodes (see above).
      ...(inputs.size ? { measured: inputs.size, width: inputs.size.width, height: inputs.size.height } : { initialWidth: 190, initialHeight: 60 }),
    };
    next.set(n.id, { inputs, node });
    return node;
  });
  cache.current = next;
  return keepArray(last, nodes);
}

export interface EdgeInputs {
  targetHandle: string;
  problems: DisplayIssue[];
  sim: EdgeHighlight | undefined;
  selected: boolean;
  /** Low zoom: a straight line (cheapest to draw) instead of a bezier. */
  simple: boolean;
  label: string;
}

type FlowEdgeDefinition = FlowDefinition['edges'][number];

/** The canvas's edges, kept by identity like the nodes (useStableNodes). */
export function useStableEdges(def: FlowDefinition, build: (e: FlowEdgeDefinition) => EdgeInputs): Edge[] {
  const cache = useRef(new Map<string, { e: FlowEdgeDefinition; inputs: EdgeInputs; edge: Edge }>());
  const last = useRef<Edge[]>([]);
  const next = new Map<string, { e: FlowEdgeDefinition; inputs: EdgeInputs; edge: Edge }>();
  const edges = def.edges.map((e) => {
    const inputs = build(e);
    if (inputs.problems.length === 0) inputs.problems = NO_ISSUES;
    const old = cache.current.get(e.id);
    const o = old?.inputs;
    if (old && o && old.e === e && o.targetHandle === inputs.targetHandle && o.problems === inputs.problems && o.sim === inputs.sim && o.selected === inputs.selected && o.simple === inputs.simple && o.label === inputs.label) {
      next.set(e.id, old);
      return old.edge;
    }
    const { problems, sim, label } = inputs;
    const edge: Edge = {
      id: e.id,
      source: e.from,
      target: e.to,
      sourceHandle: e.port ?? 'out',
      targetHandle: inputs.targetHandle,
      selected: inputs.selected,
      ...(inputs.simple ? { type: 'straight' } : {}),
      markerEnd: { type: MarkerType.ArrowClosed },
      animated: sim === 'covered',
      className: [problems.length > 0 ? 'edge-issues' : '', sim ? `edge-${sim}` : ''].filter(Boolean).join(' '),
      ...(label ? { label } : {}),
      ...(problems.length > 0 ? { ariaLabel: problems.map((p) => p.message).join('; ') } : {}),
    };
    next.set(e.id, { e, inputs, edge });
    return edge;
  });
  cache.current = next;
  return keepArray(last, edges);
}
