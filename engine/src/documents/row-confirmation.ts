import type { Locale } from '../i18n/localized-text.js';
import type { DocumentTask } from './document-input.js';

export type ConfirmationState = 'confirmed' | 'rejected' | 'returned' | 'pending' | 'none';

/** `$confirmation` in a table row: who confirmed it at the node, when, and the state in words. */
export interface RowConfirmation {
  state: ConfirmationState;
  status: string;
  /** Who actually completed the task: the successor, or whoever held their task (delegated, HR). */
  by?: string;
  /** The successor `by` acted for, when that was someone else. */
  for?: string;
  /** Who confirmed, in words: "孙丽" or, acting for someone, "孙丽（代陈静确认）" / "Sun Li (for Chen Jing)". */
  confirmer?: string;
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

/** Whether a task at the node stands for `user`'s rows: made for them (an `each` task), else done by or assigned to them. */
function standsFor(task: DocumentTask, user: string): boolean {
  if (task.slot !== undefined) return task.slot === user;
  return task.completedBy === user || (task.completedBy === undefined && task.assignees.includes(user));
}

/**
 * The confirmation of one row from the instance's tasks at `node`: the latest closed task made for `user`
 * (an `each` task's slot: only its holder may confirm those rows), else one `user` completed (or, when
 * `user` is undefined, anyone did); else an open one for them (pending). `by` is who really completed it,
 * `for` the person they acted for. Cancelled and reassigned tasks never confirm anything.
 */
export function rowConfirmation(tasks: readonly DocumentTask[], node: string, user: string | undefined, locale: Locale): RowConfirmation {
  const atNode = tasks.filter((t) => t.nodeId === node && t.status !== 'cancelled' && t.status !== 'reassigned');
  const mine = user === undefined ? atNode : atNode.filter((t) => standsFor(t, user));
  const closed = mine.filter((t) => t.status === 'completed').sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  const chosen = closed[closed.length - 1] ?? mine.find((t) => t.status === 'open');
  if (!chosen) return noConfirmation(locale);
  const state = stateOf(chosen);
  const out: RowConfirmation = { state, status: STATUS_TEXT[state][locale] };
  if (state !== 'pending') {
    if (chosen.completedBy !== undefined) out.by = chosen.completedBy;
    if (user !== undefined && chosen.completedBy !== undefined && chosen.completedBy !== user) out.for = user;
    if (chosen.completedAt !== undefined) out.at = chosen.completedAt;
    if (chosen.outcome !== undefined) out.outcome = chosen.outcome;
    if (chosen.comment !== undefined) out.comment = chosen.comment;
  }
  return out;
}

const ACTED_FOR: Record<Locale, string> = { 'zh-CN': '{by}（代{for}确认）', en: '{by} (for {for})' };

/**
 * The confirmer's name, followed by whom they confirmed for when HR or a delegate held the successor's
 * task; undefined when nobody confirmed (yet). `nameOf` turns a user id into the name the document prints.
 */
export function confirmerText(confirmation: RowConfirmation, nameOf: (userId: string) => string, locale: Locale): string | undefined {
  if (confirmation.by === undefined) return undefined;
  const by = nameOf(confirmation.by);
  if (confirmation.for === undefined) return by;
  return ACTED_FOR[locale].replace('{by}', by).replace('{for}', nameOf(confirmation.for));
}
