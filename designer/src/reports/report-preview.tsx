import { isBatonApiError, type ReportResult } from '@baton/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { emptyStateOf } from '../dashboard/widget-empty-state.js';
import type { ChartType } from './new-report.js';

interface Column {
  key: string;
  label?: unknown;
  role?: string;
}

/** A plain SVG bar chart of the first measure by the first dimension: enough to see the shape of the data. */
function Bars({ result }: { result: ReportResult }) {
  const columns = (result.columns ?? []) as Column[];
  const dimension = columns.find((c) => c.role === 'dimension');
  const measure = columns.find((c) => c.role === 'measure');
  if (!dimension || !measure) return null;
  const rows = result.rows.slice(0, 30);
  const values = rows.map((r) => Number(r[measure.key] ?? 0));
  const max = Math.max(1, ...values);
  return (
    <svg className="mini-chart" viewBox={`0 0 400 ${rows.length * 22 + 10}`} role="img" aria-label={String(measure.label ?? measure.key)}>
      {rows.map((r, i) => (
        <g key={i} transform={`translate(0 ${i * 22 + 5})`}>
          <text x={0} y={14} fontSize={11}>{String(r[dimension.key] ?? '—').slice(0, 18)}</text>
          <rect x={120} y={2} height={16} width={(values[i]! / max) * 240} fill="#2f5bd3" />
          <text x={125 + (values[i]! / max) * 240} y={14} fontSize={11}>{values[i]}</text>
        </g>
      ))}
    </svg>
  );
}

const PREVIEW_ROWS = 200;

/**
 * Runs the report on the server: the draft as edited (POST /api/reports/preview, the same SQL as a published
 * run, rows limited) or the published version (POST /api/reports/:key/run). When the server has no reports
 * route, says so plainly.
 */
export function ReportPreview({ reportKey, chart, published, definition }: { reportKey: string; chart: ChartType; published: number | null; definition: Record<string, unknown> }) {
  const { t } = useTranslation('reports');
  const { t: td } = useTranslation('dashboard');
  const api = useApi();
  const [result, setResult] = useState<ReportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (draft: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setResult(draft ? await api.reports.preview({ definition: { ...definition, key: reportKey }, limit: PREVIEW_ROWS }) : await api.reports.run(reportKey, {}));
    } catch (err) {
      if (isBatonApiError(err) && err.code === 'BATON_E_ROUTE_NOT_FOUND') setUnavailable(true);
      else setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  if (unavailable) return <EmptyState title={t('previewUnavailable')}>{t('previewUnavailableBody')}</EmptyState>;
  const columns = (result?.columns ?? []) as Column[];
  // No rows, or only headcount's zero groups: said in words, as the dashboard says it.
  const empty = result ? emptyStateOf(result) : null;
  return (
    <div className="report-preview" data-testid="report-preview">
      <div className="row">
        <button type="button" className="primary" data-testid="preview-draft" disabled={busy} onClick={() => void run(true)}>{t('previewDraft')}</button>
        <span className="muted small">{t('previewDraftNote', { limit: PREVIEW_ROWS })}</span>
      </div>
      <div className="row">
        <button type="button" disabled={busy || published === null} onClick={() => void run(false)}>{t('runPublished')}</button>
        <span className="muted small">{published === null ? t('notPublished') : t('previewNote', { version: published })}</span>
      </div>
      {result?.meta.truncated ? <p className="muted small">{t('previewTruncated', { count: result.rows.length })}</p> : null}
      {error ? <ErrorPanel error={error} title={t('runFailed')} /> : null}
      {result ? (
        empty?.title === 'noLeavers' ? (
          <div data-testid="preview-empty"><EmptyState title={td(empty.title)}>{td(empty.body)}</EmptyState></div>
        ) : empty ? (
          <div data-testid="preview-empty"><EmptyState title={t('noRows')}>{t('noRowsBody')}</EmptyState></div>
        ) : (
          <>
            {['bar', 'stacked-bar', 'line', 'area', 'funnel'].includes(chart) ? <Bars result={result} /> : null}
            {chart === 'kpi' && columns[0] ? <p className="kpi">{String(result.rows[0]?.[columns.find((c) => c.role === 'measure')?.key ?? columns[0].key] ?? '—')}</p> : null}
            <table className="list">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key}>{String(c.label ?? c.key)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.slice(0, 200).map((row, i) => (
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c.key}>{String(row[c.key] ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      ) : null}
    </div>
  );
}
