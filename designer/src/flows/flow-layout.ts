import dagre from '@dagrejs/dagre';
import type { FlowDefinition } from '@baton/engine';
import type { Point } from './flow-graph.js';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 70;

/**
 * Left-to-right layered layout (dagre): start on the left, ends on the right, branches stacked. Returns
 * the top-left position of every node, as the canvas and the definition store them.
 */
export function layoutPositions(def: Pick<FlowDefinition, 'nodes' | 'edges'>, direction: 'LR' | 'TB' = 'LR'): Map<string, Point> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of def.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of def.edges) {
    if (g.hasNode(edge.from) && g.hasNode(edge.to)) g.setEdge(edge.from, edge.to, {}, edge.id);
  }
  dagre.layout(g);
  const out = new Map<string, Point>();
  for (const node of def.nodes) {
    const laid = g.node(node.id) as { x: number; y: number } | undefined;
    if (laid) out.set(node.id, { x: Math.round(laid.x - NODE_WIDTH / 2), y: Math.round(laid.y - NODE_HEIGHT / 2) });
  }
  return out;
}
