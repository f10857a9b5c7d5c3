import type { Definition } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { DEFAULT_DASHBOARD, dashboardKeys, dashboardReports, dashboardSlot, indexOf, orderAt, withDashboardSlot, type Placed } from '../dashboard/dashboard-tags.js';
import { CHART_TYPES, type ChartType } from './new-report.js';

/**
 * "Show on dashboard": which dashboard and where among its reports (by their titles), written into the
 * definition's `dashboard:<key>:<order>` tag. The other reports are the published ones; this report's
 * place takes effect when it is published.
 */
export function DashboardPlacement({ reportKey, title, tags, chart, published, onTags, onChart }: {
  reportKey: string;
  title: string;
  tags: readonly string[] | undefined;
  chart: ChartType | undefined;
  published: readonly Definition[];
  onTags: (tags: string[] | undefined) => void;
  onChart: (type: ChartType) => void;
}) {
  const { t } = useTranslation('reports');
  const { l } = useLocalized();
  const keys = dashboardKeys(published.map((d) => d.body.tags));
  const current = keys.find((k) => dashboardSlot(tags, k) !== undefined);
  const [picked, setPicked] = useState(DEFAULT_DASHBOARD);
  const dashboard = current ?? picked;
  const slot = dashboardSlot(tags, dashboard);
  const others = dashboardReports(published.filter((d) => d.key !== reportKey), dashboard);
  const placed: Placed[] = others.map((d) => ({ key: d.key, order: dashboardSlot(d.body.tags, dashboard)!.order }));
  const titleOf = (d: Definition) => l(d.body.title as never, d.key);
  const index = slot ? indexOf(placed, slot.order, reportKey) : placed.length;
  const place = (order: number | null, on = dashboard) => onTags(withDashboardSlot(tags, on, order === null ? null : { order }));
  const nameOf = (k: string) => t(`dashboardName.${k}`, { defaultValue: k });

  return (
    <fieldset className="rule-part" data-testid="dashboard-placement">
      <legend>{t('placement')}</legend>
      <label className="inline">
        <input type="checkbox" name="show-on-dashboard" checked={slot !== undefined} onChange={(e) => place(e.target.checked ? orderAt(placed, placed.length) : null)} />
        {t('showOnDashboard')}
      </label>
      {slot ? (
        <>
          <div className="row">
            {keys.length > 1 ? (
              <label>
                {t('dashboard')}
                <select
                  name="dashboard-key"
                  value={dashboard}
                  onChange={(e) => {
                    const next = e.target.value;
                    setPicked(next);
                    const cleared = withDashboardSlot(tags, dashboard, null);
                    const there = dashboardReports(published.filter((d) => d.key !== reportKey), next).map((d) => ({ key: d.key, order: dashboardSlot(d.body.tags, next)!.order }));
                    onTags(withDashboardSlot(cleared, next, { order: orderAt(there, there.length) }));
                  }}
                >
                  {keys.map((k) => (
                    <option key={k} value={k}>{nameOf(k)}</option>
                  ))}
                </select>
              </label>
            ) : (
              <p className="muted">{t('onDashboard', { dashboard: nameOf(dashboard) })}</p>
            )}
            <label>
              {t('position')}
              <select name="dashboard-position" value={index} onChange={(e) => place(orderAt(placed, Number(e.target.value)))}>
                <option value={0}>{t('positionFirst')}</option>
                {others.map((d, i) => (
                  <option key={d.key} value={i + 1}>{t('positionAfter', { title: titleOf(d) })}</option>
                ))}
              </select>
            </label>
            <label>
              {t('order')}
              <input type="number" name="dashboard-order" min={0} max={999999} value={slot.order} onChange={(e) => e.target.value !== '' && place(Number(e.target.value))} />
            </label>
            {chart ? (
              <label>
                {t('chartType')}
                <select name="dashboard-chart-type" value={chart} onChange={(e) => onChart(e.target.value as ChartType)}>
                  {CHART_TYPES.map((c) => (
                    <option key={c} value={c}>{t(`chartName.${c}`)}</option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <p className="muted small">{t('orderNote')}</p>
          <ol className="dashboard-order" data-testid="dashboard-order">
            {[...others.slice(0, index).map(titleOf), null, ...others.slice(index).map(titleOf)].map((name, i) =>
              name === null ? (
                <li key={i} aria-current="true"><strong>{t('thisReport', { title })}</strong></li>
              ) : (
                <li key={i}>{name}</li>
              ),
            )}
          </ol>
        </>
      ) : (
        <p className="muted small">{t('notOnDashboard')}</p>
      )}
    </fieldset>
  );
}
