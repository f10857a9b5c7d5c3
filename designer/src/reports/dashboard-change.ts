import { dashboardKeys, dashboardSlot } from '../dashboard/dashboard-tags.js';

/** One dashboard placement change, for the publish dialog to say in words (messages `placementChange.*`). */
export type PlacementChange =
  | { kind: 'added'; dashboard: string; order: number }
  | { kind: 'moved'; dashboard: string; from: number; to: number }
  | { kind: 'removed'; dashboard: string };

/**
 * How publishing changes where the report shows: put on a dashboard, moved (its order), taken off. Read from
 * the `dashboard:<key>:<order>` tags of the published body and the draft, so the publish dialog can say it
 * in words instead of showing the raw tag.
 */
export function placementChanges(before: unknown, after: unknown): PlacementChange[] {
  const tagsOf = (body: unknown) => (body && typeof body === 'object' ? (body as { tags?: unknown }).tags : undefined);
  const b = tagsOf(before);
  const a = tagsOf(after);
  const out: PlacementChange[] = [];
  for (const dashboard of dashboardKeys([b, a])) {
    const was = dashboardSlot(b, dashboard);
    const now = dashboardSlot(a, dashboard);
    if (!was && now) out.push({ kind: 'added', dashboard, order: now.order });
    else if (was && !now) out.push({ kind: 'removed', dashboard });
    else if (was && now && was.order !== now.order) out.push({ kind: 'moved', dashboard, from: was.order, to: now.order });
  }
  return out;
}
