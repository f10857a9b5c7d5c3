/**
 * Orders `nodes` so every node comes after the nodes it depends on. Returns the first cycle found instead,
 * as the list of nodes walked round it with the start repeated at the end (["a", "b", "a"]).
 */
export function dependencyOrder(
  nodes: readonly string[],
  depsOf: (node: string) => readonly string[],
): { order: string[]; cycle?: undefined } | { order?: undefined; cycle: string[] } {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];
  const known = new Set(nodes);

  const visit = (node: string): string[] | undefined => {
    const s = state.get(node);
    if (s === 'done') return undefined;
    if (s === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const dep of depsOf(node)) {
      if (!known.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    order.push(node);
    return undefined;
  };

  for (const node of nodes) {
    const cycle = visit(node);
    if (cycle) return { cycle };
  }
  return { order };
}
