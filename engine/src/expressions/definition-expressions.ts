import { compileExpression } from './compile-expression.js';
import type { CompileExpressionOptions, CompiledExpression, JsonLogic } from './expression-types.js';

/**
 * How expressions stored in definitions (gates, conditions, form logic, rules, documents) compile: as the
 * spec says, except that `all` / `some` / `none` over a missing or null list read it as `[]`, as json-logic-js
 * does. A sub-table nobody filled in is then simply empty: `{"none": [{"var": "assets"}, …]}` holds instead
 * of failing the step. The plain compileExpression keeps the spec's error (the conformance suite wants it).
 */
export function definitionExpressionOptions(options?: CompileExpressionOptions): CompileExpressionOptions {
  return { ...options, missingArrays: 'empty' };
}

/** compileExpression with definitionExpressionOptions. */
export function compileDefinitionExpression(logic: JsonLogic, options?: CompileExpressionOptions): CompiledExpression {
  return compileExpression(logic, definitionExpressionOptions(options));
}
