import { isBatonApiError, type Definition, type ReportResult, type ReportRunInput } from '@baton/client';
import type { EChartsType } from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useLocalized } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { chartOption, ECHART_TYPES, smallGroups, type CellValues, type ChartSpec } from './chart-options.js';
import { downloadFile } from './download-file.js';
import { DrillPanel } from './drill-panel.js';
import { EChartView } from './echart-view.js';
import { ratioParts, SMALL_GROUP, type GroupSizes } from './group-size.js';
import { dimensionText, measureText } from './report-values.js';
import { emptyStateOf } from './widget-empty-state.js';

export interface DashboardFilters {
  from?: string;
  to?: string;
  department?: string;
}

/** The report's parameters this widget can fill from the dashboard's filters (by parameter key). */
export function widgetParams(body: Record<string, unknown>, filters: DashboardFilters): Record<string, string> {
  const declared = new Set((Array.isArray(body.parameters) ? (body.parameters as Array<{ key?: unknown }>) : []).map((p) => p.key));
  const out: Record<string, string> = {};
  for (const key of ['from', 'to', 'department'] as const) if (filters[key] && declared.has(key)) out[key] = filters[key]!;
  return out;
}

type Load = { state: 'loading' } | { state: 'ready'; result: ReportResult } | { state: 'error'; error: unknown };

