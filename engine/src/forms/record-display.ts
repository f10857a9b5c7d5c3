import type { RecordLookup } from '../rules/read-path.js';

/** Fields that name a record when its relation says nothing (`displayField`): as documents name it. */
const NAMING_FIELDS = ['name', 'title', 'tag'] as const;

/**
 * What a person sees for a record: its relation's `displayField` (what the record picker lists, an asset's
 * tag), else its name, title or tag; undefined when none of them holds text. Documents name related records
 * the same way (resolve-placeholder.ts), so a message, a picker and a certificate agree.
 */
export function recordDisplayValue(data: Readonly<Record<string, unknown>>, displayField?: string): string | undefined {
  for (const key of [displayField, ...NAMING_FIELDS]) {
    if (key === undefined || !Object.hasOwn(data, key)) continue;
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/**
 * The display value of the record `id` names, looked up through `records`; undefined when there is no
 * lookup, no such record, a record of another collection than `form` (when both are known), or no text.
 */
export function relatedDisplay(id: unknown, records: RecordLookup | undefined, form?: string, displayField?: string): string | undefined {
  if (typeof id !== 'string' || id === '' || !records) return undefined;
  const found = records(id);
  if (!found || (form !== undefined && found.formKey !== undefined && found.formKey !== form)) return undefined;
  return recordDisplayValue(found.data, displayField);
}
