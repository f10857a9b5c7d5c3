import type { HistoryEntry } from '@baton/client';

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

/** Whether an entry is engine bookkeeping (hidden unless all details are shown). A comment always shows. */
export function isDetail(entry: Pick<HistoryEntry, 'type' | 'comment'>): boolean {
  return DETAIL_TYPES.has(entry.type) && !entry.comment;
}

/** Who an entry credits: the person who acted, or null ("System") for what the engine or a rule did. */
export function creditedActor(entry: Pick<HistoryEntry, 'type' | 'actor'>): string | null {
  const actor = entry.actor;
  if (!actor || actor === 'system' || ruleKeyOf(actor) !== null) return null;
  return SYSTEM_TYPES.has(entry.type) ? null : actor;
}

function sameRow(row: TimelineRow, entry: HistoryEntry, actor: string | null): boolean {
  const first = row.entry;
  return !first.comment && !entry.comment && first.type === entry.type && first.action === entry.action && first.nodeId === entry.nodeId && row.actor === actor;
}

/**
 * The timeline as shown: engine details dropped unless `showAll`, each entry credited to a person or the
 * system, and runs of identical entries (same event, action, step and credit, no comment) folded into one.
 */
export function shapeTimeline(history: readonly HistoryEntry[], showAll: boolean): ShapedTimeline {
  const rows: TimelineRow[] = [];
  let hidden = 0;
  for (const entry of history) {
    if (!showAll && isDetail(entry)) {
      hidden++;
      continue;
    }
    const actor = creditedActor(entry);
    const last = rows.at(-1);
    if (last && sameRow(last, entry, actor)) last.count++;
    else rows.push({ entry, count: 1, actor });
  }
  return { rows, hidden };
}
