import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { SimFormView, type SimRecordChoice } from './sim-form.js';
import type { RecordsRead } from './sim-record-lookup.js';
import { recordLabel, type SimRecord } from './sim-records.js';
import type { SimForms } from './step-samples.js';
import type { SimCollection } from './use-sim-collections.js';

type Json = Record<string, unknown>;

export interface SimRecordsSectionProps {
  collections: readonly SimCollection[];
  /** The collections' forms as the engine draws them (for the sample records' own forms). */
  forms: SimForms;
  samples: readonly SimRecord[];
  onChange: (samples: SimRecord[]) => void;
  /** A new sample record of that collection, or undefined while its form is not drawn yet. */
  makeSample: (formKey: string) => SimRecord | undefined;
  choices: readonly SimRecordChoice[];
  people: string[];
}

/** Why a collection lists none of the workspace's records, or how many it has. */
function WorkspaceNote({ collection }: { collection: SimCollection }) {
  const { t } = useTranslation('flows');
  const text =
    collection.status === 'loading' ? t('simRecordsLoading')
    : collection.status === 'forbidden' ? t('simRecordsForbidden')
    : collection.status === 'failed' ? t('simRecordsFailed')
    : collection.records.length === 0 ? t('simRecordsNoneInWorkspace')
    : t('simRecordsFromWorkspace', { count: collection.records.length });
  if (collection.status !== 'ready' || collection.records.length === 0) return <p className="muted small" role="status">{text}</p>;
  return (
    <details className="small">
      <summary>{text}</summary>
      <ul className="sim-workspace-records">
        {collection.records.map((r) => (
          <li key={r.id}>{recordLabel(r, collection.form)} <code className="muted">{r.id}</code></li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The records the run may read through relation fields, per collection form (the assets a leaver returns):
 * sample records the analyst adds, edits and removes with the collection's own form, and the workspace's.
 */
export function SimRecordsSection({ collections, forms, samples, onChange, makeSample, choices, people }: SimRecordsSectionProps) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  if (collections.length === 0) return null;
  const setData = (id: string, data: Json) => onChange(samples.map((r) => (r.id === id ? { ...r, data } : r)));
  return (
    <details className="sim-records" data-testid="sim-records">
      <summary>{t('simRecords')} ({samples.length + collections.reduce((n, c) => n + c.records.length, 0)})</summary>
      <p className="muted small">{t('simRecordsHelp')}</p>
      {collections.map((c) => {
        const title = l(c.form?.title as never, c.key);
        const sim = forms.get(c.key);
        const own = samples.filter((r) => r.formKey === c.key);
        return (
          <section key={c.key} className="sim-collection" data-testid={`sim-records-${c.key}`} aria-label={title}>
            <h4>{title}</h4>
            {own.length === 0 ? <p className="muted small">{t('simRecordsNoSamples')}</p> : null}
            <ul className="sim-sample-records">
              {own.map((r) => {
                const label = recordLabel(r, c.form);
                return (
                  <li key={r.id} className="sim-sample-record" data-testid={`sim-record-${r.id}`}>
                    <div className="row">
                      <strong>{label}</strong> <span className="muted small">{t('simRecordSample')}</span>
                      <button
                        type="button"
                        className="icon-button sim-record-remove"
                        data-testid={`sim-record-remove-${r.id}`}
                        aria-label={t('simRecordRemove', { record: label })}
                        title={t('simRecordRemove', { record: label })}
                        onClick={() => onChange(samples.filter((s) => s.id !== r.id))}
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </div>
                    {sim ? <SimFormView sim={sim} value={r.data} onChange={(data) => setData(r.id, data)} issues={[]} idPrefix={`sim-record-${r.id}`} people={people} records={choices} /> : null}
                  </li>
                );
              })}
            </ul>
            <button
              type="button"
              data-testid={`sim-record-add-${c.key}`}
              disabled={!sim}
              aria-label={t('simRecordAddTo', { form: title })}
              onClick={() => {
                const next = makeSample(c.key);
                if (next) onChange([...samples, next]);
              }}
            >
              <span aria-hidden="true">+</span> {t('simRecordAdd')}
            </button>
            <WorkspaceNote collection={c} />
          </section>
        );
      })}
    </details>
  );
}

/** After a run: the records its texts read (with where each came from), and ids it asked for that none has. */
export function SimRecordsRead({ read, records, collections }: { read: RecordsRead | undefined; records: readonly SimRecord[]; collections: readonly SimCollection[] }) {
  const { t } = useTranslation('flows');
  const { l } = useLocalized();
  if (!read) return null;
  const formOf = (key: string) => collections.find((c) => c.key === key)?.form;
  const found = read.found.map((id) => records.find((r) => r.id === id)).filter((r): r is SimRecord => r !== undefined);
  return (
    <div className="sim-records-read" data-testid="sim-records-read">
      <h3>{t('simRecordsRead')}</h3>
      {found.length === 0 && read.missing.length === 0 ? <p className="muted small">{t('simRecordsReadNone')}</p> : null}
      <ul>
        {found.map((r) => (
          <li key={r.id} data-testid={`sim-record-read-${r.id}`}>
            {l(formOf(r.formKey)?.title as never, r.formKey)}: <strong>{recordLabel(r, formOf(r.formKey))}</strong>{' '}
            <span className="muted small">({r.source === 'sample' ? t('simRecordSample') : t('simRecordWorkspace')})</span>
          </li>
        ))}
        {read.missing.map((id) => (
          <li key={id} className="sim-record-missing" data-testid={`sim-record-missing-${id}`}>
            {t('simRecordMissing', { id })}
          </li>
        ))}
      </ul>
    </div>
  );
}
