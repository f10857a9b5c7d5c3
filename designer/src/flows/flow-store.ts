import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { FlowBody, Point } from './flow-graph.js';
import { setPositions } from './flow-graph.js';

export interface FlowStoreState {
  def: FlowBody | null;
  /** Replaces the definition without an undo step (loading, opening a version). */
  load: (def: FlowBody) => void;
  /** One undoable change. */
  apply: (update: (def: FlowBody) => FlowBody) => void;
  /** Positions while a node is being dragged: one undo step for the whole drag (see endDrag). */
  dragTo: (positions: ReadonlyMap<string, Point>) => void;
  beginDrag: () => void;
  endDrag: () => void;
}

/**
 * The flow being edited, with undo / redo (zundo keeps past and future definitions). A node drag is
 * recorded as one step: tracking pauses while it moves, and the final positions are applied as a single
 * change from the position it started at.
 */
export function createFlowStore() {
  let dragStart: FlowBody | null = null;
  const store = createStore<FlowStoreState>()(
    temporal(
      (set, get) => ({
        def: null,
        load: (def) => {
          store.temporal.getState().pause();
          set({ def });
          store.temporal.getState().resume();
          store.temporal.getState().clear();
        },
        apply: (update) => {
          const def = get().def;
          if (!def) return;
          // An update that changes nothing (a panel echoing what it was given) is no new state and no undo step.
          const next = update(def);
          if (next !== def) set({ def: next });
        },
        dragTo: (positions) => {
          const def = get().def;
          if (def) set({ def: setPositions(def, positions) as FlowBody });
        },
        beginDrag: () => {
          dragStart = get().def;
          store.temporal.getState().pause();
        },
        endDrag: () => {
          const end = get().def;
          if (dragStart && end && dragStart !== end) {
            set({ def: dragStart });
            store.temporal.getState().resume();
            set({ def: end });
          } else {
            store.temporal.getState().resume();
          }
          dragStart = null;
        },
      }),
      { partialize: (state) => ({ def: state.def }), limit: 200 },
    ),
  );
  return store;
}

export type FlowStore = ReturnType<typeof createFlowStore>;
