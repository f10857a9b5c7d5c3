import { useTranslation } from 'react-i18next';
import { PersonCombobox } from '../people/person-combobox.js';

/** Actions that hand the task to one person; the add-signer ones take several. */
const ONE_PERSON = new Set(['delegate', 'transfer']);

export interface ActionPeopleProps {
  action: string;
  /** The chosen people's directory ids, in the order chosen. */
  value: string[];
  onChange(value: string[]): void;
}

/**
 * Who a delegation, transfer or added signature goes to, found in the directory by name (the person
 * picker), never typed as an id. Adding signers offers one more empty picker after the chosen ones;
 * clearing a picker removes that person.
 */
export function ActionPeople({ action, value, onChange }: ActionPeopleProps) {
  const { t } = useTranslation('workspace');
  if (ONE_PERSON.has(action)) {
    return (
      <label htmlFor="action-person-0">
        {t(action === 'delegate' ? 'pickDelegate' : 'pickTransfer')}
        <PersonCombobox id="action-person-0" value={value[0]} required autoFocus onChange={(id) => onChange(id ? [id] : [])} />
      </label>
    );
  }
  const rows = [...value, undefined];
  return (
    <fieldset className="action-people">
      <legend>{t('pickSigners')}</legend>
      {rows.map((id, i) => (
        // The trailing empty picker keeps its key as people are added, so the focus stays in it.
        <div key={id === undefined ? 'next' : `${i}-${id}`}>
          {/* The legend names the list; only the trailing picker says what it is for. */}
          <label className={id === undefined && i > 0 ? 'muted small' : 'sr-only'} htmlFor={`action-person-${i}`}>
            {id === undefined && i > 0 ? t('pickSignerAnother') : `${t('pickSigners')} ${i + 1}`}
          </label>
          <PersonCombobox
            id={`action-person-${i}`}
            value={id}
            autoFocus={i === 0}
            onChange={(next) => {
              if (id === undefined) {
                if (next && !value.includes(next)) onChange([...value, next]);
              } else {
                onChange(next ? value.map((v, j) => (j === i ? next : v)) : value.filter((_, j) => j !== i));
              }
            }}
          />
        </div>
      ))}
    </fieldset>
  );
}
