import { defineEventTrigger } from './event-trigger.js';

/** Fires when an instance of the scoped flow starts. */
export const flowStartedTrigger = defineEventTrigger<Record<string, never>>({
  type: 'flow-started',
  events: ['flow.started'],
  label: { en: 'Flow started', 'zh-CN': '流程发起时' },
  description: { en: 'When a new instance of the flow starts.', 'zh-CN': '流程发起一个新实例时触发。' },
  icon: 'play',
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
});
