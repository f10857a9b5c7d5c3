import { isInLowerHalf, type DropAnnounce } from '../shared/dnd-announcements.js';
import type { Container, ContainerId, Target } from './form-layout.js';

/** What dnd-kit tells us about the element under the pointer (data set by the canvas). */
export interface OverInfo {
  data: { kind: 'field'; container: ContainerId; index: number; itemId: string } | { kind: 'container'; container: ContainerId } | undefined;
  rect: { top: number; height: number };
}

export interface ActiveInfo {
  /** The dragged field's container and index; absent for a palette item. */
  container?: ContainerId;
  index?: number;
  itemId?: string;
}

/**
 * Where a drop lands: over a field card, before it (upper half) or after it (lower half); over a
 * container's empty space, at its end. The index counts the container's items without the dragged one,
 * which is how moveField inserts. Null when nothing changes (a card dropped on itself).
 */
export function dropTarget(over: OverInfo | null, pointerY: number, active: ActiveInfo): Target | null {
  if (!over?.data) return null;
  if (over.data.kind === 'container') return { container: over.data.container, index: Number.MAX_SAFE_INTEGER };
  if (active.itemId !== undefined && over.data.itemId === active.itemId) return null;
  const after = isInLowerHalf(over.rect, pointerY);
  let index = over.data.index + (after ? 1 : 0);
  if (active.container === over.data.container && active.index !== undefined && active.index < index) index -= 1;
  if (active.container === over.data.container && active.index === index) return null;
  return { container: over.data.container, index };
}

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * What a container is called where people hear it (the `forms` namespace's `dropArea.*`): "the form" for
 * the fields outside sections (they come after every section, so their end is the end of the form),
 * `section “title”`, `the columns of “table”`. `title` is the section's or sub-table's visible label.
 */
export function dropAreaName(kind: Container['kind'], title: string, t: T): string {
  if (kind === 'section') return t('dropArea.section', { title });
  if (kind === 'table') return t('dropArea.table', { title });
  return t('dropArea.form');
}

/** Drag data for announcements: a container takes drops at its end; a field card, before or after it. */
export function containerAnnounce(area: string): DropAnnounce {
  return { kind: 'end', area };
}

export function fieldAnnounce(label: string, area: string): DropAnnounce {
  return { kind: 'item', item: label, area };
}
