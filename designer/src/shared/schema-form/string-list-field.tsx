import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Choices } from './schema-form-fields.js';
import { addToList, listOptions, removeFromList } from './string-list.js';

/**
 * A list of strings (a notification's channels, a task's actions, accepted file types): each entry with a
 * remove button, and a value added only once it is chosen or typed. rjsf's own "Add" would append an empty
 * entry first, which the engine refuses ("Change this value to a string").
 */
export function StringListField(props: FieldProps) {
  const { t } = useTranslation('schemaLabels');
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<'duplicate' | 'full' | null>(null);
  const id = props.fieldPathId.$id;
  const label = props.schema.title ?? props.name;
  const current: unknown[] = Array.isArray(props.formData) ? props.formData : [];
  const choices = (props.registry.formContext as { choices?: Choices } | undefined)?.choices ?? {};
  const { options, closed } = listOptions(props.name, props.schema.items, choices, (c) => t(`channelName.${c}`, { defaultValue: c }));
  const labelOf = (v: unknown) => (typeof v === 'string' && v !== '' ? (options.find((o) => o.value === v)?.label ?? v) : t('listEmptyEntry'));
  const available = options.filter((o) => !current.includes(o.value));
  const locked = props.readonly === true || props.disabled === true;
  const full = typeof props.schema.maxItems === 'number' && current.length >= props.schema.maxItems;
  const write = (list: unknown[] | undefined) => props.onChange(list as never, props.fieldPathId.path);
  const add = (value: string) => {
    const result = addToList(current, value, props.schema);
    if (!result.ok) {
      setProblem(result.reason === 'empty' ? null : result.reason);
      return;
    }
    setProblem(null);
    setDraft('');
    write(result.list);
  };
  const itemErrors = (i: number) => ((props.errorSchema as Record<number, { __errors?: string[] }> | undefined)?.[i]?.__errors ?? []);
  return (
    <fieldset className="role-list schema-string-list" data-testid={`${id}-list`}>
      <legend>{label}{props.required ? ' *' : ''}</legend>
      {props.schema.description ? <p className="muted small">{props.schema.description}</p> : null}
      {current.length === 0 ? <p className="muted small" data-testid={`${id}-none`}>{t('listNone')}</p> : null}
      <ul className="chips">
        {current.map((value, i) => (
          <li key={`${i}-${String(value)}`} data-testid={`${id}-entry`}>
            {labelOf(value)}{' '}
            {locked ? null : (
              <button type="button" className="icon-button" aria-label={t('listRemove', { value: labelOf(value) })} title={t('listRemove', { value: labelOf(value) })} onClick={() => write(removeFromList(current, i))}>×</button>
            )}
            {itemErrors(i).length > 0 ? <span className="field-error" role="alert"> {itemErrors(i).join(' ')}</span> : null}
          </li>
        ))}
      </ul>
      {locked ? null : full ? (
        <p className="muted small">{t('listFull')}</p>
      ) : (
        <div className="row">
          {available.length > 0 ? (
            // Choosing adds at once: the entry is a valid value from the start, never an empty one.
            <select aria-label={t('listAddLabel', { label })} name={`${id}-add`} value="" onChange={(e) => add(e.target.value)}>
              <option value="">{t('listAddChoice')}</option>
              {available.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          ) : null}
          {closed ? null : (
            <>
              <input
                aria-label={t('listOtherLabel', { label })}
                name={`${id}-new`}
                placeholder={options.length > 0 ? t('listOther') : undefined}
                value={draft}
                onChange={(e) => {
                  setDraft(e.target.value);
                  setProblem(null);
                }}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  add(draft);
                }}
              />
              <button type="button" disabled={draft.trim() === ''} onClick={() => add(draft)}>{t('listAdd')}</button>
            </>
          )}
          {problem ? <span className="muted small" role="status">{t(problem === 'duplicate' ? 'listDuplicate' : 'listFull')}</span> : null}
        </div>
      )}
    </fieldset>
  );
}
