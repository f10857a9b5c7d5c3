import { isBatonApiError, type DirectoryImportResult } from '@baton/client';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/errors/error-panel.js';
import { useApi } from '../../app/session/use-api.js';
import { CsvColumnsHelp } from './csv-columns-help.js';
import type { ShownProblem } from './import-problem-table.js';
import { ImportPreview } from './import-preview-panel.js';
import { prepareImport, type PreparedImport, type PrepareStage } from './prepare-import.js';
import { problemsOfIssues } from './server-issues.js';

type Step =
  | { at: 'pick' }
  | { at: 'preparing'; file: string; stage: PrepareStage; since: number }
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
    const since = Date.now();
    setStep({ at: 'preparing', file: file.name, stage: { stage: 'reading' }, since });
    try {
      const prepared = await prepareImport(api, file, (stage) => setStep({ at: 'preparing', file: file.name, stage, since }));
      setStep({ at: 'preview', prepared });
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
      {step.at === 'preparing' ? <PrepareProgress file={step.file} stage={step.stage} since={step.since} /> : null}
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
        <ImportPreview
          prepared={step.prepared}
          importing={step.at === 'importing'}
          refused={step.at === 'refused' ? { problems: step.problems, error: step.error } : null}
          onImport={(p) => void send(p)}
          onCancel={reset}
        />
      ) : null}
    </section>
  );
}

/** Shown at once as a line; after a moment (a large file) with a bar and the seconds it has taken. */
const SLOW_MS = 700;

/** What preparing a file is doing: reading it, then the server's dry run of the whole file. */
function PrepareProgress({ file, stage, since }: { file: string; stage: PrepareStage; since: number }) {
  const { t } = useTranslation('peopleDirectory');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const elapsed = now - since;
  const what = stage.stage === 'reading' ? t('preparing', { file }) : t('checkingRows', { count: stage.people, departments: stage.departments });
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <p>{what}</p>
      {elapsed >= SLOW_MS ? (
        <p className="muted small">
          <progress aria-label={what} /> {t('elapsed', { seconds: Math.floor(elapsed / 1000) })}
        </p>
      ) : null}
    </div>
  );
}
