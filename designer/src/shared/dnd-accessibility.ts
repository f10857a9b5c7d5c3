import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildAnnouncements } from './dnd-announcements.js';

export type { DropAnnounce } from './dnd-announcements.js';

/**
 * dnd-kit's live-region announcements and keyboard instructions in the reader's language (its own are
 * English only), naming drop targets by what the user sees (dnd-announcements.ts): pass as DndContext's
 * `accessibility`.
 */
export function useDndAccessibility(): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const { t, i18n } = useTranslation('common');
  return useMemo(
    () => ({
      screenReaderInstructions: { draggable: t('dnd.instructions') },
      announcements: buildAnnouncements((key, options) => t(key, options ?? {})),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
}
