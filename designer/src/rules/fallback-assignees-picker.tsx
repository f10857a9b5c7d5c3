import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayIssue } from '../app/errors/to-display-error.js';
import '../shared/assignees/assignees.css';
import { RoleSelect } from '../shared/pickers/role-input.js';
import { PersonCombobox } from '../workspace/people/person-combobox.js';
import { PersonName } from '../workspace/people/person-name.js';
import { usePeople } from '../workspace/people/use-people.js';
import { addFallback, removeFallback, type Fallback } from './fallback-assignees.js';

/**
 * Who gets a rule's to-do when nobody it named is available (`fallbackAssignees`): people found by name in
 * the directory and roles from the directory's known roles, never typed ids. Engine issues show at the list.
 */
export function FallbackAssigneesPicker({ value, onChange, name, issues }: { value: Fallback; onChange: (list: Fallback) => void; name: string; issues: readonly DisplayIssue[] }) {
  const { t } = useTranslation('pickers');
  const list = value ?? [];
  const roles = list.flatMap((a) => (a.kind === 'role' ? [a.role] : []));
  // Remove buttons are named by the person's name, not their id.
  const people = usePeople(list.flatMap((a) => (a.kind === 'user' ? [a.id] : [])));
  // A fresh, closed search box after each person added (the chosen one shows in the list above).
  const [searchKey, setSearchKey] = useState(0);
  return (
    <fieldset className="fallback-assignees" data-testid={`${name}-fallback`} aria-invalid={issues.length > 0}>
      <legend>{t('fallbackTitle')}</legend>
      <p className="muted small">{t('fallbackHelp')}</p>
      {list.length === 0 ? <p className="muted" data-testid={`${name}-fallback-empty`}>{t('fallbackEmpty')}</p> : null}
      <ul className="chips" hidden={list.length === 0}>
        {list.map((a, i) => {
          const who = a.kind === 'user' ? people.get(a.id)?.name || a.id : a.kind === 'role' ? a.role : JSON.stringify(a);
          return (
            <li key={`${i}-${who}`} data-testid={`${name}-fallback-item`} data-kind={a.kind}>
              <span className="type-tag">{a.kind === 'user' ? t('fallbackUser') : a.kind === 'role' ? t('fallbackRoleTag') : t('fallbackOther')}</span>{' '}
              {a.kind === 'user' ? <PersonName id={a.id} /> : <span>{who}</span>}{' '}
              <button type="button" className="icon-button" aria-label={t('fallbackRemove', { who })} onClick={() => onChange(removeFallback(list, i))}>×</button>
            </li>
          );
        })}
      </ul>
      <div className="row">
        {/* Not wrapped in its label: a click on a listed person would also "click" the label, reopening the list. */}
        <span className="compact">
          <label htmlFor={`${name}-fallback-person`}>{t('fallbackPerson')}</label>
          <PersonCombobox
            key={searchKey}
            id={`${name}-fallback-person`}
            value={undefined}
            onChange={(id) => {
              if (!id) return;
              onChange(addFallback(list, { kind: 'user', id }));
              setSearchKey((k) => k + 1);
            }}
          />
        </span>
        <RoleSelect name={`${name}-fallback-role`} label={t('fallbackRole')} exclude={roles} onChoose={(role) => onChange(addFallback(list, { kind: 'role', role }))} />
      </div>
      {issues.map((issue, i) => (
        <p key={i} className="field-error" data-error-code={issue.code}>
          <code>{issue.path}</code> {issue.message}
        </p>
      ))}
    </fieldset>
  );
}

