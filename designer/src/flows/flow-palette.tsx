import type { CatalogueEntry } from '@baton/engine';
import { DraggablePalette, type PaletteDrag } from '../shared/draggable-palette.js';

const NODE_DRAG: PaletteDrag = {
  namespace: 'flows',
  dragId: (type) => `node-type:${type}`,
  dragData: (type) => ({ type }),
  testIdPrefix: 'palette-node-',
};

/** Every registered node type (built-in and plugin) by category, to drag onto the canvas. */
export function FlowPalette({ entries }: { entries: CatalogueEntry[] }) {
  return <DraggablePalette entries={entries} drag={NODE_DRAG} />;
}
