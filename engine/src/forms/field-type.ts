import type { Locale, LocalizedText } from '../i18n/localized-text.js';

export type JsonSchema = Record<string, unknown> | boolean;

/** How the designer shows a type in its palette and property panel. */
export interface TypeDescription {
  label: LocalizedText;
  description?: LocalizedText;
  /** An icon name the designer maps to a glyph. */
  icon?: string;
  /** Palette group. */
  category?: string;
}

/**
 * A problem a field type finds in a value beyond what its JSON Schema can say (a checksum, a date order).
 * `path` is a JSON Pointer relative to the value ("" = the value itself).
 */
export interface FieldValueProblem {
  message: LocalizedText;
  path?: string;
  params?: Record<string, unknown>;
}

/**
 * A form field type. Registered by name and pinned by `type@version` in definitions.
 * `valueSchema` turns the field's config into the JSON Schema its value must satisfy.
 */
export interface FieldType<Config = Record<string, unknown>> {
  type: string;
  version: string;
  configSchema: JsonSchema;
  describe(): TypeDescription;
  valueSchema(config: Config): JsonSchema;
  defaultValue?(config: Config): unknown;
  /** Flags the runtime acts on: `secret` values are encrypted at rest, `file` values are attachment refs. */
  traits?: { secret?: boolean; file?: boolean; relation?: boolean; container?: boolean; computed?: boolean };
  /** rjsf-style hints for this field's uiSchema entry (`ui:widget`, `ui:options` …); texts in `locale`. */
  uiSchema?(config: Config, locale?: Locale): Record<string, unknown>;
  /**
   * A value that means "not given" though it is not empty to the eye (an untouched signature pad sends `{}`).
   * Validation drops it before anything else, so a required field left so is reported by `requiredCode`
   * at the field, never in schema wording. Must be pure and cheap.
   */
  isBlank?(value: unknown): boolean;
  /**
   * The catalogued code (params `{label}`, `{field}`) of the issue for a required field left empty, when
   * "{label} is required: fill it in" does not fit (a signature: "Please sign here").
   */
  requiredCode?: string;
  /**
   * Checks JSON Schema cannot express (e.g. a resident ID checksum). Called only on values that passed
   * `valueSchema`, so it may trust their shape. Must be pure and fast: it runs on every validation.
   */
  validateValue?(value: unknown, config: Config): FieldValueProblem[];
}
