// Random well-formed flows for the property tests: blocks (activities, sequences, split/join pairs) are
// nested, so every split has its own join and every node lies on a path from start to end.
import fc from 'fast-check';
import type { FlowDefinition, FlowEdgeDefinition, FlowNodeDefinition } from '../flow-definition.js';

export type Block =
  | { kind: 'approval'; mode: 'single' | 'all' | 'any' | 'sequential' | 'quorum'; people: number; sla?: 'notify' | 'reassign' | 'auto-approve' }
  | { kind: 'task'; person: number }
  | { kind: 'timer'; hours: number }
  | { kind: 'seq'; blocks: Block[] }
  | { kind: 'exclusive' | 'parallel' | 'inclusive'; branches: Block[] };

const PEOPLE = ['a1', 'a2', 'a3', 'a4'];

const activity: fc.Arbitrary<Block> = fc.oneof(
  fc.record({
    kind: fc.constant('approval' as const),
    mode: fc.constantFrom('single' as const, 'all' as const, 'any' as const, 'sequential' as const, 'quorum' as const),
    people: fc.integer({ min: 1, max: 3 }),
    sla: fc.option(fc.constantFrom('notify' as const, 'reassign' as const, 'auto-approve' as const), { nil: undefined }),
  }, { requiredKeys: ['kind', 'mode', 'people'] }),
  fc.record({ kind: fc.constant('task' as const), person: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('timer' as const), hours: fc.integer({ min: 1, max: 48 }) }),
);

/** A block tree at most `depth` splits deep. */
export const blockArb: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    { arbitrary: activity, weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('seq' as const), blocks: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constantFrom('exclusive' as const, 'parallel' as const, 'inclusive' as const),
        branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }),
      }),
      weight: 1,
    },
  ),
})).block;

/** Data the edge conditions read: `route` picks an exclusive branch, `flagN` switches inclusive branches. */
export const startDataArb = fc.record({ route: fc.integer({ min: 0, max: 2 }), flag1: fc.boolean(), flag2: fc.boolean() });

const name = (id: string) => ({ en: id, 'zh-CN': id });

/** Builds the definition of start → block → end. */
export function buildFlow(root: Block): FlowDefinition {
  const nodes: FlowNodeDefinition[] = [{ id: 'start', type: 'start', name: name('start') }];
  const edges: FlowEdgeDefinition[] = [];
  let n = 0;
  const add = (type: string, config?: Record<string, unknown>, extra: Partial<FlowNodeDefinition> = {}): string => {
    const id = `${type}${++n}`;
    nodes.push({ id, type, name: name(id), ...(config ? { config } : {}), ...extra } as FlowNodeDefinition);
    return id;
  };
  const link = (from: string, to: string, extra: Partial<FlowEdgeDefinition> = {}) => {
    edges.push({ id: `e${edges.length + 1}`, from, to, ...extra });
  };
  /** Places `block` after `from`; returns the node the next block hangs off. */
  const place = (block: Block, from: string): string => {
    switch (block.kind) {
      case 'approval': {
        const config: Record<string, unknown> = { assignees: PEOPLE.slice(0, block.people).map((id) => ({ kind: 'user', id })), mode: block.mode };
        if (block.mode === 'quorum') config.quorum = { count: Math.max(1, block.people - 1) };
        const sla = block.sla ? { sla: { due: { amount: 2, unit: 'hours' }, escalate: { action: block.sla } } } : {};
        const id = add('approval', config, sla as Partial<FlowNodeDefinition>);
        link(from, id);
        return id;
      }
      case 'task': {
        const id = add('task', { assignees: [{ kind: 'user', id: PEOPLE[block.person] }] });
        link(from, id);
        return id;
      }
      case 'timer': {
        const id = add('timer', { duration: { amount: block.hours, unit: 'hours' } });
        link(from, id);
        return id;
      }
      case 'seq':
        return block.blocks.reduce((at, b) => place(b, at), from);
      default: {
        const split = add(block.kind);
        link(from, split);
        const join = add(block.kind);
        block.branches.forEach((branch, i) => {
          const before = edges.length;
          const end = place(branch, split);
          const first = edges[before]!;
          if (block.kind === 'exclusive') {
            if (i === block.branches.length - 1) first.default = true;
            else first.condition = { '==': [{ var: 'route' }, i] };
          } else if (block.kind === 'inclusive' && i > 0) {
            first.condition = { '==': [{ var: `flag${i}` }, true] };
          }
          link(end, join);
        });
        return join;
      }
    }
  };
  const last = place(root, 'start');
  nodes.push({ id: 'end', type: 'end', name: name('end') });
  link(last, 'end');
  return { kind: 'flow', key: 'random-flow', version: 1, title: name('random'), nodes: nodes as FlowDefinition['nodes'], edges };
}
