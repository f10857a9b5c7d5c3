import type { Locale } from '../i18n/localized-text.js';
import type { RecordLookup } from '../rules/read-path.js';
import type { FlowContext } from './flow-command.js';

/** A form that can name its fields ("assets", "assets.returned") in a language: a CompiledForm. */
export interface LabelledForm {
  fieldLabel(path: string, locale: Locale): string | undefined;
  /** How a person knows a row of a sub-table (CompiledForm.rowLabel); undefined when there is no such table. */
  rowLabel?(table: string, row: unknown, records?: RecordLookup): { label?: string } | undefined;
}

/**
 * The `fieldLabel` of a flow context, so messages (a refused checklist) name fields by their labels: the
 * node's own form first, then the flow's start form (`formOf(undefined)`), whose fields most gates read.
 * The runtime (execution-services.ts) and the simulation (simulate.ts) both use it, so a simulated refusal
 * reads word for word as the server's.
 */
export function flowFieldLabels(formOf: (formKey: string | undefined) => LabelledForm | undefined): NonNullable<FlowContext['fieldLabel']> {
  return ({ field, formKey, locale }) => formOf(formKey)?.fieldLabel(field, locale) ?? formOf(undefined)?.fieldLabel(field, locale);
}

/**
 * The `rowLabel` of a flow context, from the same forms: the row of an asset table is named by the asset's
 * tag (its record, through the context's lookup), not by the record id its cell holds. `{}` when the form
 * that has the table finds nothing to name the row by; undefined when no form has the table.
 */
export function flowRowLabels(formOf: (formKey: string | undefined) => LabelledForm | undefined): NonNullable<FlowContext['rowLabel']> {
  return ({ table, row, formKey, records }) => formOf(formKey)?.rowLabel?.(table, row, records) ?? formOf(undefined)?.rowLabel?.(table, row, records);
}
