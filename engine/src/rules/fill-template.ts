import type { DirectoryReader } from '../directory/directory.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import { readPath, type RecordLookup } from './read-path.js';

const PLACEHOLDER = /\{([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\}/g;

/**
 * Fills `{path}` placeholders in each locale of a template. Paths read the scope the way `readPath` does
 * (directory look-ups for ids, lists mapped over arrays). A path that reads nothing stays visible as
 * `{path}`, so a wrong name is noticed instead of silently printing an empty string.
 */
export function fillTemplate(text: LocalizedText, scope: unknown, directory?: DirectoryReader, records?: RecordLookup): LocalizedText {
  const fill = (s: string): string =>
    s.replace(PLACEHOLDER, (whole, path: string) => {
      const value = readPath(scope, path, directory, records);
      return value === undefined ? whole : display(value);
    });
  if (typeof text === 'string') return fill(text);
  const out: Record<string, string> = {};
  for (const [locale, s] of Object.entries(text)) if (typeof s === 'string') out[locale] = fill(s);
  return out as LocalizedText;
}

/** The placeholder paths of a template, in every locale. */
export function templatePlaceholders(text: LocalizedText): string[] {
  const strings = typeof text === 'string' ? [text] : Object.values(text).filter((s): s is string => typeof s === 'string');
  const out = new Set<string>();
  for (const s of strings) for (const m of s.matchAll(PLACEHOLDER)) out.add(m[1] as string);
  return [...out];
}

function display(value: unknown): string {
  if (value === null) return '';
  // Items that read nothing (an asset whose record is gone) are left out, not printed as "undefined".
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(display).filter((s) => s !== '').join(', ');
  if (typeof value === 'object') {
    const named = (value as { name?: unknown }).name;
    return typeof named === 'string' ? named : JSON.stringify(value);
  }
  return String(value);
}
