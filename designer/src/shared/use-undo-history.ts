import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { endGroup, record, redo as redoStep, startHistory, undo as undoStep, type UndoHistory } from './undo-history.js';

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'number', 'password', '']);

/** A control where Ctrl+Z belongs to the text (the browser's own undo), not to the designer. */
export function isTextEntry(target: EventTarget | null): target is HTMLElement {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && TEXT_INPUTS.has((el as HTMLInputElement).type);
}

/** Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, except while typing in a text control. */
export function useUndoShortcuts(undo: () => void, redo: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextEntry(e.target) || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) undo();
      else if ((mod && key === 'z' && e.shiftKey) || (e.ctrlKey && key === 'y')) redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}

let nextInputId = 1;
const inputIds = new WeakMap<Element, string>();

/** The group of a change: the text control being typed in, so its keystrokes coalesce into one step. */
function focusGroup(): string | null {
  const el = typeof document === 'undefined' ? null : document.activeElement;
  if (!isTextEntry(el)) return null;
  let id = inputIds.get(el);
  if (!id) inputIds.set(el, (id = `input:${nextInputId++}`));
  return id;
}

export interface UndoableDraft<T> {
  change: (update: (value: T) => T) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Undo / redo over a draft another hook owns (the definition editor: load, autosave). Changes go through
 * `change`, which records them and hands the new value to `commit`. When the owner's value changes to
 * something else (a load, opening a version), the history starts again from it. `contentOf` says what
 * counts as a change (e.g. leaving out a version the server stamps on save).
 */
export function useUndoableDraft<T>(value: T | null, commit: (next: T) => void, contentOf: (v: T) => string = (v) => JSON.stringify(v), limit?: number): UndoableDraft<T> {
  const history = useRef<UndoHistory<T> | null>(null);
  const [, rerender] = useState(0);
  const set = (h: UndoHistory<T>) => {
    const before = history.current;
    history.current = h;
    if (!before || before.past.length !== h.past.length || before.future.length !== h.future.length) rerender((n) => n + 1);
  };
  if (value !== null && (history.current === null || contentOf(history.current.present) !== contentOf(value))) {
    history.current = startHistory(value);
  }
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    // Leaving a text control ends its step.
    const onFocusOut = () => {
      if (history.current) history.current = endGroup(history.current);
    };
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, []);

  const change = useCallback(
    (update: (v: T) => T) => {
      const h = history.current;
      if (!h) return;
      const next = update(h.present);
      if (next === h.present) return;
      set(record(h, next, focusGroup(), limit));
      commitRef.current(next);
    },
    [limit], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const move = useCallback((step: (h: UndoHistory<T>) => UndoHistory<T>) => {
    const h = history.current;
    if (!h) return;
    const next = step(h);
    if (next === h) return;
    set(next);
    commitRef.current(next.present);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const undo = useCallback(() => move(undoStep), [move]);
  const redo = useCallback(() => move(redoStep), [move]);
  const h = history.current;
  return useMemo(() => ({ change, undo, redo, canUndo: (h?.past.length ?? 0) > 0, canRedo: (h?.future.length ?? 0) > 0 }), [change, undo, redo, h?.past.length, h?.future.length]);
}
