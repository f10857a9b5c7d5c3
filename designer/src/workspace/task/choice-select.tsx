import type { WidgetProps } from '@rjsf/utils';

export interface Choice {
  value: string;
  label: string;
}

/**
 * The one `<select>` the workspace's choice-like widgets share (records, departments, options): the empty
 * option clears the value, and a stored value that is no longer offered stays visible instead of vanishing.
 */
export function ChoiceSelect({
  props: { id, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus },
  placeholder,
  choices,
}: {
  props: WidgetProps;
  placeholder: string;
  choices: readonly Choice[];
}) {
  const text = value === undefined || value === null ? '' : String(value);
  const offered = choices.some((c) => c.value === text);
  return (
    <select
      id={id}
      name={id}
      value={text}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={() => onBlur(id, text)}
      onFocus={() => onFocus(id, text)}
    >
      <option value="">{placeholder}</option>
      {text && !offered ? <option value={text}>{text}</option> : null}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>{c.label}</option>
      ))}
    </select>
  );
}
