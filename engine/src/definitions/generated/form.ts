/* Generated from engine/schemas/form.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

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
 * Shown (and required, and kept) only while this is truthy. In a sub-table column the row is the scope; $parent is the whole form, $index the row number.
 */
export type JsonLogic = unknown;
/**
 * Required while this is truthy (and the field is visible).
 */
export type JsonLogic1 = unknown;
/**
 * The value is derived from this expression and cannot be edited.
 */
export type JsonLogic2 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic3 = unknown;
/**
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "fieldAccess".
 */
export type FieldAccess = 'editable' | 'readonly' | 'hidden';
/**
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "nodeId".
 */
export type NodeId = string;
/**
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "fieldPath".
 */
export type FieldPath = string;

/**
 * A form: typed fields (built-in or plugin field types), their logic (visibleIf, requiredIf, computed as JsonLogic), sections for layout, cross-field validations and field access per flow node.
 */
export interface FormDefinition {
  kind: 'form';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  /**
   * @minItems 1
   */
  fields: Field[];
  sections?: Section[];
  validations?: Validation[];
  /**
   * Field access per flow node id: node id -> field key ("*" for every field, "table.column" for a sub-table column) -> editable | readonly | hidden. Unlisted fields fall back to "*", then to editable.
   */
  access?: {
    [k: string]:
      | {
          [k: string]: FieldAccess | undefined;
        }
      | undefined;
  };
  /**
   * True when the form is a data table (e.g. customer, asset) whose records other forms' relation fields point at.
   */
  collection?: boolean;
  /**
   * Roles that may read the records of this collection; any signed-in user when omitted (writers, HR and designers always may).
   */
  readers?: string[];
  /**
   * User fields of a record whose person may read that record even without a `readers` role (e.g. an asset's holderId: everyone sees the devices they hold).
   *
   * Items: A field or node id usable in expressions: letters, digits and underscores.
   */
  readerFields?: string[];
  /**
   * Roles that may create and change records of this collection, besides HR, designers and admins.
   */
  writers?: string[];
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  titleField?: string;
}
/**
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "field".
 */
export interface Field {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  key: string;
  /**
   * An extension type name, optionally pinned: "text", "approval@1", "acme/id-card@1.2".
   */
  type: string;
  label: LocalizedText;
  description?: LocalizedText;
  placeholder?: LocalizedText;
  required?: boolean;
  readOnly?: boolean;
  /**
   * Initial value; must satisfy the field type's value schema.
   */
  default?: unknown;
  /**
   * Options of the field type, validated against the type's configSchema (relation: { form, multiple?, displayField? }).
   */
  config?: {
    [k: string]: unknown | undefined;
  };
  visibleIf?: JsonLogic;
  requiredIf?: JsonLogic1;
  computed?: JsonLogic2;
  /**
   * Only for sub-table fields: the columns of each row.
   *
   * @minItems 1
   */
  fields?: Field[];
}
/**
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "section".
 */
export interface Section {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  key?: string;
  title: LocalizedText;
  description?: LocalizedText;
  /**
   * @minItems 1
   *
   * Items: A field or node id usable in expressions: letters, digits and underscores.
   */
  fields: string[];
}
/**
 * A cross-field rule: when `when` holds (or always), `assert` must hold, else `message` is shown on `path`.
 *
 * This interface was referenced by `FormDefinition`'s JSON-Schema
 * via the `definition` "validation".
 */
export interface Validation {
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  key: string;
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  each?: string;
  when?: JsonLogic3;
  assert: JsonLogic3;
  /**
   * A field or node id usable in expressions: letters, digits and underscores.
   */
  path: string;
  message: LocalizedText;
}
