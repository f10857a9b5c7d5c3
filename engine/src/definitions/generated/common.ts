/* Generated from engine/schemas/common.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

/**
 * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "key".
 */
export type Key = string;
/**
 * A field or node id usable in expressions: letters, digits and underscores.
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "identifier".
 */
export type Identifier = string;
/**
 * A label: one string, or one per locale.
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "localizedText".
 */
export type LocalizedText =
  | string
  | {
      en?: string;
      'zh-CN'?: string;
    };
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "jsonLogic".
 */
export type JsonLogic = unknown;
/**
 * An extension type name, optionally pinned: "text", "approval@1", "acme/id-card@1.2".
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "typeRef".
 */
export type TypeRef = string;
/**
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "semver".
 */
export type Semver = string;

export interface CommonSchema {
  [k: string]: unknown | undefined;
}
/**
 * An amount of time; business units skip non-working days and hours of the calendar.
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "duration".
 */
export interface Duration {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'business-hours' | 'business-days';
}
/**
 * Fields every definition has.
 *
 * This interface was referenced by `CommonSchema`'s JSON-Schema
 * via the `definition` "header".
 */
export interface Header {
  kind: 'form' | 'flow' | 'rule' | 'report' | 'document' | 'connector' | 'pack';
  key: Key;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  [k: string]: unknown | undefined;
}
