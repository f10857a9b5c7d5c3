import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleInput } from './role-input.js';

/**
 * A list of role names (who may pick a person, reveal a secret): each chosen role with a remove button,
 * and a role box offering the known roles that also takes a new name.
 */
export function RoleListEditor({ value, onChange, name, label }: { value: readonly string[] | undefined; onChange: (roles: string[] | undefined) => void; name: string; label: string }) {
  const { t } = useTranslation('pickers');
  const list = value ?? [];
  const [draft, setDraft] = useState('');
  const add = () => {
    if (draft === '' || list.includes(draft)) return;
    onChange([...list, draft]);
    setDraft('');
  };
  return (
    <fieldset className="role-list" data-testid={`${name}-role-list`}>
      <legend>{label}</legend>
      {list.length === 0 ? <p className="muted small">{t('rolesNone')}</p> : null}
      <ul className="chips">
        {list.map((role) => (
          <li key={role} data-testid={`${name}-role`}>
            {role}{' '}
            <button type="button" className="icon-button" aria-label={t('removeRole', { role })} onClick={() => onChange(list.length > 1 ? list.filter((r) => r !== role) : undefined)}>×</button>
          </li>
        ))}
      </ul>
      <div className="row">
        <RoleInput name={`${name}-new`} label={t('addRoleLabel')} value={draft} onChange={setDraft} />
        <button type="button" disabled={draft === '' || list.includes(draft)} onClick={add}>{t('addRole')}</button>
      </div>
    </fieldset>
  );
}
