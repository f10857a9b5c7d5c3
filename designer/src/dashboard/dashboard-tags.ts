/**
 * Which published reports make up a dashboard, and in which order. The definition kinds have no
 * `dashboard`, so a pack marks its dashboard reports with a tag `dashboard:<dashboard key>:<order>`
 * (report definitions already carry free `tags`): no new kind, no schema change, and a pack author
 * adds or reorders a widget by editing one report.
 */
const TAG = /^dashboard:([a-z][a-z0-9-]*):(\d{1,6})$/;

export interface DashboardSlot {
  dashboard: string;
  order: number;
}

export function dashboardSlot(tags: unknown, dashboard: string): DashboardSlot | undefined {
  if (!Array.isArray(tags)) return undefined;
  for (const tag of tags) {
    const match = typeof tag === 'string' ? TAG.exec(tag) : null;
    if (match && match[1] === dashboard) return { dashboard, order: Number(match[2]) };
  }
  return undefined;
}

/** The reports of one dashboard, ordered by their tag (then key, so ties are stable). */
export function dashboardReports<T extends { key: string; body: { tags?: unknown } }>(definitions: readonly T[], dashboard: string): T[] {
  return definitions
    .map((d) => ({ d, slot: dashboardSlot(d.body.tags, dashboard) }))
    .filter((x): x is { d: T; slot: DashboardSlot } => x.slot !== undefined)
    .sort((a, b) => a.slot.order - b.slot.order || (a.d.key < b.d.key ? -1 : a.d.key > b.d.key ? 1 : 0))
    .map((x) => x.d);
}


/** The dashboard a new placement goes to when no tag names another (the offboarding pack's). */
export const DEFAULT_DASHBOARD = 'offboarding';

/** Every dashboard some report's tags name, the default one first, then by key. */
export function dashboardKeys(tagLists: readonly unknown[]): string[] {
  const keys = new Set<string>([DEFAULT_DASHBOARD]);
  for (const tags of tagLists) {
    if (!Array.isArray(tags)) continue;
    for (const tag of tags) {
      const match = typeof tag === 'string' ? TAG.exec(tag) : null;
      if (match) keys.add(match[1]!);
    }
  }
  return [DEFAULT_DASHBOARD, ...[...keys].filter((k) => k !== DEFAULT_DASHBOARD).sort()];
}

/**
 * The tags with this report placed on `dashboard` at `order` (or taken off it when `slot` is null).
 * Tags of other dashboards and free tags are kept in place; a placement already on the dashboard is
 * replaced where it stood; an emptied list is left out, as the definition had no tags before.
 */
export function withDashboardSlot(tags: readonly string[] | undefined, dashboard: string, slot: { order: number } | null): string[] | undefined {
  const list = [...(tags ?? [])];
  const mine = (t: string) => TAG.exec(t)?.[1] === dashboard;
  const index = list.findIndex(mine);
  const next = list.filter((t) => !mine(t));
  if (slot !== null) next.splice(index >= 0 ? index : next.length, 0, `dashboard:${dashboard}:${clampOrder(slot.order)}`);
  return next.length > 0 ? next : undefined;
}

/** Orders are whole numbers of at most six digits (the tag's pattern). */
export function clampOrder(order: number): number {
  return Math.min(999_999, Math.max(0, Math.trunc(Number.isFinite(order) ? order : 0)));
}

/** A neighbour on the dashboard: another report and its order. */
export interface Placed {
  key: string;
  order: number;
}

/**
 * The order that puts a report at `index` among the others (sorted by order): halfway between its
 * neighbours, 10 past the last, 10 before the first. When the neighbours have no whole number between them
 * it takes the earlier neighbour's order, and ties sort by key — the number field lets the designer fix it.
 */
export function orderAt(others: readonly Placed[], index: number): number {
  const before = index > 0 ? others[index - 1] : undefined;
  const after = others[index];
  if (!before) return after ? Math.max(0, after.order - 10) : 10;
  if (!after) return clampOrder(before.order + 10);
  return after.order - before.order >= 2 ? before.order + Math.floor((after.order - before.order) / 2) : before.order;
}

/** Where `order` lands among the others: the count of those before it (ties go by key, as on the dashboard). */
export function indexOf(others: readonly Placed[], order: number, key: string): number {
  return others.filter((o) => o.order < order || (o.order === order && o.key < key)).length;
}
