import { mayHavePlural, selectPlurals } from './plural-select.js';

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

/** Templates split once into [text, name, text, name, …, text]: a replace with a callback per message was most of reporting a form's errors. */
const parsedTemplates = new Map<string, string[]>();

function parseTemplate(template: string): string[] {
  let parts = parsedTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    if (parsedTemplates.size < 5_000) parsedTemplates.set(template, parts);
  }
  return parts;
}

/**
 * Fills `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. Plural
 * blocks (`{n, plural, one {# item} other {# items}}`, plural-select.ts) pick their form for `locale`.
 */
export function format(template: string, params: Record<string, unknown> = {}, locale: Locale = 'en'): string {
  const parts = parseTemplate(mayHavePlural(template) ? selectPlurals(template, params, locale) : template);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    out += (name in params ? String(params[name]) : `{${name}}`) + (parts[i + 1] as string);
  }
  return out;
}
