import type { ReportDrillResult, ReportRunInput } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../app/errors/error-panel.js';
import { useApi } from '../app/session/use-api.js';
import type { CellValues } from './chart-options.js';

const LIMIT = 100;

/**
 * The rows behind one bar, point or slice (POST /api/reports/:key/drill): the offboardings, tasks or
 * people it counted, each offboarding linked to its timeline.
 */
export function DrillPanel({ reportKey, input, cell, what, onClose }: { reportKey: string; input: ReportRunInput; cell: CellValues; what: string; onClose: () => void }) {
  const { t } = useTranslation('dashboard');
  const api = useApi();
  const [result, setResult] = useState<ReportDrillResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cellKey = JSON.stringify(cell);
  const inputKey = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    setResult(null);
    setError(null);
    api.reports
      .drill(reportKey, { ...input, dimensionValues: cell, limit: LIMIT })
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, reportKey, cellKey, inputKey]);

  return (
    <section className="drill-panel" aria-label={t('drillTitle', { what })} data-testid="drill-panel">
      <header className="row">
        <strong>{t('drillTitle', { what })}</strong>
        <button type="button" onClick={onClose}>{t('close')}</button>
      </header>
      {error ? <ErrorPanel error={error} /> : null}
      {!result && !error ? <p className="muted" aria-busy="true">{t('loading')}</p> : null}
      {result && result.rows.length === 0 ? <p className="muted">{t('drillEmpty')}</p> : null}
      {result && result.rows.length > 0 ? (
        <>
          <table className="list">
            <thead>
              <tr>
                <th>{t('instance')}</th>
                {result.columns.map((c) => (
                  <th key={c.key}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, i) => {
                const instanceId = typeof row.instanceId === 'string' ? row.instanceId : null;
                return (
                  <tr key={`${String(row.id)}-${i}`}>
                    <td>{instanceId ? <Link to={`/instances/${encodeURIComponent(instanceId)}`}>{t('openInstance')}</Link> : '—'}</td>
                    {result.columns.map((c) => (
                      <td key={c.key}>{row[c.key] === null || row[c.key] === undefined ? '' : String(row[c.key])}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.meta.hasMore ? <p className="muted small">{t('drillMore', { count: LIMIT })}</p> : null}
          {result.meta.scope === 'visible' ? <p className="muted small">{t('drillScope')}</p> : null}
        </>
      ) : null}
    </section>
  );
}
