import type { Definition } from '@baton/client';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { dashboardReports, dashboardSlot, indexOf } from '../dashboard/dashboard-tags.js';
import { placementChanges } from './dashboard-change.js';

/** The publish dialog's words for a dashboard placement change: which dashboard, after which report, which order. */
export function PlacementNotes({ reportKey, before, after, published }: { reportKey: string; before: unknown; after: unknown; published: readonly Definition[] }) {
  const { t } = useTranslation('reports');
  const { l } = useLocalized();
  const changes = placementChanges(before, after);
  if (changes.length === 0) return null;
  const where = (dashboard: string, order: number) => {
    const others = dashboardReports(published.filter((d) => d.key !== reportKey), dashboard);
    const index = indexOf(others.map((d) => ({ key: d.key, order: dashboardSlot(d.body.tags, dashboard)!.order })), order, reportKey);
    const prev = others[index - 1];
    return prev ? t('whereAfter', { title: l(prev.body.title as never, prev.key) }) : t('whereFirst');
  };
  return (
    <ul className="diff-summary" data-testid="placement-changes">
      {changes.map((c, i) => {
        const dashboard = t(`dashboardName.${c.dashboard}`, { defaultValue: c.dashboard });
        const line =
          c.kind === 'added'
            ? t('placementAdded', { dashboard, where: where(c.dashboard, c.order), order: c.order })
            : c.kind === 'moved'
              ? t('placementMoved', { dashboard, where: where(c.dashboard, c.to), from: c.from, to: c.to })
              : t('placementRemoved', { dashboard });
        return <li key={i} className={`diff-${c.kind === 'moved' ? 'changed' : c.kind}`}>{line}</li>;
      })}
    </ul>
  );
}
