import { issue } from '../errors/error-catalogue.js';
import { pointer, type Issue } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import { FLOW_CHECK_ERRORS } from './flow-check-errors.js';
import type { NodeType } from './node-type.js';

/** The graph as the checks see it: valid edges only, node types where known. */
export interface CheckGraph {
  ids: string[];
  index: Map<string, number>;
  types: Array<NodeType | undefined>;
  out: number[][];
  inc: number[][];
  /** End nodes that end the whole instance (terminate / rejected): a branch may stop there. */
  terminating: boolean[];
  locale: Locale;
}

function walk(from: number[], next: number[][]): Set<number> {
  const seen = new Set<number>(from);
  const stack = [...from];
  while (stack.length > 0) {
    for (const n of next[stack.pop()!]!) if (!seen.has(n)) (seen.add(n), stack.push(n));
  }
  return seen;
}

/** Unreachable nodes and nodes from which no end can be reached. */
export function checkReachability(g: CheckGraph, starts: number[], ends: number[]): Issue[] {
  const issues: Issue[] = [];
  if (starts.length > 0) {
    const reached = walk(starts, g.out);
    g.ids.forEach((id, i) => {
      if (!reached.has(i)) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_UNREACHABLE_NODE, pointer('nodes', i), { nodeId: id }, g.locale));
    });
  }
  if (ends.length > 0) {
    const finishing = walk(ends, g.inc);
    g.ids.forEach((id, i) => {
      if (!finishing.has(i)) issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_DEAD_END, pointer('nodes', i), { nodeId: id }, g.locale));
    });
  }
  return issues;
}

/** Strongly connected components (Tarjan, iterative so a long flow cannot overflow the stack). */
function components(g: CheckGraph): number[][] {
  const n = g.ids.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const frames: Array<[number, number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, i] = frame;
      const next = g.out[v]![i];
      if (next !== undefined) {
        frame[1]++;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = true;
          frames.push([next, 0]);
        } else if (onStack[next]) low[v] = Math.min(low[v]!, order[next]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        out.push(component);
      }
    }
  }
  return out;
}

/** A cycle in which no node waits would run forever inside one transition. */
export function checkLoops(g: CheckGraph): Issue[] {
  const issues: Issue[] = [];
  for (const component of components(g)) {
    const cyclic = component.length > 1 || g.out[component[0]!]!.includes(component[0]!);
    if (!cyclic) continue;
    // An unknown type is reported on its own; do not guess whether it waits.
    if (component.some((i) => g.types[i] === undefined || g.types[i]!.waitState === true)) continue;
    const sorted = [...component].sort((a, b) => a - b);
    const nodes = sorted.map((i) => g.ids[i]).join(' → ');
    issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_LOOP_WITHOUT_WAIT, pointer('nodes', sorted[0]!), { nodes }, g.locale));
  }
  return issues;
}

/**
 * Follows the flow abstractly with a stack of open splits: a join pops the innermost split. Every split's
 * branches must meet at one join (or, with no join at all, each end on its own).
 */
export function checkSplitsAndJoins(g: CheckGraph, start: number): Issue[] {
  const isJoin = (i: number): boolean => g.types[i]?.joins === true && g.inc[i]!.length > 1;
  const isSplit = (i: number): boolean => g.types[i]?.splits === true && g.out[i]!.length > 1;
  const isEnd = (i: number): boolean => g.types[i]?.role === 'end' && !g.terminating[i];
  const joinsOf = new Map<number, Set<number>>();
  const endsInside = new Set<number>();
  const orphanJoins = new Set<number>();
  const seen = new Set<string>();
  const queue: Array<[number, number[]]> = [[start, []]];
  while (queue.length > 0) {
    const [node, incoming] = queue.pop()!;
    const key = `${node}|${incoming.join(',')}`;
    if (seen.has(key) || incoming.length > g.ids.length) continue;
    seen.add(key);
    let stack = incoming;
    if (isJoin(node)) {
      const top = stack[stack.length - 1];
      if (top === undefined) orphanJoins.add(node);
      else {
        if (!joinsOf.has(top)) joinsOf.set(top, new Set());
        joinsOf.get(top)!.add(node);
        stack = stack.slice(0, -1);
      }
    }
    if (isSplit(node)) stack = [...stack, node];
    const top = stack[stack.length - 1];
    if (isEnd(node) && top !== undefined) endsInside.add(top);
    for (const next of g.out[node]!) queue.push([next, stack]);
  }
  const issues: Issue[] = [];
  for (const join of [...orphanJoins].sort((a, b) => a - b)) {
    issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_JOIN_WITHOUT_SPLIT, pointer('nodes', join), { nodeId: g.ids[join] }, g.locale));
  }
  for (const [split, joins] of [...joinsOf.entries()].sort((a, b) => a[0] - b[0])) {
    const names = [...joins].map((j) => g.ids[j]).join(', ');
    if (joins.size > 1) {
      issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SPLIT_JOIN_MISMATCH, pointer('nodes', split), { nodeId: g.ids[split], detail: names }, g.locale));
    } else if (endsInside.has(split)) {
      const detail = `${names} + end`;
      issues.push(issue(FLOW_CHECK_ERRORS.BATON_E_FLOW_SPLIT_JOIN_MISMATCH, pointer('nodes', split), { nodeId: g.ids[split], detail }, g.locale));
    }
  }
  return issues;
}
