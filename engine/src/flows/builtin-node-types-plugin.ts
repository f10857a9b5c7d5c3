import type { EnginePlugin } from '../registry/registry.js';
import { actionNodeType } from './nodes/action-node.js';
import { approvalNodeType } from './nodes/approval-node.js';
import { endNodeType } from './nodes/end-node.js';
import { exclusiveGatewayType } from './nodes/exclusive-gateway.js';
import { inclusiveGatewayType } from './nodes/inclusive-gateway.js';
import { parallelGatewayType } from './nodes/parallel-gateway.js';
import { startNodeType } from './nodes/start-node.js';
import { subflowNodeType } from './nodes/subflow-node.js';
import { taskNodeType } from './nodes/task-node.js';
import { timerNodeType } from './nodes/timer-node.js';

export const BUILTIN_NODE_TYPES = [
  startNodeType, endNodeType, approvalNodeType, taskNodeType, exclusiveGatewayType, parallelGatewayType,
  inclusiveGatewayType, timerNodeType, actionNodeType, subflowNodeType,
];

/** The built-in node types, registered through the same plugin door a third party uses. */
export const builtinNodeTypesPlugin: EnginePlugin = {
  name: 'baton/builtin-nodes',
  engine: '^0.1.0',
  register(registry) {
    for (const nodeType of BUILTIN_NODE_TYPES) registry.registerNodeType(nodeType);
  },
};
