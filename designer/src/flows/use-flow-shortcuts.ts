import { useEffect } from 'react';

export interface FlowShortcuts {
  undo: () => void;
  redo: () => void;
  copy: () => void;
  paste: () => void;
  layout: () => void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C / V copy and paste nodes, Shift+L auto-layout.
 * Delete / Backspace are the canvas's own. Ignored while typing in a field, so text editing keeps them.
 */
export function useFlowShortcuts(actions: FlowShortcuts): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) actions.undo();
      else if ((mod && key === 'z' && e.shiftKey) || (mod && key === 'y')) actions.redo();
      else if (mod && key === 'c') actions.copy();
      else if (mod && key === 'v') actions.paste();
      else if (!mod && e.shiftKey && key === 'l') actions.layout();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
