import { useDraggable } from '@dnd-kit/core';
import type { CatalogueEntry } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { TypeIconGlyph } from '../app/registry/type-icon-glyph.js';

/** How a palette's entries become drag sources: the form and flow designers differ only in these. */
export interface PaletteDrag {
  /** i18n namespace holding `palette`, `paletteHelp` and `category.*`. */
  namespace: string;
  dragId(type: string): string;
  dragData(type: string): Record<string, unknown>;
  testIdPrefix: string;
}

function PaletteItem({ entry, drag }: { entry: CatalogueEntry; drag: PaletteDrag }) {
  const { l } = useLocalized();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: drag.dragId(entry.type),
    // label: what screen readers hear while it is dragged (shared/dnd-accessibility.ts).
    data: { ...drag.dragData(entry.type), label: l(entry.label, entry.type) },
  });
  return (
    <li
      ref={setNodeRef}
      className={`palette-item${isDragging ? ' dragging' : ''}`}
      data-testid={`${drag.testIdPrefix}${entry.type}`}
      title={l(entry.description)}
      {...attributes}
      {...listeners}
    >
      <TypeIconGlyph icon={entry.icon} type={entry.type} className="palette-icon" size={16} />
      {l(entry.label, entry.type)}
    </li>
  );
}

/** Registry entries (built-in and plugin) grouped by category, ready to drag onto a canvas. */
export function DraggablePalette({ entries, drag }: { entries: CatalogueEntry[]; drag: PaletteDrag }) {
  const { t } = useTranslation(drag.namespace);
  const groups = new Map<string, CatalogueEntry[]>();
  for (const e of entries) {
    const g = e.category ?? 'other';
    groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  return (
    <aside className="palette" aria-label={t('palette')}>
      <h2>{t('palette')}</h2>
      <p className="muted small">{t('paletteHelp')}</p>
      {[...groups.entries()].map(([group, list]) => (
        <section key={group}>
          <h3>{t(`category.${group}`, { defaultValue: group })}</h3>
          <ul>
            {list.map((e) => (
              <PaletteItem key={e.type} entry={e} drag={drag} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
