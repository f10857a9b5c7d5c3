/**
 * A bounded undo history over immutable values, pure so any designer can keep one (the flow designer's
 * zundo store is tied to its zustand store and node drags; this one suits a draft held in React state).
 * Changes that share a `group` with the change before them (keystrokes in one text input) make one step.
 */
export interface UndoHistory<T> {
  past: T[];
  present: T;
  future: T[];
  /** The group of the last change; a change in the same group replaces it instead of adding a step. */
  group: string | null;
}

export const DEFAULT_UNDO_LIMIT = 100;

export function startHistory<T>(present: T): UndoHistory<T> {
  return { past: [], present, future: [], group: null };
}

/** Records a change. `group` null always starts a new step. Past steps beyond `limit` are forgotten. */
export function record<T>(h: UndoHistory<T>, next: T, group: string | null = null, limit = DEFAULT_UNDO_LIMIT): UndoHistory<T> {
  if (next === h.present) return h;
  if (group !== null && group === h.group) return { past: h.past, present: next, future: [], group };
  const past = [...h.past, h.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], group };
}

/** Ends the current group: the next change is a step of its own (focus left the input). */
export function endGroup<T>(h: UndoHistory<T>): UndoHistory<T> {
  return h.group === null ? h : { ...h, group: null };
}

export function undo<T>(h: UndoHistory<T>): UndoHistory<T> {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1]!, future: [h.present, ...h.future], group: null };
}

export function redo<T>(h: UndoHistory<T>): UndoHistory<T> {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1), group: null };
}
