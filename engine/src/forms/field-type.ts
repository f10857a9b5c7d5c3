import type { LocalizedText } from '../i18n/localized-text.js';

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
}
