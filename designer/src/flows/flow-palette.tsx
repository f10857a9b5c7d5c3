import { useDraggable } from '@dnd-kit/core';
import type { CatalogueEntry } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';

function Item({ entry }: { entry: CatalogueEntry }) {
  const { l } = useLocalized();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `node-type:${entry.type}`, data: { type: entry.type } });
  return (
    <li ref={setNodeRef} className={`palette-item${isDragging ? ' dragging' : ''}`} data-testid={`palette-node-${entry.type}`} title={l(entry.description)} {...attributes} {...listeners}>
      <span className="palette-icon" aria-hidden>{(entry.icon ?? entry.type).slice(0, 2)}</span>
      {l(entry.label, entry.type)}
    </li>
  );
}

/** Every registered node type (built-in and plugin) by category, to drag onto the canvas. */
export function FlowPalette({ entries }: { entries: CatalogueEntry[] }) {
  const { t } = useTranslation('flows');
  const groups = new Map<string, CatalogueEntry[]>();
  for (const e of entries) groups.set(e.category ?? 'other', [...(groups.get(e.category ?? 'other') ?? []), e]);
  return (
    <aside className="palette" aria-label={t('palette')}>
      <h2>{t('palette')}</h2>
      <p className="muted small">{t('paletteHelp')}</p>
      {[...groups.entries()].map(([group, list]) => (
        <section key={group}>
          <h3>{t(`category.${group}`, { defaultValue: group })}</h3>
          <ul>
            {list.map((e) => (
              <Item key={e.type} entry={e} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
