import { defineEventTrigger } from './event-trigger.js';

/** Fires when an instance of the scoped flow reaches its end (not when it is rejected or cancelled). */
export const flowCompletedTrigger = defineEventTrigger<Record<string, never>>({
  type: 'flow-completed',
  events: ['flow.completed'],
  label: { en: 'Flow completed', 'zh-CN': '流程完成时' },
  description: { en: 'When an instance of the flow completes.', 'zh-CN': '流程实例完成时触发。' },
  icon: 'flag',
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
});
