import type { Localizable } from '../app/i18n/localized.js';

export interface DateFieldOption {
  value: string;
  label: string;
}

export interface DateFieldGroup {
  /** The form the fields belong to, as the option group reads. */
  label: string;
  options: DateFieldOption[];
}

interface FormLike {
  key: string;
  title?: Localizable;
  fields?: readonly { key: string; type: string; label?: Localizable }[];
}

const DATE_TYPES = new Set(['date', 'date-time']);

/**
 * The date fields a "N days before/after" trigger may count from, grouped by their form. Labels alone repeat
 * ("Date", "Confirmed on"): each option also names its form and key, worded by `describe` in the UI's
 * language ("Last working day — Offboarding request (lastWorkingDay)"). Only top-level fields: a sub-table's
 * column holds one date per row, not one per record.
 */
export function dateFieldGroups(
  forms: readonly (FormLike | undefined)[],
  l: (text: Localizable, fallback?: string) => string,
  describe: (parts: { label: string; form: string; key: string }) => string,
): DateFieldGroup[] {
  const seen = new Set<string>();
  const groups: DateFieldGroup[] = [];
  for (const form of forms) {
    if (!form || seen.has(form.key)) continue;
    seen.add(form.key);
    const formName = l(form.title, form.key);
    const options = (form.fields ?? [])
      .filter((f) => DATE_TYPES.has(f.type.replace(/@.*$/, '')))
      .map((f) => ({ value: f.key, label: describe({ label: l(f.label, f.key), form: formName, key: f.key }) }));
    if (options.length > 0) groups.push({ label: formName, options });
  }
  return groups;
}
