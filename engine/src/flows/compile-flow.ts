import type { DomainEvent } from '../effects/domain-event.js';
import { BatonError } from '../errors/error-catalogue.js';
import { compileDefinitionExpression } from '../expressions/definition-expressions.js';
import type { Registry } from '../registry/registry.js';
import { applyFlowCommand } from './apply-flow-command.js';
import type { CompiledEdge, CompiledFlow, CompiledNode } from './compiled-flow.js';
import type { FlowDefinition } from './flow-definition.js';
import type { FlowCommand, FlowContext, StartInput, Transition } from './flow-command.js';
import { FLOW_ERRORS } from './flow-errors.js';
import { MAIN_OUT } from './nodes/node-schemas.js';
import type { FlowState } from './flow-state.js';
import { FlowTransition } from './flow-transition.js';
import { replayFlow } from './evolve-flow-state.js';

function actorOf(command: FlowCommand, ctx: FlowContext): string | undefined {
  if (ctx.actor !== undefined) return ctx.actor;
  return 'by' in command ? command.by : undefined;
}

/**
 * Compiles a flow definition into a pure reducer. Node types come from the registry; an unknown type or a
 * flow without a start node throws (run checkFlowDefinition first to get every problem with its path).
 */
export function compileFlow(def: FlowDefinition, registry: Registry): CompiledFlow {
  const nodes = new Map<string, CompiledNode>();
  for (const nodeDef of def.nodes) {
    const nodeType = registry.nodes.get(nodeDef.type);
    if (!nodeType) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_UNKNOWN_NODE_TYPE, { nodeId: nodeDef.id, type: nodeDef.type });
    nodes.set(nodeDef.id, {
      id: nodeDef.id, def: nodeDef, nodeType, config: nodeDef.config ?? {}, role: nodeType.role ?? 'activity',
      outgoing: [], incoming: [], joins: false, outgoingInfo: [],
    });
  }
  def.edges.forEach((edgeDef, index) => {
    const from = nodes.get(edgeDef.from);
    const to = nodes.get(edgeDef.to);
    if (!from || !to) return;
    const edge: CompiledEdge = { id: edgeDef.id, from: edgeDef.from, to: edgeDef.to, default: edgeDef.default === true, index };
    // "out" is the id the catalogue gives the main output, so an edge naming it is a main-output edge.
    if (edgeDef.port !== undefined && edgeDef.port !== MAIN_OUT.id) edge.port = edgeDef.port;
    if (edgeDef.condition !== undefined) edge.condition = compileDefinitionExpression(edgeDef.condition);
    from.outgoing.push(edge);
    to.incoming.push(edge);
  });
  for (const node of nodes.values()) {
    node.joins = node.nodeType.joins === true && node.incoming.length > 1;
    node.outgoingInfo = node.outgoing.map((e) => {
      const info: CompiledNode['outgoingInfo'][number] = { id: e.id, to: e.to, default: e.default, hasCondition: e.condition !== undefined };
      if (e.port !== undefined) info.port = e.port;
      return info;
    });
  }
  const startNode = [...nodes.values()].find((n) => n.role === 'start');
  if (!startNode) throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NO_START, { flowKey: def.key });

  const flow: CompiledFlow = {
    key: def.key,
    version: def.version,
    definition: def,
    startNodeId: startNode.id,
    nodes,
    node: (id) => nodes.get(id),

    start(input: StartInput, ctx: FlowContext): Transition {
      const seed = { version: 0, instanceId: input.instanceId, flowKey: def.key, flowVersion: def.version } as FlowState;
      const tx = new FlowTransition(flow, seed, ctx, ctx.actor ?? input.initiator);
      const payload: { initiator: string; businessKey?: string } = { initiator: input.initiator };
      if (input.businessKey !== undefined) payload.businessKey = input.businessKey;
      tx.emit('flow.started', { data: input.data }, payload);
      tx.move({ id: tx.localId('t'), nodeId: startNode.id, enteredAt: ctx.now, forks: [], trail: [] }, true);
      return tx.result();
    },

    apply(state: FlowState, command: FlowCommand, ctx: FlowContext): Transition {
      if (state.status !== 'running') {
        throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_NOT_RUNNING, { instanceId: state.instanceId, status: state.status });
      }
      if (state.flowKey !== def.key || state.flowVersion !== def.version) {
        throw new BatonError(FLOW_ERRORS.BATON_E_FLOW_VERSION_MISMATCH, {
          instanceId: state.instanceId, flowKey: state.flowKey, stateVersion: state.flowVersion, compiledVersion: def.version,
        });
      }
      const tx = new FlowTransition(flow, state, ctx, actorOf(command, ctx));
      applyFlowCommand(tx, command);
      return tx.result();
    },

    replay: (events: readonly DomainEvent[]) => replayFlow(events),
  };
  return flow;
}
