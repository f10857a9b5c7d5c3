import type { Announcements } from '@dnd-kit/core';

/**
 * What a drop target tells screen readers about itself, in its drag data (`data.announce`), in words the
 * user sees on screen — never its id:
 * - `area`: dropping anywhere on it (the flow canvas);
 * - `end`: what is dropped goes at the end of a list (a form section, the form, a sub-table's columns);
 * - `item`: an entry of a list; what is dropped goes before or after it, by where the dragged item is.
 * A draggable names itself with `data.label`.
 */
export type DropAnnounce = { kind: 'area'; area: string } | { kind: 'end'; area: string } | { kind: 'item'; item: string; area: string };

type Rect = { top: number; height: number };
type Named = { id: string | number; data?: { current?: unknown }; rect?: unknown };
type ActiveLike = Named & { rect?: { current?: { translated?: Rect | null; initial?: Rect | null } } };
type OverLike = Named & { rect?: Rect };
type T = (key: string, options?: Record<string, unknown>) => string;

/** The lower half of a list entry means "after it": the rule the form designer drops by (form-drop-target.ts). */
export function isInLowerHalf(rect: Rect, y: number): boolean {
  return y > rect.top + rect.height / 2;
}

function dataOf(item: Named | null | undefined): Record<string, unknown> | undefined {
  const data = item?.data?.current;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
}

function announceOf(over: Named): DropAnnounce | undefined {
  const a = dataOf(over)?.announce as Partial<DropAnnounce> | undefined;
  if (!a || typeof a.area !== 'string' || !a.area) return undefined;
  if (a.kind === 'item' && typeof a.item === 'string' && a.item) return a as DropAnnounce;
  if (a.kind === 'end' || a.kind === 'area') return a as DropAnnounce;
  return undefined;
}

/** Where the dragged item is now: the top of its moved box, which is where a keyboard drag drops it. */
function activeY(active: ActiveLike): number | undefined {
  const r = active.rect?.current;
  return r?.translated?.top ?? r?.initial?.top ?? undefined;
}

/**
 * The sentence for the dragged item over (or dropped on) a target. `phase` picks "is over" or "was dropped"
 * wording; keys live under `dnd.` in the common namespace.
 */
function placeText(t: T, phase: 'over' | 'dropped', active: ActiveLike, over: OverLike, item: string): string {
  if (over.id === active.id) return t(`dnd.${phase}Self`, { item });
  const a = announceOf(over);
  if (!a) {
    const label = dataOf(over)?.label;
    return t(`dnd.${phase}Area`, { item, area: typeof label === 'string' && label ? label : t('dnd.unnamedArea') });
  }
  if (a.kind === 'area') return t(`dnd.${phase}Area`, { item, area: a.area });
  if (a.kind === 'end') return t(`dnd.${phase}End`, { item, area: a.area });
  const y = activeY(active);
  const after = y !== undefined && over.rect !== undefined && isInLowerHalf(over.rect, y);
  return t(`dnd.${phase}${after ? 'After' : 'Before'}`, { item, target: a.item, area: a.area });
}

/** What screen readers hear for the dragged item: its label, else a neutral word (ids mean nothing to people). */
export function itemName(t: T, item: Named): string {
  const label = dataOf(item)?.label;
  return typeof label === 'string' && label ? label : t('dnd.unnamedItem');
}

/**
 * dnd-kit's live-region messages, built on `t` (the common namespace). A keyboard drag inside one list entry
 * can cross its middle without a new "over" event, so moves re-announce when before/after changes.
 */
export function buildAnnouncements(t: T): Announcements {
  let last = '';
  const say = (text: string): string | undefined => {
    if (text === last) return undefined;
    last = text;
    return text;
  };
  return {
    onDragStart: ({ active }) => {
      last = '';
      return say(t('dnd.pickedUp', { item: itemName(t, active) }));
    },
    onDragOver: ({ active, over }) => say(over ? placeText(t, 'over', active, over, itemName(t, active)) : t('dnd.notOver', { item: itemName(t, active) })),
    onDragMove: ({ active, over }) => (over && announceOf(over)?.kind === 'item' ? say(placeText(t, 'over', active, over, itemName(t, active))) : undefined),
    onDragEnd: ({ active, over }) => {
      last = '';
      return over ? placeText(t, 'dropped', active, over, itemName(t, active)) : t('dnd.droppedNowhere', { item: itemName(t, active) });
    },
    onDragCancel: ({ active }) => {
      last = '';
      return t('dnd.cancelled', { item: itemName(t, active) });
    },
  };
}
