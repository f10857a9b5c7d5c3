// TEMPORARY: backed by json-logic-js until the closure compiler lands (expressions work replaces this file).
import jsonLogic from 'json-logic-js';
import type { CompiledExpression, JsonLogic } from './expression-types.js';

export function compileExpression(logic: JsonLogic): CompiledExpression {
  return (data) => jsonLogic.apply(logic as never, data as never);
}

/** Every `var` path the expression reads (static ones only), e.g. ["employeeId", "customers"]. */
export function collectVariables(logic: JsonLogic): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [op, args] of Object.entries(node)) {
        if (op === 'var') {
          const path = Array.isArray(args) ? args[0] : args;
          if (typeof path === 'string' && path !== '') out.add(path);
        } else walk(args);
      }
    }
  };
  walk(logic);
  return [...out];
}
