/* Generated from engine/schemas/pack.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

/**
 * A label: one string, or one per locale.
 */
export type LocalizedText =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * One definition: in a file of the pack, or inline. Importers inline files before validating.
 *
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "definitionEntry".
 */
export type DefinitionEntry = {
  kind: 'form' | 'flow' | 'rule' | 'report' | 'document' | 'connector';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  file?: File;
  /**
   * The definition itself; its kind and key must match the entry.
   */
  definition?: {
    [k: string]: unknown | undefined;
  };
} & DefinitionEntry1;
/**
 * A path relative to the pack folder (no "..", no leading "/").
 *
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "file".
 */
export type File = string;
export type DefinitionEntry1 = {
  [k: string]: unknown | undefined;
};
/**
 * Data loaded on import: records of a collection form, or directory entries (people, departments).
 *
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "seed".
 */
export type Seed = {
  [k: string]: unknown | undefined;
} & {
  target: 'records' | 'directory';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  form?: string;
  file?: File;
  data?: {
    [k: string]: unknown | undefined;
  }[];
  /**
   * Demo data: loaded only on request, and marked as demo.
   */
  demo?: boolean;
};
/**
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "scenario".
 */
export type Scenario = {
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  title?: LocalizedText;
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  flow: string;
  file?: File;
  /**
   * The simulate() scenario itself (inputs and a script of decisions).
   */
  scenario?: {
    [k: string]: unknown | undefined;
  };
} & Scenario1;
export type Scenario1 = {
  [k: string]: unknown | undefined;
};

/**
 * A template pack (pack.json): the definitions it ships, seed data, parameters, the connectors it expects, the engine version it needs, and its own flow test scenarios. Data only, no code.
 */
export interface PackDefinition {
  kind: 'pack';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  /**
   * The pack's own release number, shown to operators.
   */
  release?: string;
  /**
   * The engine versions the pack works with: "^0.1.0", ">=0.1.0" or "0.1.0".
   */
  engine: string;
  /**
   * @minItems 1
   */
  locales?: ('en' | 'zh-CN')[];
  /**
   * @minItems 1
   */
  definitions: DefinitionEntry[];
  parameters?: Parameter[];
  /**
   * Roles the definitions assign work to; an operator maps them to people.
   */
  roles?: Role[];
  /**
   * Connectors the pack uses, unconfigured until an operator sets them (PUT /api/connectors/:key).
   */
  connectors?: ConnectorSlot[];
  seed?: Seed[];
  /**
   * Flow test cases run through simulate().
   */
  scenarios?: Scenario[];
}
/**
 * A setting an operator may change after import; definitions read it as {"var": "$params.<key>"}.
 *
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "parameter".
 */
export interface Parameter {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'time' | 'duration' | 'select';
  /**
   * Must be a value of `type` (and within minimum/maximum, one of options).
   */
  default?: {
    [k: string]: unknown | undefined;
  };
  minimum?: number;
  maximum?: number;
  /**
   * What a number counts, e.g. business-days.
   */
  unit?: 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';
  /**
   * @minItems 1
   */
  options?: {
    value: string | number;
    label: LocalizedText;
  }[];
  required?: boolean;
}
/**
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "role".
 */
export interface Role {
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  label: LocalizedText;
  description?: LocalizedText;
}
/**
 * This interface was referenced by `PackDefinition`'s JSON-Schema
 * via the `definition` "connectorSlot".
 */
export interface ConnectorSlot {
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  /**
   * An extension type name, optionally pinned: "text", "approval@1", "acme/id-card@1.2".
   */
  type: string;
  label: LocalizedText;
  description?: LocalizedText;
  /**
   * The pack does not work without it (false: features degrade gracefully).
   */
  required?: boolean;
  /**
   * Every configured connector of this type is used (e.g. one SCIM connector per linked system).
   */
  multiple?: boolean;
}
