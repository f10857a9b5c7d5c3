import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@baton/engine';
import { AREA_MESSAGES } from './resources.js';
import { initialLocale, saveLocale } from './locale.js';

/** i18next with one namespace per area (shell, forms, flows …): each area owns its strings file. */
export async function initI18n(): Promise<typeof i18next> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = { en: {}, 'zh-CN': {} };
  for (const [ns, messages] of Object.entries(AREA_MESSAGES)) {
    resources.en![ns] = messages.en;
    resources['zh-CN']![ns] = messages['zh-CN'];
  }
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLocale(),
    fallbackLng: 'en',
    ns: Object.keys(AREA_MESSAGES),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function switchLocale(locale: Locale): Promise<void> {
  await i18next.changeLanguage(locale);
  saveLocale(locale);
  document.documentElement.lang = locale;
}

export function currentLocale(): Locale {
  return i18next.language === 'zh-CN' ? 'zh-CN' : 'en';
}
