import type { LocalizedText } from '../i18n/localized-text.js';
import type { EvalContext } from './expression-types.js';

/**
 * An operation added to the expression language, e.g. `{"addDays": [date, 3]}`. Arguments are evaluated
 * before `evaluate` is called (written as a literal array, or as one expression: see `spreadArguments`).
 * Raise failures with `ExpressionError` so that `try` can catch them. Baton's own HR operations
 * (dates, strings, records) are defined through this same interface.
 */
export interface ExpressionOperation {
  /** Fewest and most arguments; checked when the expression is validated, and again at run time. */
  minArgs?: number;
  maxArgs?: number;
  /**
   * A single expression written instead of an argument array is ONE argument by default
   * (`{"length": {"var": "assets"}}`). Set true to spread its array value into the argument list instead,
   * as JsonLogic's own arithmetic does (`{"+": {"var": "numbers"}}`).
   */
  spreadArguments?: boolean;
  /** Reads nothing but its arguments, so a call with constant arguments is folded when compiling. */
  pure?: boolean;
  /** Shown in the designer's expression editor. */
  description?: LocalizedText;
  /** Example call, for docs and the designer. */
  example?: string;
  evaluate(args: readonly unknown[], ctx: EvalContext): unknown;
}
