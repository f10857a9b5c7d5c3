import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import type { SourceChoice } from './use-report-choices.js';

/**
 * The form or flow a report reads, by title (key beside it). A draft-only one is marked: the report can be
 * designed against it, but the server runs published definitions, so the preview and the dashboard need it
 * published. A stored key the server does not have stays selected, marked as not found.
 */
export function SourceSelect({ name, label, kind, value, choices, emptyText, onChange }: {
  name: string;
  label: string;
  kind: 'form' | 'flow';
  value: string;
  choices: readonly SourceChoice[];
  emptyText: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation('reports');
  const { l } = useLocalized();
  const picked = choices.find((c) => c.key === value);
  const missing = value !== '' && choices.length > 0 && !picked;
  return (
    <label>
      {label}
      <select name={name} value={value} aria-invalid={missing} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyText}</option>
        {missing ? <option value={value}>{t('sourceMissing', { key: value })}</option> : null}
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {`${l(c.title as never, c.key)} (${c.key})${c.draftOnly ? ` · ${t('draftOnly')}` : ''}`}
          </option>
        ))}
      </select>
      {picked?.draftOnly ? <span className="muted small" data-testid={`${name}-draft-only`}>{t(kind === 'form' ? 'draftOnlyFormNote' : 'draftOnlyFlowNote')}</span> : null}
      {missing ? <span className="field-error small">{t('sourceMissing', { key: value })}</span> : null}
    </label>
  );
}
