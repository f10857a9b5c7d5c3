import type { ReportResult } from '@baton/client';

/**
 * No data, said as such: no rows, or only the groups headcount adds with zero counts (no leavers at all).
 * A month with people and no leavers among months with leavers is a real 0 % and is drawn.
 */
export function emptyStateOf(result: ReportResult): { title: 'noData' | 'noLeavers'; body: 'noDataBody' | 'noLeaversBody' } | null {
  if (result.rows.length === 0) return { title: 'noData', body: 'noDataBody' };
  if (result.meta.matched > 0) return null;
  return result.columns.some((c) => c.role === 'measure' && c.kind === 'headcount') ? { title: 'noLeavers', body: 'noLeaversBody' } : { title: 'noData', body: 'noDataBody' };
}
