import type { FieldChange, HistoryEntry } from '@baton/client';

/**
 * Engine bookkeeping: steps entered and left, timers planned and cleared, tasks opened and closed by the
 * flow, data saved along with a completion. True, but it buries what people did (one offboarding writes
 * 70 of them), so the timeline hides them until asked. Types not listed here (new ones, handovers,
 * documents) are shown: hiding something unknown would be worse than showing it.
 */
const DETAIL_TYPES = new Set([
  'node.entered',
  'node.left',
  'node.updated',
  'timer.scheduled',
  'timer.cancelled',
  'task.created',
  'task.cancelled',
  'data.changed',
  'signal.received',
]);

/**
 * Events that follow from a command rather than being someone's act: the history stores the person whose
 * command caused them, but "黄敏 reached the step" or "王芳 completed the request" would credit them wrongly.
 */
const SYSTEM_TYPES = new Set([
  'node.entered',
  'node.left',
  'node.updated',
  'timer.scheduled',
  'timer.cancelled',
  'timer.fired',
  'task.created',
  'task.cancelled',
  'task.reminded',
  'flow.completed',
  'flow.rejected',
  'sla.breached',
  'assignee.replaced',
  'assignee.removed',
  'assignee.fallback',
  'signal.received',
]);

/** A rule's tasks sit at node "rule:<key>" (runtime-api effect-rows). */
const RULE_NODE = /^rule:([^@:]+)/;

export interface TimelineRow {
  /** The first of the identical entries the row stands for. */
  entry: HistoryEntry;
  /** How many identical entries in a row it stands for ("×6"). */
  count: number;
  /** Who gets the credit: a user id, or null for the system. */
  actor: string | null;
  /** The fields the entry changed (a completion carries those of the data saved with it). */
  changes?: readonly FieldChange[];
}

export interface ShapedTimeline {
  rows: TimelineRow[];
  /** Entries not shown (engine details), 0 when showing all. */
  hidden: number;
}

/** The key of the rule behind a "rule:<key>" node or actor, else null. */
export function ruleKeyOf(id: string | null): string | null {
  return id ? (RULE_NODE.exec(id)?.[1] ?? null) : null;
}

/**
 * Whether an entry is engine bookkeeping (hidden unless all details are shown). A comment always shows, and
 * so does a data change naming fields the reader may see (a rule that set a date, an edit on its own).
 */
export function isDetail(entry: Pick<HistoryEntry, 'type' | 'comment' | 'changes'>): boolean {
  return DETAIL_TYPES.has(entry.type) && !entry.comment && !hasChanges(entry);
}

function hasChanges(entry: Pick<HistoryEntry, 'type' | 'changes'>): boolean {
  return entry.type === 'data.changed' && (entry.changes?.length ?? 0) > 0;
}

/** The data a person saved with a decision is recorded just before it, by them, at that step. */
function savedWith(change: HistoryEntry, next: HistoryEntry | undefined): boolean {
  return !!next && next.type === 'task.completed' && next.actor === change.actor && next.nodeId === change.nodeId;
}

/** Who an entry credits: the person who acted, or null ("System") for what the engine or a rule did. */
export function creditedActor(entry: Pick<HistoryEntry, 'type' | 'actor'>): string | null {
  const actor = entry.actor;
  if (!actor || actor === 'system' || ruleKeyOf(actor) !== null) return null;
  return SYSTEM_TYPES.has(entry.type) ? null : actor;
}

function sameRow(row: TimelineRow, entry: HistoryEntry, actor: string | null): boolean {
  const first = row.entry;
  if (row.changes || hasChanges(entry)) return false;
  return !first.comment && !entry.comment && first.type === entry.type && first.action === entry.action && first.nodeId === entry.nodeId && row.actor === actor;
}

/**
 * The timeline as shown: engine details dropped unless `showAll`, each entry credited to a person or the
 * system, and runs of identical entries (same event, action, step and credit, no comment) folded into one.
 * The fields a decision changed go on its own row ("approved · Last working day: … → …") rather than on a
 * separate "changed the data" row; a change on its own (a rule's) is its own row.
 */
export function shapeTimeline(history: readonly HistoryEntry[], showAll: boolean): ShapedTimeline {
  const rows: TimelineRow[] = [];
  let hidden = 0;
  let carried: readonly FieldChange[] | undefined;
  history.forEach((entry, i) => {
    if (hasChanges(entry) && savedWith(entry, history[i + 1])) {
      carried = entry.changes;
      return;
    }
    const changes = carried ?? (hasChanges(entry) ? entry.changes : undefined);
    carried = undefined;
    if (!showAll && isDetail(entry)) {
      hidden++;
      return;
    }
    const actor = creditedActor(entry);
    const last = rows.at(-1);
    if (!changes && last && sameRow(last, entry, actor)) last.count++;
    else rows.push({ entry, count: 1, actor, ...(changes ? { changes } : {}) });
  });
  return { rows, hidden };
}
