import type { FlowDefinition, FlowEdgeDefinition, FlowNodeDefinition } from '@baton/engine';

/**
 * Pure editing operations on a flow definition: add, connect, rename, delete, copy and paste. The
 * definition is the single source of truth; the canvas is drawn from it.
 */
export type FlowBody = FlowDefinition & { version: number };

export interface Point {
  x: number;
  y: number;
}

/** A node or edge id must be an identifier (letters, digits, underscores): it is used in expressions. */
export function idBase(type: string): string {
  const base = type.replace(/@.*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(base) ? base : `n_${base}`;
}

export function uniqueId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

function allIds(def: FlowDefinition): string[] {
  return [...def.nodes.map((n) => n.id), ...def.edges.map((e) => e.id)];
}

export function addNode(def: FlowDefinition, type: string, name: FlowNodeDefinition['name'], position: Point, config?: Record<string, unknown>): { def: FlowDefinition; id: string } {
  const id = uniqueId(allIds(def), idBase(type));
  const node: FlowNodeDefinition = { id, type, name, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (config && Object.keys(config).length > 0) node.config = config;
  return { def: { ...def, nodes: [...def.nodes, node] }, id };
}

/** An edge from a node's output port to another node; the main port ("out") is stored as no port. */
export function connect(def: FlowDefinition, from: string, port: string | null | undefined, to: string): { def: FlowDefinition; id: string | null } {
  if (from === to) return { def, id: null };
  const portValue = port && port !== 'out' ? port : undefined;
  if (def.edges.some((e) => e.from === from && e.to === to && (e.port ?? undefined) === portValue)) return { def, id: null };
  const id = uniqueId(allIds(def), 'e');
  const edge: FlowEdgeDefinition = { id, from, to };
  if (portValue) edge.port = portValue;
  return { def: { ...def, edges: [...def.edges, edge] }, id };
}

export function updateNode(def: FlowDefinition, id: string, update: (n: FlowNodeDefinition) => FlowNodeDefinition): FlowDefinition {
  return { ...def, nodes: def.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

export function updateEdge(def: FlowDefinition, id: string, update: (e: FlowEdgeDefinition) => FlowEdgeDefinition): FlowDefinition {
  return { ...def, edges: def.edges.map((e) => (e.id === id ? update(e) : e)) };
}

/** Deletes nodes (with every edge touching them) and edges. */
export function removeElements(def: FlowDefinition, nodeIds: Iterable<string>, edgeIds: Iterable<string>): FlowDefinition {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...def,
    nodes: def.nodes.filter((n) => !nodes.has(n.id)),
    edges: def.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to)),
  };
}

/** Renames a node and the edges that name it. Refused (unchanged) when the id is taken or not an identifier. */
export function renameNode(def: FlowDefinition, from: string, to: string): FlowDefinition {
  if (from === to || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(to) || allIds(def).includes(to)) return def;
  return {
    ...def,
    nodes: def.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: def.edges.map((e) => ({ ...e, ...(e.from === from ? { from: to } : {}), ...(e.to === from ? { to } : {}) })),
  };
}

export function setPositions(def: FlowDefinition, positions: ReadonlyMap<string, Point>): FlowDefinition {
  if (positions.size === 0) return def;
  return {
    ...def,
    nodes: def.nodes.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    }),
  };
}

/** What Ctrl+C keeps: the selected nodes and the edges between them. */
export interface Clipboard {
  nodes: FlowNodeDefinition[];
  edges: FlowEdgeDefinition[];
}

export function copySelection(def: FlowDefinition, nodeIds: Iterable<string>): Clipboard {
  const ids = new Set(nodeIds);
  return {
    nodes: structuredClone(def.nodes.filter((n) => ids.has(n.id))),
    edges: structuredClone(def.edges.filter((e) => ids.has(e.from) && ids.has(e.to))),
  };
}

/** Pastes with fresh ids (edges re-pointed), shifted by `offset`; returns the new node ids to select. */
export function paste(def: FlowDefinition, clip: Clipboard, offset: Point): { def: FlowDefinition; nodeIds: string[] } {
  const taken = new Set(allIds(def));
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = uniqueId(taken, idBase(n.type));
    taken.add(id);
    rename.set(n.id, id);
    const p = n.position ?? { x: 0, y: 0 };
    return { ...structuredClone(n), id, position: { x: p.x + offset.x, y: p.y + offset.y } };
  });
  const edges = clip.edges.map((e) => {
    const id = uniqueId(taken, 'e');
    taken.add(id);
    return { ...structuredClone(e), id, from: rename.get(e.from)!, to: rename.get(e.to)! };
  });
  return { def: { ...def, nodes: [...def.nodes, ...nodes], edges: [...def.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}

/** Default settings for a node dropped from the palette, so a fresh node is close to valid. */
export function defaultConfig(type: string): Record<string, unknown> | undefined {
  switch (type.replace(/@.*$/, '')) {
    case 'approval':
      return { assignees: [], mode: 'single' };
    case 'task':
      return { assignees: [] };
    default:
      return undefined;
  }
}

/** A node another one may be connected to through a port, or why not (the same rules as a drag). */
export interface ConnectTarget {
  id: string;
  /** 'self': a node cannot lead to itself; 'connected': this port already leads there. */
  refused?: 'self' | 'connected';
}

/**
 * The nodes `from` may be connected to through `port`, in the flow's order: every node with an input
 * (`hasInput`: a start node has none), those a connection would refuse marked with the reason.
 */
export function connectTargets(def: FlowDefinition, from: string, port: string | null | undefined, hasInput: (n: FlowNodeDefinition) => boolean): ConnectTarget[] {
  const portValue = port && port !== 'out' ? port : undefined;
  const taken = new Set(def.edges.filter((e) => e.from === from && (e.port ?? undefined) === portValue).map((e) => e.to));
  return def.nodes.filter(hasInput).map((n) => (n.id === from ? { id: n.id, refused: 'self' as const } : taken.has(n.id) ? { id: n.id, refused: 'connected' as const } : { id: n.id }));
}

/** The connections leaving a node, in the flow's order. */
export function outgoingEdges(def: FlowDefinition, from: string): FlowEdgeDefinition[] {
  return def.edges.filter((e) => e.from === from);
}
