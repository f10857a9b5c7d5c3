import type { ReportSource } from '@baton/engine';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/localized.js';
import { isKnownField, suitableGroups, type FieldGroup, type FieldOption, type FieldUse, type GroupName } from './field-options.js';

/**
 * A field of the report's dataset, picked by title (key and type beside it) from groups: the dataset's
 * columns, the people it points at, its form. A stored reference the groups do not list stays selected
 * and is marked "not found in …", so opening a report never rewrites it.
 */
export function FieldPicker({ name, label, value, groups, use = 'any', source, sourceName, onChange }: {
  name: string;
  label: string;
  value: string;
  groups: readonly FieldGroup[];
  use?: FieldUse;
  source: ReportSource;
  /** The dataset in words ("form ‘Exit request’"), for the not-found mark. */
  sourceName: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation('reports');
  const { l } = useLocalized();
  const shown = suitableGroups(groups, use);
  const known = value === '' || isKnownField(groups, value, source);
  const listed = shown.some((g) => g.options.some((o) => o.value === value));
  const optionText = (o: FieldOption) => `${titleOf(o)} (${o.value}) · ${t(`typeName.${o.type}`)}`;
  const titleOf = (o: FieldOption) =>
    o.title.kind === 'column' ? t(`columnName.${o.title.column}`, { defaultValue: o.title.column }) : o.title.kind === 'person' ? t(`personName.${o.title.attribute}`) : l(o.title.label as never, o.value);
  const groupText = (g: GroupName) =>
    g.kind === 'columns' ? t('groupColumns', { source: t(`sourceName.${g.source}`) }) : g.kind === 'person' ? t('groupPerson', { person: g.label ? l(g.label as never, g.column) : t(`columnName.${g.column}`, { defaultValue: g.column }) }) : t('groupForm', { form: l(g.title as never, g.form) });
  return (
    <label className="field-picker">
      {label}
      <select name={name} value={value} aria-invalid={!known} onChange={(e) => onChange(e.target.value)}>
        {value === '' ? <option value="">{t('pickField')}</option> : null}
        {!listed && value !== '' ? <option value={value}>{known ? value : t('notFoundIn', { field: value, source: sourceName })}</option> : null}
        {shown.map((g, i) => (
          <optgroup key={i} label={groupText(g.name)}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>{optionText(o)}</option>
            ))}
          </optgroup>
        ))}
      </select>
      {!known ? <span className="field-error small" data-testid={`${name}-not-found`}>{t('notFoundIn', { field: value, source: sourceName })}</span> : null}
    </label>
  );
}
