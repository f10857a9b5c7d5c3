import { DATE_OPERATIONS } from './date-operations.js';
import { DIRECTORY_OPERATIONS } from './directory-operations.js';
import type { ExpressionOperation } from './expression-operation.js';
import { RECORD_OPERATIONS } from './record-operations.js';
import { STRING_OPERATIONS } from './string-operations.js';

/**
 * The operations Baton adds to JsonLogic for HR rules. They are plain ExpressionOperation definitions,
 * registered exactly the way a plugin's operations are (see CompileExpressionOptions.operations).
 */
export const BATON_OPERATIONS: Readonly<Record<string, ExpressionOperation>> = {
  ...DATE_OPERATIONS,
  ...STRING_OPERATIONS,
  ...RECORD_OPERATIONS,
  ...DIRECTORY_OPERATIONS,
};
