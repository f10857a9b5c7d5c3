import { BatonError } from '../errors/error-catalogue.js';
import { EXPRESSION_ERRORS } from './expression-errors.js';

/** Error types the built-in operations raise (the JsonLogic suites name the first two). */
export const ERROR_TYPES = {
  nan: 'NaN',
  invalidArguments: 'Invalid Arguments',
  missingContext: 'Missing Context',
  invalidDate: 'Invalid Date',
} as const;

/**
 * A failure while evaluating an expression. `type` is what `try` handlers read (`{"val": "type"}`);
 * `payload` is the object a `throw` raised, handed to the next `try` branch as its data.
 */
export class ExpressionError extends BatonError {
  readonly type: string;
  readonly payload: Record<string, unknown>;
  constructor(type: string, detail = '', payload?: Record<string, unknown>) {
    super(EXPRESSION_ERRORS.BATON_E_EXPR_EVALUATION, { type, detail: detail || type });
    this.name = 'ExpressionError';
    this.type = type;
    this.payload = payload ?? { type };
  }
}

export function nanError(operator: string): ExpressionError {
  return new ExpressionError(ERROR_TYPES.nan, `"${operator}" got a value that is not a number`);
}

export function invalidArguments(operator: string, detail: string): ExpressionError {
  return new ExpressionError(ERROR_TYPES.invalidArguments, `"${operator}": ${detail}`);
}
