import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type Named = { id: string | number; data?: { current?: unknown } };

/** What a screen reader hears for an item: its label when the drag data carries one, else its id. */
function nameOf(item: Named): string {
  const label = (item.data?.current as { label?: unknown } | undefined)?.label;
  return typeof label === 'string' && label ? label : String(item.id);
}

/**
 * dnd-kit's live-region announcements and keyboard instructions in the reader's language (its own are
 * English only): pass as DndContext's `accessibility`.
 */
export function useDndAccessibility(): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const { t, i18n } = useTranslation('common');
  return useMemo(
    () => ({
      screenReaderInstructions: { draggable: t('dnd.instructions') },
      announcements: {
        onDragStart: ({ active }) => t('dnd.pickedUp', { item: nameOf(active) }),
        onDragOver: ({ active, over }) => (over ? t('dnd.over', { item: nameOf(active), target: nameOf(over) }) : t('dnd.notOver', { item: nameOf(active) })),
        onDragEnd: ({ active, over }) => (over ? t('dnd.dropped', { item: nameOf(active), target: nameOf(over) }) : t('dnd.droppedNowhere', { item: nameOf(active) })),
        onDragCancel: ({ active }) => t('dnd.cancelled', { item: nameOf(active) }),
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
}
