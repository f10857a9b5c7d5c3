import type { DefinitionSummary } from '@baton/client';

/** A form a flow may use, as its pickers list it. */
export interface FormOption {
  key: string;
  /** The title in the UI's language (the key when the form has none). */
  title: string;
  /** No version of it is published: a flow that uses it cannot be published until it is. */
  draftOnly: boolean;
}

/**
 * One option per form key from the definitions list (one row per version), titled by its newest
 * version, marked draft-only when no version was ever published, sorted by title in the UI's language.
 */
export function formOptions(items: readonly Pick<DefinitionSummary, 'key' | 'version' | 'status' | 'title'>[], titleOf: (title: unknown, key: string) => string, locale: string): FormOption[] {
  const byKey = new Map<string, { version: number; title: unknown; published: boolean }>();
  for (const item of items) {
    const seen = byKey.get(item.key);
    const published = item.status !== 'draft' || seen?.published === true;
    if (!seen || item.version > seen.version) byKey.set(item.key, { version: item.version, title: item.title, published });
    else if (published) seen.published = true;
  }
  const collator = new Intl.Collator(locale);
  return [...byKey.entries()]
    .map(([key, v]) => ({ key, title: titleOf(v.title, key).trim() || key, draftOnly: !v.published }))
    .sort((a, b) => collator.compare(a.title, b.title) || a.key.localeCompare(b.key));
}

/**
 * The options a picker shows: `options` once loaded, else the bare keys; the chosen key is always there,
 * even when no form has it any more (so the select does not silently show another one).
 */
export function pickerOptions(options: readonly FormOption[], keys: readonly string[], chosen: string | undefined): FormOption[] {
  const list: FormOption[] = options.length > 0 ? [...options] : keys.map((key) => ({ key, title: key, draftOnly: false }));
  if (chosen && !list.some((o) => o.key === chosen)) list.push({ key: chosen, title: chosen, draftOnly: false });
  return list;
}
