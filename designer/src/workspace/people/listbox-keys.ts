/**
 * Where the highlighted option of a listbox moves on a key (WAI-ARIA combobox pattern): arrows step and
 * wrap, Home and End jump; -1 means none highlighted. Anything else leaves it where it is.
 */
export function nextActiveIndex(key: string, active: number, count: number): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return Math.min(active, count - 1);
  }
}
