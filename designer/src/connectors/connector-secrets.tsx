import { useTranslation } from 'react-i18next';
import { useLocalized, type Localizable } from '../app/i18n/localized.js';
import type { ConnectorTypeInfo } from './connectors-api.js';

export interface SecretEdits {
  /** New values typed by the admin, by name; never prefilled with a saved value (the API does not return one). */
  replacements: Record<string, string>;
  removals: string[];
  /** anySecrets types: the name of one more secret to add. */
  extraName: string;
}

export const NO_SECRET_EDITS: SecretEdits = { replacements: {}, removals: [], extraName: '' };

interface Props {
  idPrefix: string;
  type: ConnectorTypeInfo | undefined;
  /** Names of the saved secrets (their values are masked by the API). */
  saved: Record<string, string>;
  missing: readonly string[];
  edits: SecretEdits;
  onChange: (edits: SecretEdits) => void;
  errors: Record<string, string[]>;
  disabled: boolean;
}

/**
 * The type's secrets: whether each is set (masked, as the API shows it), a "replace" input that starts
 * empty, and removal of an optional one. Values typed here are sent once and never shown again.
 */
export function ConnectorSecrets({ idPrefix, type, saved, missing, edits, onChange, errors, disabled }: Props) {
  const { t } = useTranslation('connectors');
  const { l } = useLocalized();
  const declared = type?.secrets ?? [];
  const names = [...declared.map((s) => s.name), ...Object.keys(saved).filter((n) => !declared.some((s) => s.name === n))];
  const setValue = (name: string, value: string) => onChange({ ...edits, replacements: { ...edits.replacements, [name]: value } });
  // The value typed for the extra secret follows its name while the name is edited.
  const renameExtra = (next: string) => {
    const old = edits.extraName.trim();
    const replacements = { ...edits.replacements };
    if (old !== '' && !names.includes(old) && old in replacements) {
      const value = replacements[old]!;
      delete replacements[old];
      if (next.trim() !== '') replacements[next.trim()] = value;
    }
    onChange({ ...edits, extraName: next, replacements });
  };
  const toggleRemoval = (name: string, on: boolean) =>
    onChange({ ...edits, removals: on ? [...edits.removals, name] : edits.removals.filter((n) => n !== name) });

  return (
    <fieldset className="connector-secrets" data-testid="connector-secrets">
      <legend>{t('secretsTitle')}</legend>
      <p className="muted small">{t('secretsIntro')}</p>
      {names.map((name) => {
        const info = declared.find((s) => s.name === name);
        const isSet = name in saved;
        const id = `${idPrefix}-secret-${name}`;
        const state = isSet ? t('secretSet', { mask: saved[name] }) : missing.includes(name) || info?.required ? t('secretMissing') : t('secretNotSet');
        return (
          <div className="stack" key={name} data-testid={`secret-${name}`}>
            <label htmlFor={id}>
              <code>{name}</code> <span className={isSet ? 'badge badge-published' : 'badge badge-draft'} data-testid={`secret-state-${name}`}>{state}</span>
            </label>
            {info ? <span className="muted small">{l(info.description as Localizable)}</span> : null}
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-label={isSet ? t('secretReplace', { name }) : t('secretNew', { name })}
              placeholder={isSet ? t('secretReplace', { name }) : t('secretNew', { name })}
              value={edits.replacements[name] ?? ''}
              disabled={disabled || edits.removals.includes(name)}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${id}-error` : undefined}
              onChange={(e) => setValue(name, e.target.value)}
            />
            {isSet && !info?.required ? (
              <label className="inline small">
                <input type="checkbox" checked={edits.removals.includes(name)} disabled={disabled} onChange={(e) => toggleRemoval(name, e.target.checked)} /> {t('secretRemove', { name })}
              </label>
            ) : null}
            {errors[name] ? <span id={`${id}-error`} className="field-error" role="alert" data-testid={`secret-error-${name}`}>{errors[name].join(' ')}</span> : null}
          </div>
        );
      })}
      {type?.anySecrets ? (
        <div className="row">
          <label>
            {t('secretExtraName')}
            <input value={edits.extraName} disabled={disabled} pattern="[A-Za-z_][A-Za-z0-9_]*" onChange={(e) => renameExtra(e.target.value)} />
          </label>
          <label>
            {t('secretExtraValue')}
            <input
              type="password"
              autoComplete="new-password"
              disabled={disabled || edits.extraName.trim() === ''}
              value={edits.replacements[edits.extraName.trim()] ?? ''}
              onChange={(e) => setValue(edits.extraName.trim(), e.target.value)}
            />
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
