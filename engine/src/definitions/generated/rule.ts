/* Generated from engine/schemas/rule.schema.json by engine/scripts/generate-types.ts. Do not edit: change the schema, then run pnpm --filter @baton/engine gen:types. */

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
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic1 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic2 = unknown;
/**
 * A JsonLogic expression (any JSON value); operators are checked by the expression compiler.
 */
export type JsonLogic3 = unknown;

/**
 * An IF-THEN rule: when the trigger fires and the condition holds, the actions produce effects.
 */
export interface RuleDefinition {
  kind: 'rule';
  /**
   * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
   */
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  tags?: string[];
  /**
   * A disabled rule is kept but never fires and plans no timers.
   */
  enabled?: boolean;
  /**
   * Limits the rule to the records of one form and/or the instances of one flow.
   */
  scope?: {
    /**
     * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
     */
    form?: string;
    /**
     * Stable machine name: lower-case letters, digits and dashes, starting with a letter.
     */
    flow?: string;
  };
  /**
   * When the rule is considered: an event, a time relative to a date field, or a schedule.
   */
  trigger: {
    /**
     * An extension type name, optionally pinned: "text", "approval@1", "acme/id-card@1.2".
     */
    type: string;
    /**
     * Validated against the trigger type's configSchema.
     */
    config?: {
      [k: string]: unknown | undefined;
    };
  };
  /**
   * Named values (JsonLogic over the data) that the condition, params and templates can read, e.g. {"employee": {"var": "employeeId"}} for "{employee.name}".
   */
  vars?: {
    [k: string]: JsonLogic | undefined;
  };
  condition?: JsonLogic1;
  /**
   * @minItems 1
   */
  actions: RuleAction[];
}
/**
 * This interface was referenced by `RuleDefinition`'s JSON-Schema
 * via the `definition` "action".
 */
export interface RuleAction {
  /**
   * An extension type name, optionally pinned: "text", "approval@1", "acme/id-card@1.2".
   */
  type: string;
  /**
   * Validated against the action type's paramsSchema.
   */
  params?: {
    [k: string]: unknown | undefined;
  };
  forEach?: JsonLogic2;
  when?: JsonLogic3;
}
