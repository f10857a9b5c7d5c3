import { ViewportPortal, type Edge } from '@xyflow/react';
import { memo, useEffect, useMemo, useState } from 'react';
import type { BatonFlowNode } from './flow-node-view.js';

/** The node box size until xyflow has measured a node (styles.css: .flow-node). */
const DEFAULT_SIZE = { width: 190, height: 60 };

/** Where an edge leaves or enters a node box: its side, at the port's share of the height (as FlowNodeView). */
function portPoint(n: BatonFlowNode, port: string | null | undefined, side: 'in' | 'out'): [number, number] {
  const ports = (side === 'in' ? n.data.entry?.ports?.inputs : n.data.entry?.ports?.outputs) ?? [{ id: side }];
  const i = Math.max(0, ports.findIndex((p) => p.id === port));
  const width = n.width ?? DEFAULT_SIZE.width;
  const height = n.height ?? DEFAULT_SIZE.height;
  return [n.position.x + (side === 'out' ? width : 0), n.position.y + ((i + 1) * height) / (ports.length + 1)];
}

/** All edges as straight segments of one path. */
function edgesPath(nodes: readonly BatonFlowNode[], edges: readonly Edge[]): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parts: string[] = [];
  for (const e of edges) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) continue;
    const [x1, y1] = portPoint(from, e.sourceHandle, 'out');
    const [x2, y2] = portPoint(to, e.targetHandle, 'in');
    parts.push(`M${x1} ${y1}L${x2} ${y2}`);
  }
  return parts.join('');
}

/**
 * Every node as a plain box and every edge as a line, in one SVG, shown instead of the node elements while a zoomed-out view pans or
 * zooms (flow-canvas.css). Chromium re-layerizes and hit-tests each of 1,000 transformed node elements on
 * every frame of a move (and each edge is an SVG of its own); rectangles placed by x/y and one path cost a few
 * paint chunks. Built when the browser is idle
 * after the first render, so it adds nothing to it.
 */
export const FlowSketch = memo(function FlowSketch({ nodes, edges }: { nodes: readonly BatonFlowNode[]; edges: readonly Edge[] }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const idle = globalThis.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    const cancel = globalThis.cancelIdleCallback ?? clearTimeout;
    const id = idle(() => setReady(true));
    return () => cancel(id);
  }, []);
  const path = useMemo(() => (ready ? edgesPath(nodes, edges) : ''), [ready, nodes, edges]);
  if (!ready) return null;
  return (
    <ViewportPortal>
      <svg className="flow-sketch" aria-hidden="true" width={1} height={1}>
        <path d={path} />
        {nodes.map((n) => {
          const role = n.data.entry?.category ?? 'other';
          const classes = [role === 'events' ? 'round' : '', n.selected ? 'selected' : '', n.data.issues.length > 0 ? 'has-issues' : ''];
          return (
            <rect
              key={n.id}
              x={n.position.x}
              y={n.position.y}
              width={n.width ?? DEFAULT_SIZE.width}
              height={n.height ?? DEFAULT_SIZE.height}
              className={classes.filter(Boolean).join(' ') || undefined}
            />
          );
        })}
      </svg>
    </ViewportPortal>
  );
});
