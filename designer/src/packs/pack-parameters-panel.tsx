import type { PackParameter, PackParameters } from '@baton/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/errors/error-panel.js';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { useLocalized } from '../app/i18n/localized.js';
import { useApi } from '../app/session/use-api.js';
import { EmptyState } from '../app/ui/empty-state.js';
import { changedValues, draftsOf, DURATION_UNITS, issuesByParameter, type Draft, type DraftValue } from './pack-parameter-form.js';

interface InputProps {
  p: PackParameter;
  id: string;
  value: DraftValue;
  readOnly: boolean;
  invalid: boolean;
  onChange: (value: DraftValue) => void;
}

/** The input a parameter's type calls for. */
function ParameterInput({ p, id, value, readOnly, invalid, onChange }: InputProps) {
  const { t } = useTranslation('packs');
  const { l } = useLocalized();
  const common = { id, name: p.key, disabled: readOnly, 'aria-invalid': invalid || undefined, 'data-testid': `parameter-input-${p.key}` };
  if (p.type === 'boolean') {
    return <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  }
  if (p.type === 'select') {
    return (
      <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('parameterDefaultOption')}</option>
        {(p.options ?? []).map((o, i) => (
          <option key={String(o.value)} value={String(i)}>{l(o.label, String(o.value))}</option>
        ))}
      </select>
    );
  }
  if (p.type === 'duration' && typeof value === 'object') {
    return (
      <span className="row">
        <input type="number" {...common} min={0} value={value.amount} onChange={(e) => onChange({ ...value, amount: e.target.value })} />
        <select aria-label={t('parameterUnitLabel')} disabled={readOnly} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value })}>
          {DURATION_UNITS.map((u) => <option key={u} value={u}>{t(`unit.${u}`)}</option>)}
        </select>
      </span>
    );
  }
  const numeric = p.type === 'integer' || p.type === 'number';
  const type = numeric ? 'number' : p.type === 'date' ? 'date' : p.type === 'time' ? 'time' : 'text';
  return (
    <input
      type={type}
      {...common}
      {...(numeric && p.minimum !== undefined ? { min: p.minimum } : {})}
      {...(numeric && p.maximum !== undefined ? { max: p.maximum } : {})}
      {...(p.type === 'integer' ? { step: 1 } : {})}
      value={String(value)}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function shown(value: unknown, p: PackParameter, l: (text: never, fallback?: string) => string): string {
  if (value === null || value === undefined) return '—';
  const option = p.options?.find((o) => o.value === value);
  if (option) return l(option.label as never, String(value));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A pack's parameters on this installation, as the pack declares them: each with its label, help, unit,
 * range and default. Admins edit and save them (only the changed values are sent; an empty field goes back
 * to the default); the server's issues show at their fields with code and path. Others read them.
 */
export function PackParametersPanel({ packKey, canEdit }: { packKey: string; canEdit: boolean }) {
  const { t } = useTranslation('packs');
  const { l } = useLocalized();
  const api = useApi();
  const [state, setState] = useState<PackParameters | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ replanned: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (answer: PackParameters) => {
    setState(answer);
    setDraft(draftsOf(answer.parameters));
  };
  useEffect(() => {
    let live = true;
    setState(null);
    setLoadError(null);
    api.packs.parameters(packKey).then((a) => live && show(a), (e: unknown) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [api, packKey]);

  if (loadError) return <ErrorPanel error={loadError} />;
  if (!state) return <p className="muted" role="status">{t('loading')}</p>;
  if (state.parameters.length === 0) return <EmptyState title={t('parametersEmpty')}>{t('parametersEmptyBody')}</EmptyState>;

  const changes = changedValues(state.parameters, draft);
  const dirty = Object.keys(changes).length > 0;
  const issues = issuesByParameter(saveError);

  const save = async () => {
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const answer = await api.packs.setParameters(packKey, changes);
      show(answer);
      setSaved({ replanned: answer.replannedTimers ?? 0 });
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack pack-parameters"
      data-testid={`pack-parameters-${packKey}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (canEdit && dirty && !busy) void save();
      }}
    >
      {!canEdit ? <p className="notice" role="note" data-testid="parameters-read-only">{t('parametersReadOnly')}</p> : null}
      {state.parameters.map((p) => {
        const id = `parameter-${packKey}-${p.key}`;
        const fieldIssues: DisplayIssue[] = issues.byKey.get(p.key) ?? [];
        const range = [p.minimum !== undefined ? `≥ ${p.minimum}` : '', p.maximum !== undefined ? `≤ ${p.maximum}` : ''].filter(Boolean).join(', ');
        return (
          <div key={p.key} className="parameter-field" data-testid={`parameter-${p.key}`}>
            <label htmlFor={id}>
              {l(p.label as never, p.key)} {p.unit ? <span className="muted small">({t(`unit.${p.unit}`)})</span> : null}
            </label>
            <ParameterInput p={p} id={id} value={draft[p.key] ?? ''} readOnly={!canEdit || busy} invalid={fieldIssues.length > 0} onChange={(v) => setDraft({ ...draft, [p.key]: v })} />
            {p.description ? <p className="muted small">{l(p.description as never)}</p> : null}
            <p className="muted small" data-testid={`parameter-facts-${p.key}`}>
              {t('parameterDefault', { value: shown(p.default, p, l) })}
              {range ? ` · ${range}` : ''}
              {' · '}
              {p.overridden ? t('parameterOverridden') : t('parameterUsesDefault')}
            </p>
            {p.ignoredValue !== undefined ? <p className="notice small">{t('parameterIgnored', { value: shown(p.ignoredValue, p, l) })}</p> : null}
            {fieldIssues.map((issue, i) => (
              <p key={i} className="field-error" role="alert" data-testid={`parameter-error-${p.key}`} data-error-code={issue.code}>
                {issue.message} <code className="issue-code">{issue.code}</code> <code className="issue-path">{issue.path}</code>
              </p>
            ))}
          </div>
        );
      })}
      {canEdit ? (
        <div className="row">
          <button type="submit" className="primary" data-testid="parameters-save" disabled={!dirty || busy}>{busy ? t('parametersSaving') : t('parametersSave')}</button>
          {dirty ? <span className="muted small">{t('parametersUnsaved', { count: Object.keys(changes).length })}</span> : null}
          {saved && !dirty ? (
            <span className="success" role="status" data-testid="parameters-saved">{t('parametersSaved', { count: saved.replanned })}</span>
          ) : null}
        </div>
      ) : null}
      {saveError && issues.rest ? <ErrorPanel error={saveError} title={t('parametersSaveFailed')} /> : null}
      {saveError && !issues.rest ? <p className="field-error" role="alert" data-testid="parameters-save-failed">{t('parametersFixFields')}</p> : null}
    </form>
  );
}
