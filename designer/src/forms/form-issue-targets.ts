import type { FormDefinition } from '@baton/engine';
import { parsePointer } from '../shared/json-pointer.js';

export type FormIssueTarget = { kind: 'field'; itemId: string; base: string } | { kind: 'section'; index: number } | { kind: 'validation'; index: number } | { kind: 'form' };

/**
 * Which part of the form an issue's JSON Pointer concerns: "/fields/2/config/options" is the third field
 * ("/fields/2" its base), "/fields/4/fields/1/visibleIf" a column ("assets.returned"), "/sections/0/…" a
 * section, "/validations/1/…" a cross-field rule; anything else is about the form as a whole.
 */
export function formIssueTarget(def: Pick<FormDefinition, 'fields'>, path: string): FormIssueTarget {
  const [head, i, sub, j] = parsePointer(path);
  if (head === 'fields' && i !== undefined && /^\d+$/.test(i)) {
    const field = def.fields[Number(i)];
    if (!field) return { kind: 'form' };
    if (sub === 'fields' && j !== undefined && /^\d+$/.test(j)) {
      const column = field.fields?.[Number(j)];
      if (column) return { kind: 'field', itemId: `${field.key}.${column.key}`, base: `/fields/${i}/fields/${j}` };
    }
    return { kind: 'field', itemId: field.key, base: `/fields/${i}` };
  }
  if (head === 'sections' && i !== undefined && /^\d+$/.test(i)) return { kind: 'section', index: Number(i) };
  if (head === 'validations' && i !== undefined && /^\d+$/.test(i)) return { kind: 'validation', index: Number(i) };
  return { kind: 'form' };
}

/** The definition path of an item ("/fields/2" or "/fields/4/fields/1"), for its property panel's issues. */
export function itemBase(def: Pick<FormDefinition, 'fields'>, itemId: string): string | undefined {
  const dot = itemId.indexOf('.');
  const top = dot < 0 ? itemId : itemId.slice(0, dot);
  const i = def.fields.findIndex((f) => f.key === top);
  if (i < 0) return undefined;
  if (dot < 0) return `/fields/${i}`;
  const j = (def.fields[i]!.fields ?? []).findIndex((c) => c.key === itemId.slice(dot + 1));
  return j < 0 ? undefined : `/fields/${i}/fields/${j}`;
}
