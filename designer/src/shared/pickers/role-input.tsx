import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { knownRoles, type KnownRole } from './known-roles.js';
import { useDirectoryRoles } from './use-known-roles.js';

function roleHint(role: KnownRole, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (role.holders !== null) return t('roleHolders', { count: role.holders });
  return role.builtIn ? t('roleBuiltIn') : t('roleNew');
}

/**
 * A role name: the directory's roles and the built-in ones are offered as the user types (a datalist), and
 * a new name can still be typed (a role nobody holds yet, to be given in the directory later).
 */
export function RoleInput({ value, onChange, name, label }: { value: string; onChange: (role: string) => void; name: string; label: string }) {
  const { t } = useTranslation('pickers');
  const listId = `${useId()}-roles`;
  const roles = knownRoles(useDirectoryRoles(), [value]);
  const known = roles.find((r) => r.role === value);
  return (
    <label className="compact role-input">
      <span>{label}</span>
      <input name={name} list={listId} value={value} autoComplete="off" placeholder={t('rolePlaceholder')} onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId} data-testid={`${name}-role-options`}>
        {roles.map((r) => (
          <option key={r.role} value={r.role} label={roleHint(r, t)} />
        ))}
      </datalist>
      {value !== '' && known && known.holders === null && !known.builtIn ? <span className="muted small" data-testid={`${name}-role-new`}>{t('roleNewHelp')}</span> : null}
    </label>
  );
}

/** A role chosen from the known ones only (no typing): a select, for pickers that must name real roles. */
export function RoleSelect({ onChoose, name, label, exclude = [] }: { onChoose: (role: string) => void; name: string; label: string; exclude?: readonly string[] }) {
  const { t } = useTranslation('pickers');
  const roles = knownRoles(useDirectoryRoles()).filter((r) => !exclude.includes(r.role));
  return (
    <label className="compact">
      <span>{label}</span>
      <select name={name} value="" onChange={(e) => e.target.value !== '' && onChoose(e.target.value)}>
        <option value="">{t('chooseRole')}</option>
        {roles.map((r) => (
          <option key={r.role} value={r.role}>{`${r.role} (${roleHint(r, t)})`}</option>
        ))}
      </select>
    </label>
  );
}
