import { compileDefinitionExpression } from '../expressions/definition-expressions.js';
import type { CompiledExpression, EvalContext, JsonLogic } from '../expressions/expression-types.js';

const compiledLogic = new WeakMap<object, CompiledExpression>();

/** Evaluates JsonLogic, compiling each tree once per object identity (definitions do not change once compiled). */
export function evaluateLogic(logic: JsonLogic, data: unknown, ctx: EvalContext): unknown {
  if (logic === null || typeof logic !== 'object') return logic;
  let fn = compiledLogic.get(logic);
  if (!fn) {
    fn = compileDefinitionExpression(logic);
    compiledLogic.set(logic, fn);
  }
  return fn(data, ctx);
}
