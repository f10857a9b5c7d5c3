import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IssueList } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { JsonEditor } from '../app/ui/json-editor.js';
import type { FieldAccess } from '../workspace/task/field-access.js';
import { SimFormView, type SimRecordChoice } from './sim-form.js';
import type { SimForm } from './step-samples.js';

type Json = Record<string, unknown>;

export interface SimStartSectionProps {
  startForm: SimForm | undefined;
  access: Record<string, FieldAccess>;
  formsReady: boolean;
  data: Json;
  onChange: (data: Json) => void;
  onFillSample: () => void;
  /** Issues of a refused start, paths into the data. */
  issues: readonly DisplayIssue[];
  /** The flow refused to start (its checks, who it is for): say so, not only which fields to correct. */
  refused?: boolean;
  people: string[];
  /** What relation fields may point at: the simulation's records. */
  records: readonly SimRecordChoice[];
}

/** The start data: the flow's form rendered at the start node, sample data on a click, JSON as an advanced option. */
export function SimStartSection({ startForm, access, formsReady, data, onChange, onFillSample, issues, refused = false, people, records }: SimStartSectionProps) {
  const { t } = useTranslation('flows');
  const [asJson, setAsJson] = useState(false);
  const json = asJson || !startForm;
  return (
    <section className="sim-start" data-testid="sim-start">
      <h3>{t('simStartForm')}</h3>
      <div className="row">
        {startForm ? <button type="button" data-testid="sim-fill-sample" onClick={onFillSample}>{t('simFillSample')}</button> : null}
        {startForm ? (
          <label className="inline small">
            <input type="checkbox" data-testid="sim-json-toggle" checked={asJson} onChange={(e) => setAsJson(e.target.checked)} /> {t('simEditJson')}
          </label>
        ) : null}
      </div>
      {!startForm && !formsReady ? <p className="muted small" role="status">{t('simFormsLoading')}</p> : null}
      {!startForm && formsReady ? <p className="muted small">{t('simNoStartForm')}</p> : null}
      {issues.length > 0 ? (
        <div className="sim-step-issues" data-testid="sim-start-issues" role="alert">
          <p>{t(refused ? 'simStartRefused' : 'simFieldIssues')}</p>
          <IssueList issues={[...issues]} />
        </div>
      ) : null}
      {json ? (
        <JsonEditor name="sim-data" label={t('simData')} value={data} rows={6} onChange={(v) => onChange((v ?? {}) as Json)} />
      ) : (
        <SimFormView sim={startForm!} access={access} value={data} onChange={onChange} issues={issues} idPrefix="sim-start" people={people} records={records} />
      )}
    </section>
  );
}
