import { defineEventTrigger } from './event-trigger.js';

/** Fires when a record of the scoped form is created (a request submitted, a customer added). */
export const recordCreatedTrigger = defineEventTrigger<Record<string, never>>({
  type: 'record-created',
  events: ['record.created'],
  label: { en: 'Record created', 'zh-CN': '记录创建时' },
  description: { en: 'When a new record of the form is saved.', 'zh-CN': '表单新增一条记录时触发。' },
  icon: 'file-plus',
  configSchema: { type: 'object', properties: {}, additionalProperties: false },
});
