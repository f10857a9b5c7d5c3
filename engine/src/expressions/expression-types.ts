import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { DirectoryReader } from '../directory/directory.js';
import type { ExpressionOperation } from './expression-operation.js';

/** A JsonLogic tree as stored in definitions: any JSON value. */
export type JsonLogic = unknown;

/**
 * What an expression may read besides its data. Time comes only from here (never the wall clock),
 * so evaluating the same rule on the same inputs always gives the same answer.
 */
export interface EvalContext {
  /** ISO 8601 instant that `{"now": []}` returns. */
  now?: string;
  /** IANA time zone of the organisation, for `startOfDay` and business-day arithmetic. */
  timeZone?: string;
  calendar?: WorkCalendar;
  /** The organisation, read by the `directory` operation (flows and rules pass theirs). */
  directory?: DirectoryReader;
}

export type CompiledExpression = (data?: unknown, ctx?: EvalContext) => unknown;

export interface CompileExpressionOptions {
  /** Extra operations by name (plugins, the host application). Built-in JsonLogic names cannot be replaced. */
  operations?: Readonly<Record<string, ExpressionOperation>>;
  /**
   * What `all` / `some` / `none` do with a list that is missing or null. `"error"` (the default) follows the
   * modern spec and its conformance suite: the "Invalid Arguments" error. `"empty"` treats it as `[]`, as
   * json-logic-js does: definitions compile this way (definition-expressions.ts), so a gate over a sub-table
   * nobody filled in reads as an empty list. Any other non-array stays an error either way.
   */
  missingArrays?: 'error' | 'empty';
}
