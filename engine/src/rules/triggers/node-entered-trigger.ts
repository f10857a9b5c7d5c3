import { defineEventTrigger, oneOrManySchema, passes } from './event-trigger.js';

export interface NodeEnteredConfig {
  /** A node id or a list of them; any node when omitted. */
  nodeId?: string | string[];
}

export const nodeEnteredTrigger = defineEventTrigger<NodeEnteredConfig>({
  type: 'node-entered',
  events: ['node.entered'],
  label: { en: 'Node entered', 'zh-CN': '到达节点时' },
  description: { en: 'When the flow reaches a node (all nodes unless nodeId is given).', 'zh-CN': '流程到达节点时触发（未指定 nodeId 时为任意节点）。' },
  icon: 'log-in',
  configSchema: { type: 'object', properties: { nodeId: oneOrManySchema }, additionalProperties: false },
  match: (event, config) => passes(config.nodeId, event.nodeId),
});
