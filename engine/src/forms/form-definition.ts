import type { JsonLogic } from '../expressions/expression-types.js';
// The form definition types are generated from engine/schemas/form.schema.json
// (engine/src/definitions/generated/form.ts); these aliases give them the names the forms code uses.
import type {
  Field,
  FieldAccess,
  FormDefinition,
  LocalizedText as SchemaLocalizedText,
  Section,
  Validation,
} from '../definitions/generated/form.js';
import { localize, type Locale, type LocalizedText } from '../i18n/localized-text.js';

export type { FieldAccess, FormDefinition };
export type FormField = Field;
export type FormSection = Section;
export type FormValidationRule = Validation;

/** Relation field config: points at records of a collection form. */
export interface RelationConfig {
  form: string;
  multiple?: boolean;
  displayField?: string;
  /** JsonLogic over `{ record: {id, …data}, form: <the current form's data> }`: the records that may be chosen. */
  filter?: JsonLogic;
}

/**
 * `localize` for labels read from a definition. The schema's localizedText type admits `{}` (the schema
 * enforces minProperties, the generated type cannot), so it is wider than i18n's LocalizedText.
 */
export function definitionText(value: SchemaLocalizedText | undefined, locale: Locale): string {
  return localize(value as LocalizedText | undefined, locale);
}
