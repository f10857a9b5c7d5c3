import { FORMS_ERRORS, issue, type Issue, type Locale } from '@baton/engine';
import { EngineError } from '../../app/engine/engine-client.js';

type Json = Record<string, unknown>;

/** The rjsf schemas of one form on the page, after the node's field access (required = editable and required here). */
export interface SignatureFormSchemas {
  schema: Json;
  uiSchema: Json;
}

/** Nothing drawn: no value, or a pad's object without an image (`{}` from a pad nobody touched). */
export function isUnsigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const fileId = (value as { fileId?: unknown }).fileId;
  return fileId === undefined || fileId === '';
}

/** A JSON Pointer segment ("a/b" → "a~1b"). */
function segment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A pad the person may sign on this page: a signature widget, neither read-only nor disabled. */
function isOpenPad(ui: Json): boolean {
  return ui['ui:widget'] === 'signature-pad' && ui['ui:readonly'] !== true && ui['ui:disabled'] !== true;
}

function titleOf(ui: Json, schema: Json | undefined, key: string): string {
  const title = ui['ui:title'] ?? schema?.title;
  return typeof title === 'string' ? title : key;
}

/** A cell's label as the server words it ("Accounts row 2, Signature" / "Accounts第 2 行的Signature"). */
function cellLabel(table: string, index: number, column: string, locale: Locale): string {
  return locale === 'zh-CN' ? `${table}第 ${index + 1} 行的${column}` : `${table} row ${index + 1}, ${column}`;
}

/** Unsigned required pads in the rows of one sub-table, each at its cell (/data/<table>/<row>/<column>). */
function unsignedCells(key: string, schema: Json | undefined, ui: Json, rows: unknown, locale: Locale): Issue[] {
  if (!Array.isArray(rows) || rows.length === 0 || ui['ui:readonly'] === true || ui['ui:disabled'] === true) return [];
  const items = (schema?.items ?? {}) as Json;
  const itemsUi = (ui.items ?? {}) as Json;
  const required = Array.isArray(items.required) ? (items.required as string[]) : [];
  const columns = (items.properties ?? {}) as Record<string, Json>;
  const pads = required.filter((column) => isOpenPad((itemsUi[column] ?? {}) as Json));
  if (pads.length === 0) return [];
  const table = titleOf(ui, schema, key);
  const out: Issue[] = [];
  rows.forEach((row, i) => {
    const cells = row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Json) : {};
    for (const column of pads) {
      if (!isUnsigned(cells[column])) continue;
      const label = cellLabel(table, i, titleOf((itemsUi[column] ?? {}) as Json, columns[column], column), locale);
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_SIGNATURE_REQUIRED, `/data/${segment(key)}/${i}/${segment(column)}`, { label, field: `${key}.${column}` }, locale));
    }
  });
  return out;
}

/**
 * The required signature pads of the page's forms that nobody signed, as the server would report them
 * ("Please sign here" at /data/<field>, or at /data/<table>/<row>/<column> for a sub-table's signature
 * column; the engine's own code and words): checked before a decision is sent, so the person sees it at the
 * pad at once rather than after a round trip.
 */
export function unsignedSignatures(forms: readonly SignatureFormSchemas[], data: Json, locale: Locale): Issue[] {
  const out: Issue[] = [];
  for (const { schema, uiSchema } of forms) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const [key, property] of Object.entries(properties)) {
      const ui = (uiSchema[key] ?? {}) as Json;
      // A sub-table's rows: its required columns must be filled in every row, whether the table is required or not.
      if (property?.type === 'array' && property.items !== null && typeof property.items === 'object') {
        out.push(...unsignedCells(key, property, ui, data[key], locale));
        continue;
      }
      if (!required.includes(key) || !isOpenPad(ui) || !isUnsigned(data[key])) continue;
      out.push(issue(FORMS_ERRORS.BATON_E_FORM_SIGNATURE_REQUIRED, `/data/${segment(key)}`, { label: titleOf(ui, property, key), field: key }, locale));
    }
  }
  return out;
}

/**
 * The same as an error the page shows like the server's refusal (the engine's code, each issue at its pad,
 * the error panel naming code and path), or null when every required pad is signed.
 */
export function unsignedSignatureError(forms: readonly SignatureFormSchemas[], data: Json, locale: Locale): EngineError | null {
  const issues = unsignedSignatures(forms, data, locale);
  if (issues.length === 0) return null;
  const first = issues[0] as Issue;
  return new EngineError({ code: first.code, message: first.message, path: first.path, issues });
}
