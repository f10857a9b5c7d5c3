import { BatonError } from '../errors/error-catalogue.js';
import { CORE_OPERATIONS } from './core-operations.js';
import { EXPRESSION_ERRORS } from './expression-errors.js';
import type { ExpressionOperation } from './expression-operation.js';
import type { CompileExpressionOptions } from './expression-types.js';
import { BATON_OPERATIONS } from './baton-operations.js';

const DEFAULT_TABLE: ReadonlyMap<string, ExpressionOperation> = new Map(Object.entries(BATON_OPERATIONS));

/**
 * The non-core operations an expression may call: Baton's HR operations plus the caller's. The caller may
 * replace an HR operation (e.g. a different `now`), never a JsonLogic operator.
 */
export function resolveOperations(options?: CompileExpressionOptions): ReadonlyMap<string, ExpressionOperation> {
  const extra = options?.operations;
  if (!extra) return DEFAULT_TABLE;
  const table = new Map(DEFAULT_TABLE);
  for (const [name, op] of Object.entries(extra)) {
    if (Object.prototype.hasOwnProperty.call(CORE_OPERATIONS, name)) {
      throw new BatonError(EXPRESSION_ERRORS.BATON_E_EXPR_OPERATION_CONFLICT, { operator: name });
    }
    table.set(name, op);
  }
  return table;
}
