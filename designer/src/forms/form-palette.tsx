import type { CatalogueEntry } from '@baton/engine';
import { DraggablePalette, type PaletteDrag } from '../shared/draggable-palette.js';

const FIELD_DRAG: PaletteDrag = {
  namespace: 'forms',
  dragId: (type) => `palette:${type}`,
  dragData: (type) => ({ kind: 'palette', type }),
  testIdPrefix: 'palette-field-',
};

/** Every registered field type (built-in and plugin), grouped by category, ready to drag onto the form. */
export function FormPalette({ entries }: { entries: CatalogueEntry[] }) {
  return <DraggablePalette entries={entries} drag={FIELD_DRAG} />;
}
