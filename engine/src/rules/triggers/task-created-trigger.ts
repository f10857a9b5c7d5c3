import { defineEventTrigger, oneOrManySchema, passes } from './event-trigger.js';

export interface TaskCreatedConfig {
  /** Only tasks of these nodes; any node when omitted. */
  nodeId?: string | string[];
}

export const taskCreatedTrigger = defineEventTrigger<TaskCreatedConfig>({
  type: 'task-created',
  events: ['task.created'],
  label: { en: 'Task created', 'zh-CN': '任务创建时' },
  description: { en: 'When a task or approval is assigned.', 'zh-CN': '待办或审批任务生成时触发。' },
  icon: 'inbox',
  configSchema: { type: 'object', properties: { nodeId: oneOrManySchema }, additionalProperties: false },
  match: (event, config) => passes(config.nodeId, event.nodeId),
});
