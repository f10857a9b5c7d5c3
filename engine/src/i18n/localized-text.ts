/** The two locales every user-visible string ships in. */
export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** A label written by an analyst or a developer: one string for both locales, or one per locale. */
export type LocalizedText = string | { en: string; 'zh-CN'?: string } | { en?: string; 'zh-CN': string };

/** Picks the text for a locale, falling back to the other locale so a label is never empty. */
export function localize(text: LocalizedText | undefined, locale: Locale = 'en'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? text['zh-CN'] ?? '';
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
