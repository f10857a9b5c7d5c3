import type { HistoryEntry } from '@baton/client';
import type { Locale } from '@baton/engine';
import { workspaceMessages } from '../workspace-messages.js';
import { ruleKeyOf } from './timeline-entries.js';

const EVENTS: Record<string, { en: string; 'zh-CN': string }> = {
  'flow.started': { en: 'started the request', 'zh-CN': '发起了申请' },
  'flow.completed': { en: 'the request was completed', 'zh-CN': '申请已完成' },
  'flow.cancelled': { en: 'cancelled the request', 'zh-CN': '取消了申请' },
  'node.entered': { en: 'reached the step', 'zh-CN': '进入步骤' },
  'node.left': { en: 'left the step', 'zh-CN': '离开步骤' },
  'task.created': { en: 'a task was created', 'zh-CN': '创建了任务' },
  'task.completed': { en: 'completed a task', 'zh-CN': '完成了任务' },
  'task.reassigned': { en: 'reassigned a task', 'zh-CN': '转交了任务' },
  'task.cancelled': { en: 'a task was cancelled', 'zh-CN': '任务已取消' },
  'data.changed': { en: 'changed the data', 'zh-CN': '修改了数据' },
  'flow.rejected': { en: 'the request was rejected', 'zh-CN': '申请被驳回' },
  'flow.withdrawn': { en: 'withdrew the request', 'zh-CN': '撤回了申请' },
  'flow.migrated': { en: 'moved to a new process version', 'zh-CN': '迁移到新流程版本' },
  'node.updated': { en: 'the step was updated', 'zh-CN': '步骤已更新' },
  'timer.scheduled': { en: 'a reminder was scheduled', 'zh-CN': '设置了提醒' },
  'timer.fired': { en: 'a deadline was reached', 'zh-CN': '到达时限' },
  'timer.cancelled': { en: 'a reminder was cancelled', 'zh-CN': '取消了提醒' },
  'task.reminded': { en: 'a reminder was sent', 'zh-CN': '发送了提醒' },
  'task.commented': { en: 'commented', 'zh-CN': '发表了评论' },
  'assignee.replaced': { en: 'the step went to the next manager: the person named has left', 'zh-CN': '原处理人已离职，已转给其上级' },
  'assignee.removed': { en: 'a person who left was taken off the task: the others on it carry on', 'zh-CN': '已离职的处理人已从任务中移除，由其他处理人继续' },
  'assignee.fallback': { en: 'nobody the rule named was available: the to-do went to its fallback (HR or admins)', 'zh-CN': '规则指定的处理人均不可用，待办已转给备用处理人（HR 或管理员）' },
};

const ACTIONS: Record<string, { en: string; 'zh-CN': string }> = {
  approve: { en: 'approved', 'zh-CN': '同意' },
  reject: { en: 'rejected', 'zh-CN': '驳回' },
  return: { en: 'returned', 'zh-CN': '退回' },
  resubmit: { en: 'resubmitted', 'zh-CN': '重新提交' },
  submit: { en: 'submitted', 'zh-CN': '提交' },
  complete: { en: 'completed', 'zh-CN': '完成' },
  delegate: { en: 'delegated', 'zh-CN': '委托' },
  transfer: { en: 'transferred', 'zh-CN': '转办' },
  'add-signer': { en: 'added a signer', 'zh-CN': '加签' },
  'add-signer-after': { en: 'added a signer after', 'zh-CN': '后加签' },
  'add-signer-before': { en: 'added a signer before', 'zh-CN': '前加签' },
  comment: { en: 'commented', 'zh-CN': '发表了评论' },
};

type Described = Pick<HistoryEntry, 'type' | 'action'> & Partial<Pick<HistoryEntry, 'nodeId' | 'resolution'>>;

/** A history entry as a short phrase: the action taken when there is one, else the event type. */
export function describeEvent(entry: Described, locale: Locale): string {
  if (entry.action && ACTIONS[entry.action]) return ACTIONS[entry.action]![locale];
  if (entry.action) return entry.action;
  return assigneeEvent(entry, locale) ?? EVENTS[entry.type]?.[locale] ?? entry.type;
}

/**
 * Why a step's approvers changed when nobody was found (approval-node.ts): rejected or approved by itself
 * (`assignee.none`), or handed to the step's fallback approvers. A rule task's fallback (nodeId "rule:…", or
 * none) keeps the rule's wording.
 */
function assigneeEvent(entry: Described, locale: Locale): string | null {
  const words = workspaceMessages[locale];
  if (entry.type === 'assignee.none') {
    if (entry.resolution === 'rejected') return words.eventNobodyToApproveRejected;
    if (entry.resolution === 'approved') return words.eventNobodyToApproveApproved;
    return words.eventNobodyToApprove;
  }
  if (entry.type === 'assignee.fallback' && entry.nodeId && ruleKeyOf(entry.nodeId) === null) return words.eventStepFallback;
  return null;
}
