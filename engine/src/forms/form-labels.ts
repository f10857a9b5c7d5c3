import type { Locale } from '../i18n/localized-text.js';
import { definitionText } from './form-definition.js';
import type { FieldNode, FormModel } from './form-model.js';

/** "Customers row 3, Successor" / "客户第 3 行的接手人": a column's label names its row (1-based). */
export function cellLabel(table: FieldNode, index: number, column: FieldNode, locale: Locale): string {
  const t = definitionText(table.field.label, locale);
  const c = definitionText(column.field.label, locale);
  return locale === 'zh-CN' ? `${t}第 ${index + 1} 行的${c}` : `${t} row ${index + 1}, ${c}`;
}

/** The label of the field at a data JSON Pointer ("/customers/2/successorId"), or undefined. */
export function labelAtPointer(model: FormModel, path: string, locale: Locale): string | undefined {
  const segments = path.split('/');
  const field = model.byKey.get(segments[1] ?? '');
  if (!field) return undefined;
  const index = Number(segments[2]);
  const column = field.columnByKey?.get(segments[3] ?? '');
  if (column && Number.isInteger(index)) return cellLabel(field, index, column, locale);
  return definitionText(field.field.label, locale);
}
