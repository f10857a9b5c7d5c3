import type { CompiledForm, Locale } from '@baton/engine';
import { isRecord } from '../secrets/data-paths.js';

/**
 * The fields `pick` recognises in a compiled form's uiSchema, top level and sub-table columns
 * (`items.<column>`, path "table.column"): field types state their widget and options there, so the
 * runtime's checks need neither the definition body nor a change to the engine.
 */
export function uiFieldsOf<T>(form: CompiledForm, pick: (path: string, entry: unknown) => T | undefined): T[] {
  const found: T[] = [];
  for (const [key, entry] of Object.entries(form.uiSchema)) {
    if (key.startsWith('ui:')) continue;
    const top = pick(key, entry);
    if (top) found.push(top);
    const items = isRecord(entry) ? entry.items : undefined;
    if (!isRecord(items)) continue;
    for (const [column, cell] of Object.entries(items)) {
      const inRow = column.startsWith('ui:') ? undefined : pick(`${key}.${column}`, cell);
      if (inRow) found.push(inRow);
    }
  }
  return found;
}

/** A field's label in one locale ("Successor" for customers.successorId), the path when it has none. */
export function uiFieldLabel(form: CompiledForm, path: string, locale: Locale): string {
  const [top, column] = path.split('.');
  const ui = form.schemas(locale).uiSchema;
  const entry = isRecord(ui[top ?? '']) ? (ui[top ?? ''] as Record<string, unknown>) : {};
  const cell = column !== undefined && isRecord(entry.items) ? entry.items[column] : entry;
  const title = isRecord(cell) ? cell['ui:title'] : undefined;
  return typeof title === 'string' && title !== '' ? title : path;
}
