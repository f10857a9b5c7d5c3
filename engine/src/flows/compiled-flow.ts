import type { DomainEvent } from '../effects/domain-event.js';
import type { CompiledExpression } from '../expressions/expression-types.js';
import type { FlowDefinition, FlowNodeDefinition } from './flow-definition.js';
import type { FlowCommand, FlowContext, StartInput, Transition } from './flow-command.js';
import type { FlowState } from './flow-state.js';
import type { NodeContext, NodeRole, NodeType } from './node-type.js';

export interface CompiledEdge {
  id: string;
  from: string;
  to: string;
  port?: string;
  default: boolean;
  /** Undefined when the edge has no condition (it always holds). */
  condition?: CompiledExpression;
  index: number;
}

export interface CompiledNode {
  id: string;
  def: FlowNodeDefinition;
  nodeType: NodeType;
  config: Record<string, unknown>;
  role: NodeRole;
  outgoing: CompiledEdge[];
  incoming: CompiledEdge[];
  /** Merges forked tokens: its type joins and it has more than one incoming edge. */
  joins: boolean;
  /** `outgoing` as node types see it (built once). */
  outgoingInfo: NodeContext['outgoing'];
}

/**
 * A flow definition compiled against a registry: a pure reducer.
 * - `start` creates an instance; `apply` runs one command; both return the new state, the effects the
 *   runtime must carry out and the events that explain the change.
 * - `replay(events)` folds the events back into the state, without the directory or the definition.
 */
export interface CompiledFlow {
  readonly key: string;
  readonly version: number;
  readonly definition: FlowDefinition;
  readonly startNodeId: string;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  node(id: string): CompiledNode | undefined;
  start(input: StartInput, ctx: FlowContext): Transition;
  apply(state: FlowState, command: FlowCommand, ctx: FlowContext): Transition;
  replay(events: readonly DomainEvent[]): FlowState;
}
