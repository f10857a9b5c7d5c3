import type { Locale } from '../i18n/localized-text.js';
import type { DocumentTask } from './document-input.js';

export type ConfirmationState = 'confirmed' | 'rejected' | 'returned' | 'pending' | 'none';

/** `$confirmation` in a table row: who confirmed it at the node, when, and the state in words. */
export interface RowConfirmation {
  state: ConfirmationState;
  status: string;
  by?: string;
  at?: string;
  outcome?: string;
  comment?: string;
}

const STATUS_TEXT: Record<ConfirmationState, Record<Locale, string>> = {
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  rejected: { 'zh-CN': '已驳回', en: 'Rejected' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  pending: { 'zh-CN': '待确认', en: 'Pending' },
  none: { 'zh-CN': '未确认', en: 'Not confirmed' },
};

export function noConfirmation(locale: Locale): RowConfirmation {
  return { state: 'none', status: STATUS_TEXT.none[locale] };
}

function stateOf(task: DocumentTask): ConfirmationState {
  if (task.status === 'open') return 'pending';
  if (task.outcome === 'reject') return 'rejected';
  if (task.outcome === 'return') return 'returned';
  return 'confirmed';
}

/**
 * The confirmation of one row from the instance's tasks at `node`: the latest closed task that `user`
 * completed (or, when `user` is undefined, anyone did); else an open task assigned to them (pending).
 * Cancelled and reassigned tasks never confirm anything.
 */
export function rowConfirmation(tasks: readonly DocumentTask[], node: string, user: string | undefined, locale: Locale): RowConfirmation {
  const atNode = tasks.filter((t) => t.nodeId === node && t.status !== 'cancelled' && t.status !== 'reassigned');
  const mine = user === undefined ? atNode : atNode.filter((t) => t.completedBy === user || (t.completedBy === undefined && t.assignees.includes(user)));
  const closed = mine.filter((t) => t.status === 'completed').sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  const chosen = closed[closed.length - 1] ?? mine.find((t) => t.status === 'open');
  if (!chosen) return noConfirmation(locale);
  const state = stateOf(chosen);
  const out: RowConfirmation = { state, status: STATUS_TEXT[state][locale] };
  if (state !== 'pending') {
    if (chosen.completedBy !== undefined) out.by = chosen.completedBy;
    if (chosen.completedAt !== undefined) out.at = chosen.completedAt;
    if (chosen.outcome !== undefined) out.outcome = chosen.outcome;
    if (chosen.comment !== undefined) out.comment = chosen.comment;
  }
  return out;
}
