import { isBatonApiError } from '@baton/client';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { ImportProblemTable, type ShownProblem } from './import-problem-table.js';
import type { ShownChange } from './import-preview.js';
import type { PreparedImport } from './prepare-import.js';

/** The file's preview: what the server's dry run says would change, the problems, and the import button. */
export function ImportPreview({ prepared, importing, refused, onImport, onCancel }: {
  prepared: PreparedImport;
  importing: boolean;
  /** The import itself was refused (the directory changed since the preview): the server's problems. */
  refused: { problems: ShownProblem[]; error: unknown } | null;
  onImport: (p: PreparedImport) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('peopleDirectory');
  const people = prepared.body.users?.length ?? 0;
  const entries = people + (prepared.body.departments?.length ?? 0);
  const blocked = prepared.problems.length > 0;
  const counts = prepared.counts;
  const line = (key: 'previewPeople' | 'previewDepartments', c: { inserted: number; updated: number; unchanged: number }) =>
    c.unchanged > 0 ? t(`${key}Unchanged`, c) : t(key, c);
  return (
    <div className="import-preview" data-testid="import-preview">
      <h3>{t('previewTitle', { file: prepared.fileName })}</h3>
      {counts ? (
        <ul className="counts">
          <li data-testid="preview-people">{line('previewPeople', counts.users)}</li>
          <li data-testid="preview-departments">{line('previewDepartments', counts.departments)}</li>
        </ul>
      ) : null}
      {prepared.ignored.length > 0 ? <p className="muted small">{t('ignoredColumns', { columns: prepared.ignored.join(', ') })}</p> : null}
      {prepared.changes.length > 0 ? <ChangeList changes={prepared.changes} truncated={prepared.changesTruncated} csv={prepared.source.kind === 'csv'} /> : null}
      {blocked ? <ImportProblemTable problems={prepared.problems} title={t('problemsTitle', { count: prepared.problems.length })} testId="import-problems" /> : null}
      {refused ? (
        <>
          <ImportProblemTable problems={refused.problems} title={t('serverProblemsTitle')} testId="import-server-problems" />
          <details>
            <summary className="small muted">{isBatonApiError(refused.error) ? refused.error.code : ''}</summary>
            <ErrorPanel error={refused.error} />
          </details>
        </>
      ) : null}
      {blocked ? <p className="muted">{t('importBlocked')}</p> : entries === 0 ? <p className="muted">{t('nothingToImport')}</p> : null}
      <div className="row">
        <button type="button" className="primary" data-testid="import-confirm" disabled={blocked || entries === 0 || importing || refused !== null} onClick={() => onImport(prepared)}>
          {importing ? t('importing') : t('importButton', { count: people })}
        </button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </div>
  );
}

/** Who is added and what changes for whom, by file line (CSV) or entry (JSON); folded, it can be long. */
function ChangeList({ changes, truncated, csv }: { changes: ShownChange[]; truncated: boolean; csv: boolean }) {
  const { t } = useTranslation('peopleDirectory');
  return (
    <details className="import-changes" data-testid="preview-changes">
      <summary>{t('changesTitle', { count: changes.length })}</summary>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{csv ? t('colLine') : t('colEntry')}</th>
              <th scope="col">{t('colId')}</th>
              <th scope="col">{t('colChange')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c, i) => (
              <tr key={i} data-line={c.line ?? undefined} data-action={c.action}>
                <td>{c.line ?? (c.entry ? t('entry', { list: t(c.entry.list === 'users' ? 'listUsers' : 'listDepartments'), n: c.entry.index + 1 }) : '')}</td>
                <td><code>{c.id}</code></td>
                <td>{c.action === 'insert' ? t('changeNew') : t('changeUpdated', { columns: c.columns.join(', ') })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {truncated ? <p className="muted small">{t('changesTruncated', { count: changes.length })}</p> : null}
    </details>
  );
}
