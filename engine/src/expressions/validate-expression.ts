import { issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import { pointerSegment } from '../errors/issue.js';
import type { Locale } from '../i18n/localized-text.js';
import { isOperation } from './compile-context.js';
import { CORE_OPERATIONS, CORE_SHAPES, type ArgumentShape } from './core-operations.js';
import { EXPRESSION_ERRORS } from './expression-errors.js';
import type { CompileExpressionOptions, JsonLogic } from './expression-types.js';
import { resolveOperations } from './operation-table.js';

const E = EXPRESSION_ERRORS;

function expectedText(shape: ArgumentShape): string {
  const { minArgs, maxArgs } = shape;
  if (minArgs !== undefined && maxArgs !== undefined) return minArgs === maxArgs ? `${minArgs}` : `${minArgs}–${maxArgs}`;
  if (minArgs !== undefined) return `≥ ${minArgs}`;
  return `≤ ${maxArgs}`;
}

/**
 * Checks an expression tree without running it: unknown operators, objects that are not operations,
 * operators that need a literal argument array, argument counts known statically, and `null` where an
 * array or expression is required. Paths are JSON Pointers under `basePath`.
 */
export function validateExpression(
  logic: JsonLogic,
  basePath = '',
  locale: Locale = 'en',
  options?: CompileExpressionOptions,
): Issue[] {
  const operations = resolveOperations(options);
  const issues: Issue[] = [];

  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}/${i}`));
      return;
    }
    if (!isOperation(node)) return;
    const keys = Object.keys(node);
    if (keys.length > 1) {
      issues.push(issue(E.BATON_E_EXPR_NOT_AN_OPERATION, path, { count: keys.length }, locale));
      return;
    }
    const operator = keys[0] as string;
    const args = node[operator];
    const argPath = `${path}/${pointerSegment(operator)}`;
    if (operator === 'preserve') return;
    let shape: ArgumentShape | undefined;
    let spreads = true;
    if (Object.prototype.hasOwnProperty.call(CORE_OPERATIONS, operator)) shape = CORE_SHAPES[operator] ?? {};
    else {
      const custom = operations.get(operator);
      if (!custom) {
        issues.push(issue(E.BATON_E_EXPR_UNKNOWN_OPERATOR, path, { operator }, locale));
        return;
      }
      shape = { minArgs: custom.minArgs, maxArgs: custom.maxArgs };
      spreads = custom.spreadArguments === true;
    }
    if (shape.literalArray && !Array.isArray(args)) {
      issues.push(issue(E.BATON_E_EXPR_ARGS_NOT_ARRAY, argPath, { operator }, locale));
      return;
    }
    const count = Array.isArray(args) ? args.length : isOperation(args) && spreads ? undefined : 1;
    if (
      count !== undefined &&
      ((shape.minArgs !== undefined && count < shape.minArgs) || (shape.maxArgs !== undefined && count > shape.maxArgs))
    ) {
      issues.push(issue(E.BATON_E_EXPR_ARG_COUNT, argPath, { operator, expected: expectedText(shape), actual: count }, locale));
    }
    if (Array.isArray(args)) {
      for (const index of shape.notNull ?? []) {
        if (args[index] === null) issues.push(issue(E.BATON_E_EXPR_ARG_NULL, `${argPath}/${index}`, { operator, index: index + 1 }, locale));
      }
      args.forEach((a, i) => walk(a, `${argPath}/${i}`));
    } else walk(args, argPath);
  };

  walk(logic, basePath);
  return issues;
}
