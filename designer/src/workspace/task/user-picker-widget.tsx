import type { WidgetProps } from '@rjsf/utils';
import { PersonCombobox } from '../people/person-combobox.js';

/**
 * The engine's `user-picker` (a `user` field): a person searched by name or id and stored as the directory
 * id. The field's `departments` option narrows the search; its `roles` option does not, since the search
 * does not tell everyone who holds which role. Only people present today are offered unless the field's
 * `allowPeopleWhoLeft` option says it names the leaver.
 */
export function UserPickerWidget({ id, value, required, disabled, readonly, autofocus, options, onChange, onBlur, onFocus }: WidgetProps) {
  const departments = Array.isArray(options.departments) ? options.departments.filter((d): d is string => typeof d === 'string') : undefined;
  const current = typeof value === 'string' && value !== '' ? value : undefined;
  return (
    <PersonCombobox
      id={id}
      value={current}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      departments={departments && departments.length > 0 ? departments : undefined}
      includeLeavers={options.allowPeopleWhoLeft === true}
      onChange={onChange}
      onBlur={() => onBlur(id, current)}
      onFocus={() => onFocus(id, current)}
    />
  );
}
