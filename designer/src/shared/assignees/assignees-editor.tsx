import { useTranslation } from 'react-i18next';
import { PersonCombobox } from '../../workspace/people/person-combobox.js';
import { usePeople } from '../../workspace/people/use-people.js';
import { RoleInput } from '../pickers/role-input.js';
import { assigneeUserIds, summarizeAssignee } from './assignee-summary.js';
import './assignees.css';

/** Who a task goes to, as flows and rules store it (engine/schemas/flow.schema.json#/$defs/assignee). */
export type Assignee =
  | { kind: 'user'; id: string }
  | { kind: 'role'; role: string }
  | { kind: 'department'; id: string }
  | { kind: 'field'; path: string }
  | { kind: 'manager-of'; path?: string; user?: string; level?: number }
  | { kind: 'department-head-of'; path?: string; user?: string; department?: string }
  | { kind: 'initiator' };

export const ASSIGNEE_KINDS = ['initiator', 'user', 'role', 'department', 'field', 'manager-of', 'department-head-of'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** A fresh assignee of a kind, keeping what still applies from the previous one. */
export function assigneeOfKind(kind: AssigneeKind, previous?: Assignee): Assignee {
  const p = (previous ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  switch (kind) {
    case 'user':
    case 'department':
      return { kind, id: str('id') };
    case 'role':
      return { kind, role: str('role') };
    case 'field':
      return { kind, path: str('path') };
    case 'manager-of':
      return str('path') ? { kind, path: str('path') } : { kind };
    case 'department-head-of':
      return str('path') ? { kind, path: str('path') } : { kind };
    default:
      return { kind: 'initiator' };
  }
}

function Text({ label, value, onChange, list, name }: { label: string; value: string | undefined; onChange: (v: string) => void; list?: string; name: string }) {
  return (
    <label className="compact">
      <span>{label}</span>
      <input name={name} value={value ?? ''} list={list} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/**
 * A list of assignees: a kind per row and the one or two values that kind needs. `fieldPaths` (the bound
 * form's person fields) are offered for "a person in the form" and "the manager of".
 */
export function AssigneesEditor({
  value,
  onChange,
  fieldPaths = [],
  name,
  label,
}: {
  value: Assignee[] | undefined;
  onChange: (value: Assignee[]) => void;
  fieldPaths?: string[];
  name: string;
  label?: string;
}) {
  const { t } = useTranslation('common');
  const { t: tp } = useTranslation('pickers');
  const list = value ?? [];
  const people = usePeople(assigneeUserIds(list));
  const words = {
    kind: (kind: AssigneeKind) => tp(`assigneeTag.${kind}`),
    notChosen: tp('assigneeNotChosen'),
    join: (kind: string, what: string) => tp('assigneeSummary', { kind, what }),
  };
  const summary = (a: Assignee) => summarizeAssignee(a, (id) => people.get(id)?.name || undefined, words);
  const legend = label ?? t('assignees');
  const listId = `${name}-paths`;
  const set = (i: number, next: Assignee) => onChange(list.map((a, j) => (j === i ? next : a)));
  return (
    <fieldset className="assignees" data-testid={`${name}-assignees`}>
      <legend>{legend}</legend>
      <datalist id={listId}>
        {fieldPaths.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {list.length === 0 ? (
        <p className="assignees-empty" data-testid={`${name}-assignees-empty`}>{t('assigneesEmpty')}</p>
      ) : null}
      <ul className="assignee-list" aria-label={tp('assigneesListLabel', { label: legend, count: list.length })} hidden={list.length === 0}>
        {list.map((a, i) => {
          const rec = a as Record<string, unknown>;
          const field = (key: string, text: string) => (
            <Text
              name={`${name}.${i}.${key}`}
              label={text}
              value={rec[key] as string | undefined}
              list={key === 'path' ? listId : undefined}
              onChange={(v) => {
                const next = { ...rec } as Record<string, unknown>;
                if (v === '') delete next[key];
                else next[key] = v;
                set(i, next as Assignee);
              }}
            />
          );
          return (
            <li className="assignee-row" key={i} data-testid={`${name}-assignee`} data-kind={a.kind}>
              <span className="assignee-summary" data-testid={`${name}-assignee-summary`}>{summary(a)}</span>
              <div className="assignee-fields">
                <label className="compact">
                  <span>{t('assigneeKind')}</span>
                  <select name={`${name}.${i}.kind`} value={a.kind} onChange={(e) => set(i, assigneeOfKind(e.target.value as AssigneeKind, a))}>
                    {ASSIGNEE_KINDS.map((k) => (
                      <option key={k} value={k}>{t(`assignee.${k}`)}</option>
                    ))}
                  </select>
                </label>
                {a.kind === 'user' ? (
                  // A person is found by name in the directory, never typed as an id. Not wrapped in its label:
                  // choosing a listed person would also "click" the label and reopen the list over the row.
                  <span className="compact">
                    <label htmlFor={`${name}.${i}.id`}>{t('assigneeUserId')}</label>
                    <PersonCombobox id={`${name}.${i}.id`} value={a.id || undefined} onChange={(id) => set(i, { kind: 'user', id: id ?? '' })} />
                  </span>
                ) : null}
                {a.kind === 'department' ? field('id', t('assigneeDepartmentId')) : null}
                {a.kind === 'role' ? (
                  // Roles are offered from the directory and the built-in ones; a new role name may still be typed.
                  <RoleInput name={`${name}.${i}.role`} label={t('assigneeRole')} value={a.role} onChange={(role) => set(i, { kind: 'role', role })} />
                ) : null}
                {a.kind === 'field' || a.kind === 'manager-of' || a.kind === 'department-head-of' ? field('path', t('assigneePath')) : null}
                {a.kind === 'manager-of' ? (
                  <label className="compact">
                    <span>{t('assigneeLevel')}</span>
                    <input
                      type="number"
                      min={1}
                      max={10}
                      name={`${name}.${i}.level`}
                      value={a.level ?? ''}
                      onChange={(e) => {
                        const { level: _old, ...rest } = a;
                        set(i, e.target.value === '' ? rest : { ...rest, level: Number(e.target.value) });
                      }}
                    />
                  </label>
                ) : null}
              </div>
              <button
                type="button"
                className="icon-button assignee-remove"
                aria-label={tp('assigneeRemove', { who: summary(a) })}
                title={tp('assigneeRemove', { who: summary(a) })}
                onClick={() => onChange(list.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onChange([...list, { kind: 'initiator' }])}>{t('addAssignee')}</button>
    </fieldset>
  );
}
