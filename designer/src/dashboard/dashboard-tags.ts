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

