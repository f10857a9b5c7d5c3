import type { FormDefinition } from '@baton/engine';
import type { FormField } from './field-value-text.js';

/** One block of the request as the page lays it out: a form section, a step's form, or what is left. */
export interface DataGroup {
  key: string;
  /** The section's or step form's title; null for the start form's unsectioned fields; 'other' for the rest. */
  title: FormDefinition['title'] | null | 'other';
  /** Fields in form order; `field` undefined for a key no form declares. */
  fields: Array<{ key: string; field: FormField | undefined }>;
}

/**
 * The request's data laid out like its forms: the start form's sections in order (its unsectioned fields
 * first), then each step's own form (an exit interview) by its title, then keys no form declares. Only keys
 * the data holds are listed: the server leaves out what the reader may not see, and an empty box for a
 * field hidden from them would say it was empty.
 */
export function requestGroups(start: FormDefinition | undefined, steps: readonly FormDefinition[], data: Readonly<Record<string, unknown>>): DataGroup[] {
  const shown = new Set<string>();
  const take = (fields: readonly FormField[]) => {
    const out = fields.filter((f) => Object.hasOwn(data, f.key) && !shown.has(f.key)).map((f) => ({ key: f.key, field: f }));
    for (const f of out) shown.add(f.key);
    return out;
  };
  const groups: DataGroup[] = [];
  if (start) {
    const byKey = new Map(start.fields.map((f) => [f.key, f]));
    const sections = start.sections ?? [];
    const inSections = new Set(sections.flatMap((s) => s.fields));
    groups.push({ key: 'start', title: null, fields: take(start.fields.filter((f) => !inSections.has(f.key))) });
    sections.forEach((section, i) => {
      const fields = section.fields.map((k) => byKey.get(k)).filter((f): f is FormField => f !== undefined);
      groups.push({ key: `section-${section.key ?? i}`, title: section.title, fields: take(fields) });
    });
  }
  for (const form of steps) {
    if (form.key === start?.key) continue;
    groups.push({ key: `form-${form.key}`, title: form.title, fields: take(form.fields) });
  }
  const rest = Object.keys(data).filter((k) => !shown.has(k)).sort();
  groups.push({ key: 'other', title: 'other', fields: rest.map((key) => ({ key, field: undefined })) });
  return groups.filter((g) => g.fields.length > 0);
}
