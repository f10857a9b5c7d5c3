import { useDraggable } from '@dnd-kit/core';
import type { CatalogueEntry } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';

function PaletteItem({ entry }: { entry: CatalogueEntry }) {
  const { l } = useLocalized();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `palette:${entry.type}`, data: { kind: 'palette', type: entry.type } });
  return (
    <li
      ref={setNodeRef}
      className={`palette-item${isDragging ? ' dragging' : ''}`}
      data-testid={`palette-field-${entry.type}`}
      title={l(entry.description)}
      {...attributes}
      {...listeners}
    >
      <span className="palette-icon" aria-hidden>{(entry.icon ?? entry.type).slice(0, 2)}</span>
      {l(entry.label, entry.type)}
    </li>
  );
}

/** Every registered field type (built-in and plugin), grouped by category, ready to drag onto the form. */
export function FormPalette({ entries }: { entries: CatalogueEntry[] }) {
  const { t } = useTranslation('forms');
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
              <PaletteItem key={e.type} entry={e} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
