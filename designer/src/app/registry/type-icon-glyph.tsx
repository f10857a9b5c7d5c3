import { memo } from 'react';
import { resolveTypeIcon } from './type-icons.js';

/**
 * A registry entry's icon (type-icons.ts), decorative: the entry's label is always written beside it.
 * `data-icon` says which name matched ("generic" when none did), so a plugin author can see why.
 */
export const TypeIconGlyph = memo(function TypeIconGlyph({ icon, type, className, size = 16 }: { icon?: string | undefined; type?: string | undefined; className?: string; size?: number }) {
  const { icon: Icon, name } = resolveTypeIcon({ icon, type });
  return (
    <span className={className} data-icon={name} aria-hidden="true">
      <Icon size={size} strokeWidth={1.75} aria-hidden="true" focusable="false" />
    </span>
  );
});
