import type { Locale } from '@baton/engine';
import { useTranslation } from 'react-i18next';

/** A label as definitions and the registry carry it: one string, or one per locale. */
export type Localizable = string | { en?: string | undefined; 'zh-CN'?: string | undefined; [locale: string]: string | undefined } | undefined | null;

/** The text in `locale`, falling back to the other language, then to `fallback`. */
export function localizeText(text: Localizable, locale: Locale, fallback = ''): string {
  if (text === undefined || text === null) return fallback;
  if (typeof text === 'string') return text;
  return text[locale] || text.en || text['zh-CN'] || fallback;
}

/** The current UI locale and a function that picks a label's text in it. */
export function useLocalized(): { locale: Locale; l: (text: Localizable, fallback?: string) => string } {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return { locale, l: (text, fallback) => localizeText(text, locale, fallback) };
}
