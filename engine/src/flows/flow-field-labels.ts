import type { Locale } from '../i18n/localized-text.js';
import type { FlowContext } from './flow-command.js';

/** A form that can name its fields ("assets", "assets.returned") in a language: a CompiledForm. */
export interface LabelledForm {
  fieldLabel(path: string, locale: Locale): string | undefined;
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
