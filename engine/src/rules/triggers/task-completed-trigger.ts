import type { DomainEvent } from '../../effects/domain-event.js';
import { defineEventTrigger, oneOrManySchema, passes } from './event-trigger.js';

export interface TaskCompletedConfig {
  /** Only tasks of these nodes; any node when omitted. */
  nodeId?: string | string[];
  /** Only when the assignee took one of these actions ("approve", "reject", "return", "complete"…). */
  action?: string | string[];
}

/** The action the assignee took, as the flow reducer reports it in the event payload. */
export function taskAction(event: DomainEvent): string | undefined {
  const p = event.payload ?? {};
  const action = p.action ?? p.outcome ?? p.decision;
  return typeof action === 'string' ? action : undefined;
}

/** Fires when a task completes, e.g. `{ nodeId: "hr-interview", action: "approve" }` for "when HR approves". */
export const taskCompletedTrigger = defineEventTrigger<TaskCompletedConfig>({
  type: 'task-completed',
  events: ['task.completed'],
  label: { en: 'Task completed', 'zh-CN': '任务完成时' },
  description: {
    en: 'When a task or approval is completed; optionally only at given nodes and for given actions.',
    'zh-CN': '待办或审批完成时触发；可限定节点和操作（如 approve 同意）。',
  },
  icon: 'check-square',
  configSchema: {
    type: 'object',
    properties: { nodeId: oneOrManySchema, action: oneOrManySchema },
    additionalProperties: false,
  },
  match: (event, config) => passes(config.nodeId, event.nodeId) && passes(config.action, taskAction(event)),
});