/** One report of the dashboard: chart (or KPI / table), CSV and PNG export, drill-down on click. */
export function DashboardWidget({ definition, filters }: { definition: Definition; filters: DashboardFilters }) {
  const { t } = useTranslation('dashboard');
  const { l, locale } = useLocalized();
  const api = useApi();
  const body = definition.body as Record<string, unknown>;
  const chart = (body.chart ?? { type: 'table' }) as ChartSpec;
  const title = l(body.title as never, definition.key);
  const params = widgetParams(body, filters);
  const input: ReportRunInput = { params };
  const inputKey = JSON.stringify(input);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [drill, setDrill] = useState<{ cell: CellValues; what: string } | null>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    setDrill(null);
    api.reports
      .run(definition.key, input)
      .then((result) => live && setLoad({ state: 'ready', result }))
      .catch((error: unknown) => live && setLoad({ state: 'error', error }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, definition.key, inputKey, attempt]);

  const text = useMemo(() => ({ none: t('none'), locale }), [t, locale]);
  const result = load.state === 'ready' ? load.result : null;
  // Rates say how many people they are out of; the definition names each ratio's parts.
  const groups: GroupSizes = useMemo(
    () => ({
      ratios: ratioParts(body),
      words: {
        of: (n, count, people) => t(people ? 'groupOfPeople' : 'groupOf', { n, count }),
        small: (people) => t(people ? 'smallGroupPeople' : 'smallGroup', { min: SMALL_GROUP }),
      },
    }),
    [body, t],
  );
  const option = useMemo(() => (result && ECHART_TYPES.has(chart.type) ? chartOption(result, chart, text, groups) : null), [result, chart, text, groups]);
  const small = option ? smallGroups(option) : null;
  const departmentIgnored = Boolean(filters.department) && !('department' in params);

  const exportCsv = async () => {
    try {
      const csv = await api.reports.csv(definition.key, input);
      downloadFile(`${definition.key}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    } catch (error) {
      setLoad({ state: 'error', error });
    }
  };
  const exportPng = () => {
    const url = chartRef.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url) downloadFile(`${definition.key}.png`, url);
  };
  const openRow = (row: Record<string, unknown>) => {
    const dims = result?.columns.filter((c) => c.role === 'dimension') ?? [];
    const cell: CellValues = Object.fromEntries(dims.map((c) => [c.key, (row[c.key] ?? null) as CellValues[string]]));
    setDrill({ cell, what: dims.map((c) => dimensionText(c, cell[c.key] ?? null, text)).join(' · ') });
  };

  const forbidden = load.state === 'error' && isBatonApiError(load.error) && load.error.status === 403;
  const empty = result ? emptyStateOf(result) : null;
  return (
    <article className="dashboard-widget" data-testid={`widget-${definition.key}`} aria-busy={load.state === 'loading'}>
      <header className="widget-head">
        <h2>{title}</h2>
        <div className="toolbar">
          <button type="button" title={t('exportCsvTitle')} disabled={!result || empty !== null} onClick={() => void exportCsv()}>{t('exportCsv')}</button>
          {option ? <button type="button" title={t('exportPngTitle')} disabled={empty !== null} onClick={exportPng}>{t('exportPng')}</button> : null}
        </div>
      </header>
      {departmentIgnored ? <p className="muted small">{t('departmentNotApplied')}</p> : null}
      {load.state === 'loading' ? <p className="muted widget-loading">{t('loading')}</p> : null}
      {load.state === 'error' ? (
        forbidden ? <EmptyState title={t('forbidden')} /> : <ErrorPanel error={load.error} title={t('widgetFailed')} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {empty ? <EmptyState title={t(empty.title)}>{t(empty.body)}</EmptyState> : null}
      {result && !empty ? (
        <>
          {chart.type === 'kpi' ? <Kpi result={result} chart={chart} text={text} /> : null}
          {option ? (
            <EChartView
              option={option}
              locale={locale}
              label={title}
              onReady={(c) => (chartRef.current = c)}
              onCell={(cell, name) => setDrill({ cell, what: name || Object.values(cell).map(String).join(' · ') })}
            />
          ) : null}
          {small && small.count > 0 ? (
            <p className="muted small small-group-note" data-testid="small-group-note" data-count={small.count}>
              {t(small.people ? 'smallGroupNotePeople' : 'smallGroupNote', { min: SMALL_GROUP })}
            </p>
          ) : null}
          <details className="widget-table" open={!option && chart.type !== 'kpi'}>
            <summary>{t('dataTable')}</summary>
            <ResultTable result={result} text={text} onRow={openRow} rowLabel={t('drillRow')} />
          </details>
        </>
      ) : null}
      {drill ? <DrillPanel reportKey={definition.key} input={input} cell={drill.cell} what={drill.what} onClose={() => setDrill(null)} /> : null}
    </article>
  );
}

function Kpi({ result, chart, text }: { result: ReportResult; chart: ChartSpec; text: { none: string; locale: 'en' | 'zh-CN' } }) {
  const row = result.rows[0] ?? {};
  const x = result.columns.find((c) => c.key === chart.x) ?? result.columns.find((c) => c.role === 'dimension');
  const y = result.columns.find((c) => c.key === chart.y?.[0]) ?? result.columns.find((c) => c.role === 'measure');
  return (
    <p className="kpi" data-testid="kpi">
      {x ? <span className="kpi-label">{dimensionText(x, row[x.key] ?? null, text)}</span> : null}
      {y ? <span className="kpi-value">{measureText(y, row[y.key] ?? null, text)}</span> : null}
      {y ? <span className="muted small"> {y.label}</span> : null}
    </p>
  );
}

function ResultTable({ result, text, onRow, rowLabel }: { result: ReportResult; text: { none: string; locale: 'en' | 'zh-CN' }; onRow: (row: Record<string, unknown>) => void; rowLabel: string }) {
  return (
    <table className="list">
      <thead>
        <tr>
          {result.columns.map((c) => (
            <th key={c.key} className={c.role === 'measure' ? 'num' : undefined}>{c.label}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {result.rows.slice(0, 200).map((row, i) => (
          <tr key={i}>
            {result.columns.map((c) => (
              <td key={c.key} className={c.role === 'measure' ? 'num' : undefined} data-column={c.key}>
                {c.role === 'measure' ? measureText(c, row[c.key] ?? null, text) : dimensionText(c, row[c.key] ?? null, text)}
              </td>
            ))}
            <td>
              <button type="button" className="link" title={rowLabel} aria-label={rowLabel} onClick={() => onRow(row)}>⋯</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
