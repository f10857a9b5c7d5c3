import { useTranslation } from 'react-i18next';
import type { Localizable } from '../i18n/localized.js';

export type LocalizedValue = { en?: string; 'zh-CN'?: string };

function asObject(value: Localizable): LocalizedValue {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { en: value };
  const out: LocalizedValue = {};
  if (value.en !== undefined) out.en = value.en;
  if (value['zh-CN'] !== undefined) out['zh-CN'] = value['zh-CN'];
  return out;
}

/** A label in both languages; empty languages are dropped, so the stored value stays minimal. */
export function LocalizedTextInput({
  label,
  value,
  onChange,
  name,
  multiline,
}: {
  label: string;
  value: Localizable;
  onChange: (value: LocalizedValue) => void;
  name: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation('common');
  const current = asObject(value);
  const update = (locale: 'en' | 'zh-CN', text: string) => {
    const next: LocalizedValue = { ...current };
    if (text === '') delete next[locale];
    else next[locale] = text;
    onChange(next);
  };
  const Input = multiline ? 'textarea' : 'input';
  return (
    <fieldset className="localized-input">
      <legend>{label}</legend>
      <label>
        <span className="lang-tag">{t('langZh')}</span>
        <Input name={`${name}.zh-CN`} value={current['zh-CN'] ?? ''} onChange={(e) => update('zh-CN', e.target.value)} />
      </label>
      <label>
        <span className="lang-tag">{t('langEn')}</span>
        <Input name={`${name}.en`} value={current.en ?? ''} onChange={(e) => update('en', e.target.value)} />
      </label>
    </fieldset>
  );
}
