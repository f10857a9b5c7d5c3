import { isBatonApiError, type DirectoryImportResult } from '@baton/client';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useApi } from '../../app/session/use-api.js';
import { CsvColumnsHelp } from './csv-columns-help.js';
import { ImportProblemTable, type ShownProblem } from './import-problem-table.js';
import { prepareImport, type PreparedImport } from './prepare-import.js';
import { problemsOfIssues } from './server-issues.js';

type Step =
  | { at: 'pick' }
  | { at: 'preparing'; file: string }
  | { at: 'preview'; prepared: PreparedImport }
  | { at: 'importing'; prepared: PreparedImport }
  | { at: 'refused'; prepared: PreparedImport; problems: ShownProblem[]; error: unknown }
  | { at: 'done'; result: DirectoryImportResult }
  | { at: 'failed'; error: unknown };

/** Pick a CSV or JSON file, see what would change and what is wrong, then import it in one transaction. */
export function DirectoryImport({ onImported, onClose }: { onImported: () => void; onClose: () => void }) {
  const { t } = useTranslation('peopleDirectory');
  const api = useApi();
  const inputId = useId();
  const [step, setStep] = useState<Step>({ at: 'pick' });
  // A new input each time, so picking the same (fixed) file again reads it again.
  const [inputKey, setInputKey] = useState(0);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setStep({ at: 'preparing', file: file.name });
    try {
      setStep({ at: 'preview', prepared: await prepareImport(api, file) });
    } catch (error) {
      setStep({ at: 'failed', error });
    }
  };

  const send = async (prepared: PreparedImport) => {
    setStep({ at: 'importing', prepared });
    try {
      const result = await api.directory.import(prepared.body);
      setStep({ at: 'done', result });
      setInputKey((k) => k + 1);
      onImported();
    } catch (error) {
      if (isBatonApiError(error) && error.status >= 400 && error.status < 500 && error.issues.length > 0) {
        setStep({ at: 'refused', prepared, problems: problemsOfIssues(error.issues, prepared.source), error });
      } else setStep({ at: 'failed', error });
    }
  };

  const reset = () => {
    setStep({ at: 'pick' });
    setInputKey((k) => k + 1);
  };

  return (
    <section className="directory-import" aria-labelledby={`${inputId}-title`} data-testid="directory-import">
      <div className="directory-import-head">
        <h2 id={`${inputId}-title`}>{t('importTitle')}</h2>
        <button type="button" aria-label={t('close')} onClick={onClose}>×</button>
      </div>
      <p>{t('importIntro')}</p>
      <CsvColumnsHelp />
      <p>
        <label htmlFor={inputId}>{t('pickFile')}</label>{' '}
        <input
          key={inputKey}
          id={inputId}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          data-testid="import-file"
          disabled={step.at === 'preparing' || step.at === 'importing'}
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </p>
      {step.at === 'preparing' ? <p role="status">{t('preparing', { file: step.file })}</p> : null}
      {step.at === 'failed' ? <ErrorPanel error={step.error} onRetry={reset} /> : null}
      {step.at === 'done' ? (
        <div className="import-done" role="status" data-testid="import-done">
          <strong>{t('importedTitle')}</strong>
          <p>
            {t('importedBody', {
              usersInserted: step.result.users.inserted,
              usersUpdated: step.result.users.updated,
              deptInserted: step.result.departments.inserted,
              deptUpdated: step.result.departments.updated,
            })}
          </p>
        </div>
      ) : null}
      {step.at === 'preview' || step.at === 'importing' || step.at === 'refused' ? (
        <ImportPreview step={step} onImport={(p) => void send(p)} onCancel={reset} />
      ) : null}
    </section>
  );
}

function ImportPreview({ step, onImport, onCancel }: { step: Extract<Step, { prepared: PreparedImport }>; onImport: (p: PreparedImport) => void; onCancel: () => void }) {
  const { t } = useTranslation('peopleDirectory');
  const { prepared } = step;
  const people = prepared.body.users?.length ?? 0;
  const entries = people + (prepared.body.departments?.length ?? 0);
  const blocked = prepared.problems.length > 0;
  return (
    <div className="import-preview" data-testid="import-preview">
      <h3>{t('previewTitle', { file: prepared.fileName })}</h3>
      <ul className="counts">
        <li data-testid="preview-people">{t('previewPeople', prepared.counts.users)}</li>
        <li data-testid="preview-departments">{t('previewDepartments', prepared.counts.departments)}</li>
      </ul>
      {prepared.ignored.length > 0 ? <p className="muted small">{t('ignoredColumns', { columns: prepared.ignored.join(', ') })}</p> : null}
      {blocked ? <ImportProblemTable problems={prepared.problems} title={t('problemsTitle', { count: prepared.problems.length })} testId="import-problems" /> : null}
      {step.at === 'refused' ? (
        <>
          <ImportProblemTable problems={step.problems} title={t('serverProblemsTitle')} testId="import-server-problems" />
          <details>
            <summary className="small muted">{isBatonApiError(step.error) ? step.error.code : ''}</summary>
            <ErrorPanel error={step.error} />
          </details>
        </>
      ) : null}
      {blocked ? <p className="muted">{t('importBlocked')}</p> : entries === 0 ? <p className="muted">{t('nothingToImport')}</p> : null}
      <div className="row">
        <button type="button" className="primary" data-testid="import-confirm" disabled={blocked || entries === 0 || step.at !== 'preview'} onClick={() => onImport(prepared)}>
          {step.at === 'importing' ? t('importing') : t('importButton', { count: people })}
        </button>
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </div>
  );
}
