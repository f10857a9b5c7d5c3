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

/** Puts the focus on the selected node's "Connect to…" (node-connect-menu.tsx); false when no node is selected. */
export function focusConnectMenu(root: ParentNode = document): boolean {
  const select = root.querySelector<HTMLSelectElement>('[data-connect-select]');
  if (select) {
    select.focus();
    return true;
  }
  // Closed: opening it moves the focus to its list.
  const opener = root.querySelector<HTMLButtonElement>('[data-connect-open]');
  opener?.click();
  return opener !== null;
}

/**
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Ctrl/⌘+C / V copy and paste nodes, Shift+L auto-layout, Shift+C
 * "Connect to…" from the selected node (the keyboard's way to draw an edge).
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
      else if (!mod && e.shiftKey && key === 'c') {
        if (!focusConnectMenu()) return;
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
