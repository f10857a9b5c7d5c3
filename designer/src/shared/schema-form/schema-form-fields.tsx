import { getDefaultRegistry } from '@rjsf/core';
import { TranslatableString, type FieldProps, type IconButtonProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';

/** A value a property may take, with the words the user reads (a node's title, a form's title). */
export interface ChoiceOption {
  value: string;
  label: string;
}

/** Per property name ("nodeId", "form", "connector"): the values offered instead of a free text box. */
export type Choices = Readonly<Record<string, readonly ChoiceOption[]>>;

function choicesOf(props: FieldProps): readonly ChoiceOption[] | undefined {
  return (props.registry.formContext as { choices?: Choices } | undefined)?.choices?.[props.name];
}

/** The offered options plus any value already set that is not among them (kept, shown as it is). */
function withCurrent(options: readonly ChoiceOption[], current: readonly string[]): ChoiceOption[] {
  return [...options, ...current.filter((v) => v !== '' && !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
}

const DefaultStringField = getDefaultRegistry().fields.StringField!;

/** A string property with known choices is a labelled select; any other string keeps rjsf's editor. */
export function ChoiceStringField(props: FieldProps) {
  const { t } = useTranslation('schemaLabels');
  const choices = choicesOf(props);
  if (!choices || props.schema.enum !== undefined || props.schema.oneOf !== undefined) return <DefaultStringField {...props} />;
  const value = typeof props.formData === 'string' ? props.formData : '';
  return (
    // rjsf's field template already shows the title above a string property: the select only names itself.
    <select aria-label={props.schema.title ?? props.name} name={props.fieldPathId.$id} value={value} onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value, props.fieldPathId.path)}>
      <option value="">{t('choose')}</option>
      {withCurrent(choices, [value]).map((o) => (
        <option key={o.value} value={o.value}>{o.label}</option>
      ))}
    </select>
  );
}

/**
 * "One value or a list" (a trigger's nodes, connectors, actions): a multiple select when the values are
 * known, else a comma-separated box. One value is written as a string, several as a list.
 */
export function OneOrManyField(props: FieldProps) {
  const { t } = useTranslation('schemaLabels');
  const raw = props.formData as unknown;
  const current = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' && raw !== '' ? [raw] : [];
  const write = (values: string[]) => props.onChange(values.length === 0 ? undefined : values.length === 1 ? values[0] : values, props.fieldPathId.path);
  const choices = choicesOf(props);
  const label = props.schema.title ?? props.name;
  if (choices) {
    return (
      <label className="schema-choice">
        {label}
        <select multiple name={props.fieldPathId.$id} value={current} onChange={(e) => write([...e.target.selectedOptions].map((o) => o.value))}>
          {withCurrent(choices, current).map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <span className="muted small">{t('chooseSeveral')}</span>
      </label>
    );
  }
  return (
    <label className="schema-choice">
      {label}
      <input name={props.fieldPathId.$id} placeholder={t('commaSeparated')} value={current.join(', ')} onChange={(e) => write(e.target.value.split(',').map((s) => s.trim()).filter((s) => s !== ''))} />
    </label>
  );
}

/** rjsf's array buttons draw an icon font Baton does not load: words instead, named for screen readers. */
function textButton(key: TranslatableString) {
  return function TextButton(props: IconButtonProps) {
    const { registry, icon: _icon, iconType: _iconType, uiSchema: _ui, className, ...rest } = props;
    const text = registry.translateString(key);
    return (
      <button type="button" {...rest} className={`${className ?? ''} schema-form-button`.trim()} aria-label={text} title={text}>
        {text}
      </button>
    );
  };
}

export const BUTTON_TEMPLATES = {
  AddButton: textButton(TranslatableString.AddItemButton),
  CopyButton: textButton(TranslatableString.CopyButton),
  MoveDownButton: textButton(TranslatableString.MoveDownButton),
  MoveUpButton: textButton(TranslatableString.MoveUpButton),
  RemoveButton: textButton(TranslatableString.RemoveButton),
  ClearButton: textButton(TranslatableString.ClearButton),
};
