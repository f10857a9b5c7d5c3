import type { FlowDefinition } from '@baton/engine';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { parsePointer } from '../shared/json-pointer.js';

export type FlowIssueTarget = { kind: 'node'; id: string; base: string } | { kind: 'edge'; id: string; base: string } | { kind: 'flow' };

/**
 * The node or edge an issue of validateDefinition concerns, from its JSON Pointer: "/nodes/3/config/…"
 * is the fourth node, "/edges/1/to" the second edge. Paths that name no element (or one that no longer
 * exists) belong to the flow as a whole.
 */
export function flowIssueTarget(def: Pick<FlowDefinition, 'nodes' | 'edges'>, path: string): FlowIssueTarget {
  const [head, index] = parsePointer(path);
  if (index === undefined || !/^\d+$/.test(index)) return { kind: 'flow' };
  if (head === 'nodes') {
    const node = def.nodes[Number(index)];
    return node ? { kind: 'node', id: node.id, base: `/nodes/${index}` } : { kind: 'flow' };
  }
  if (head === 'edges') {
    const edge = def.edges[Number(index)];
    return edge ? { kind: 'edge', id: edge.id, base: `/edges/${index}` } : { kind: 'flow' };
  }
  return { kind: 'flow' };
}

export interface IssuesByElement {
  nodes: Map<string, DisplayIssue[]>;
  edges: Map<string, DisplayIssue[]>;
  flow: DisplayIssue[];
}

export function issuesByElement(def: Pick<FlowDefinition, 'nodes' | 'edges'>, issues: readonly DisplayIssue[]): IssuesByElement {
  const out: IssuesByElement = { nodes: new Map(), edges: new Map(), flow: [] };
  for (const issue of issues) {
    const target = flowIssueTarget(def, issue.path);
    if (target.kind === 'flow') out.flow.push(issue);
    else {
      const map = target.kind === 'node' ? out.nodes : out.edges;
      map.set(target.id, [...(map.get(target.id) ?? []), issue]);
    }
  }
  return out;
}
