import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/i18n/localized.js';
import type { Comparison, Operand } from './condition-model.js';
import type { FieldOption } from './field-options.js';

function literalFromInput(raw: string, field: FieldOption | undefined): unknown {
  if (field && ['number', 'money'].includes(field.type) && raw.trim() !== '' && !Number.isNaN(Number(raw))) {
    return field.type === 'money' ? raw : Number(raw);
  }
  if (field?.type === 'boolean') return raw === 'true';
  return raw;
}

/** The right side of a comparison: a typed value (or list) or another field. */
export function ValueInput({ comparison, field, fields, onChange, name }: { comparison: Comparison; field: FieldOption | undefined; fields: FieldOption[]; onChange: (value: Operand) => void; name: string }) {
  const { t } = useTranslation('common');
  const { l } = useLocalized();
  const value = comparison.value;
  const isField = value !== undefined && 'field' in value;
  const toggle = (
    <select aria-label={t('conditionValueSource')} name={`${name}.source`} value={isField ? 'field' : 'literal'} onChange={(e) => onChange(e.target.value === 'field' ? { field: '' } : { literal: '' })}>
      <option value="literal">{t('conditionLiteral')}</option>
      <option value="field">{t('conditionOtherField')}</option>
    </select>
  );
  if (isField) {
    return (
      <>
        {toggle}
        <select aria-label={t('conditionValue')} name={`${name}.value`} value={value.field} onChange={(e) => onChange({ field: e.target.value })}>
          <option value="">{t('chooseField')}</option>
          {fields.map((f) => (
            <option key={f.path} value={f.path}>{l(f.label, f.path)}</option>
          ))}
        </select>
      </>
    );
  }
  const literal = value && 'literal' in value ? value.literal : '';
  if (comparison.op === 'in') {
    const list = Array.isArray(literal) ? literal.map(String) : [];
    if (field?.options) {
      return (
        <select multiple aria-label={t('conditionValue')} name={`${name}.value`} value={list} onChange={(e) => onChange({ literal: [...e.target.selectedOptions].map((o) => o.value) })}>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>{l(o.label, o.value)}</option>
          ))}
        </select>
      );
    }
    return (
      <input
        aria-label={t('conditionValue')}
        name={`${name}.value`}
        placeholder={t('conditionListPlaceholder')}
        value={list.join(', ')}
        onChange={(e) => onChange({ literal: e.target.value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => literalFromInput(s, field)) })}
      />
    );
  }
  if (field?.options) {
    return (
      <>
        {toggle}
        <select aria-label={t('conditionValue')} name={`${name}.value`} value={String(literal ?? '')} onChange={(e) => onChange({ literal: e.target.value })}>
          <option value="">{t('chooseValue')}</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>{l(o.label, o.value)}</option>
          ))}
        </select>
      </>
    );
  }
  if (field?.type === 'boolean' || (comparison.lookup !== undefined && typeof literal === 'boolean')) {
    return (
      <>
        {toggle}
        <select aria-label={t('conditionValue')} name={`${name}.value`} value={String(literal === true)} onChange={(e) => onChange({ literal: e.target.value === 'true' })}>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      </>
    );
  }
  const inputType = field?.type === 'date' ? 'date' : field?.type === 'number' ? 'number' : 'text';
  return (
    <>
      {toggle}
      <input aria-label={t('conditionValue')} name={`${name}.value`} type={inputType} value={String(literal ?? '')} onChange={(e) => onChange({ literal: literalFromInput(e.target.value, field) })} />
    </>
  );
}
