import { create } from 'zustand';

/**
 * Uploads a form still waits for (a signature saved when the pen lifts): the page's submit and action buttons
 * wait until the file's reference is in the form's data, so Complete never sends a drawn-but-unsaved pad.
 */
export const usePendingUploads = create<{ count: number; begin(): void; end(): void }>((set) => ({
  count: 0,
  begin: () => set((s) => ({ count: s.count + 1 })),
  end: () => set((s) => ({ count: Math.max(0, s.count - 1) })),
}));
