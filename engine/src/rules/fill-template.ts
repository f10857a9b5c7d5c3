import type { DirectoryReader } from '../directory/directory.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import { readPath, type RecordLookup } from './read-path.js';
import { renderTextTemplate, textTemplatePaths } from './text-template.js';

/**
 * Fills a template in each locale (the language: text-template.ts — `{path}`, `{path|join:SEP}`,
 * `{#if path}…{else}…{/if}`, `{#each path}…{/each}`). Paths read the scope the way `readPath` does
 * (directory look-ups for ids, lists mapped over arrays). A path that reads nothing stays visible as
 * `{path}`, so a wrong name is noticed instead of silently printing an empty string.
 */
export function fillTemplate(text: LocalizedText, scope: unknown, directory?: DirectoryReader, records?: RecordLookup): LocalizedText {
  const read = (s: unknown, path: string): unknown => readPath(s, path, directory, records);
  const fill = (s: string): string => renderTextTemplate(s, scope, read);
  if (typeof text === 'string') return fill(text);
  const out: Record<string, string> = {};
  for (const [locale, s] of Object.entries(text)) if (typeof s === 'string') out[locale] = fill(s);
  return out as LocalizedText;
}

/** The paths a template reads (values and section subjects), in every locale. */
export function templatePlaceholders(text: LocalizedText, scoped = false): string[] {
  const strings = typeof text === 'string' ? [text] : Object.values(text).filter((s): s is string => typeof s === 'string');
  const out = new Set<string>();
  for (const s of strings) for (const path of textTemplatePaths(s, scoped)) out.add(path);
  return [...out];
}
