import type { Locale } from '@baton/engine';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'baton.locale';

/** The saved choice, else the browser's language (any zh-* reads as zh-CN), else English. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  const browser = globalThis.navigator?.language?.toLowerCase() ?? '';
  return browser.startsWith('zh') ? 'zh-CN' : 'en';
}

export function saveLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}
