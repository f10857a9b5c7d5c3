import { defineEventTrigger, oneOrManySchema, passes } from './event-trigger.js';

export interface NodeLeftConfig {
  /** A node id or a list of them; any node when omitted. */
  nodeId?: string | string[];
}

export const nodeLeftTrigger = defineEventTrigger<NodeLeftConfig>({
  type: 'node-left',
  events: ['node.left'],
  label: { en: 'Node left', 'zh-CN': '离开节点时' },
  description: { en: 'When the flow leaves a node (all nodes unless nodeId is given).', 'zh-CN': '流程离开节点时触发（未指定 nodeId 时为任意节点）。' },
  icon: 'log-out',
  configSchema: { type: 'object', properties: { nodeId: oneOrManySchema }, additionalProperties: false },
  match: (event, config) => passes(config.nodeId, event.nodeId),
});
