import type { RecordLookup } from '../rules/read-path.js';
import type { FieldNode } from './form-model.js';
import { relatedDisplay } from './record-display.js';

/** Longest row label a message shows. */
const MAX_LABEL = 60;

/** Column types whose value is text a person typed (not an id, a code or a date). */
const TEXT_TYPES = new Set(['text', 'long-text']);

const clip = (text: string): string => text.trim().slice(0, MAX_LABEL);

function relationCellDisplay(column: FieldNode, value: unknown, records: RecordLookup | undefined): string | undefined {
  const form = typeof column.config.form === 'string' ? column.config.form : undefined;
  const displayField = typeof column.config.displayField === 'string' ? column.config.displayField : undefined;
  const ids = Array.isArray(value) ? value : [value];
  const shown = ids.map((id) => relatedDisplay(id, records, form, displayField)).filter((s): s is string => s !== undefined);
  return shown.length > 0 ? shown.join(', ') : undefined;
}

/**
 * How a person knows a row of a sub-table, from its columns: a relation cell's record as its picker shows it
 * (an asset row is "LT-0105", not the record id in the cell), else its first text cell; undefined when it
 * has neither (a message then says "row 2" alone). Relation ids the lookup cannot resolve name nothing.
 */
export function rowLabelOf(columns: readonly FieldNode[], row: unknown, records?: RecordLookup): string | undefined {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return undefined;
  const cells = row as Record<string, unknown>;
  for (const column of columns) {
    if (column.type.traits?.relation !== true || !Object.hasOwn(cells, column.key)) continue;
    const shown = relationCellDisplay(column, cells[column.key], records);
    if (shown !== undefined) return clip(shown);
  }
  for (const column of columns) {
    const value = Object.hasOwn(cells, column.key) ? cells[column.key] : undefined;
    if (TEXT_TYPES.has(column.type.type) && typeof value === 'string' && value.trim() !== '') return clip(value);
  }
  return undefined;
}

/**
 * The same without the form's columns (a flow run with no forms given): a cell holding the id of a record
 * the lookup knows names it by its display value, else the first non-empty text cell names the row.
 */
export function plainRowLabel(row: unknown, records?: RecordLookup): string | undefined {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return undefined;
  const texts = Object.values(row as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  for (const text of texts) {
    const shown = relatedDisplay(text, records);
    if (shown !== undefined) return clip(shown);
  }
  return texts[0] === undefined ? undefined : clip(texts[0]);
}
