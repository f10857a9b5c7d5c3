import { BatonError } from '../errors/error-catalogue.js';
import {
  constant,
  dynamic,
  isOperation,
  type Compiled,
  type CompileContext,
  type Env,
  type Evaluator,
} from './compile-context.js';
import { CORE_OPERATIONS, DATA_DEPENDENT } from './core-operations.js';
import { invalidArguments } from './expression-error.js';
import { EXPRESSION_ERRORS } from './expression-errors.js';
import type { ExpressionOperation } from './expression-operation.js';
import type { CompileExpressionOptions, CompiledExpression, EvalContext, JsonLogic } from './expression-types.js';
import { resolveOperations } from './operation-table.js';
import { validateExpression } from './validate-expression.js';

export { collectVariables } from './collect-variables.js';

const NO_CTX: EvalContext = Object.freeze({});
const NO_STACK: unknown[] = Object.freeze([]) as unknown as unknown[];

/** Does any `val` jump scopes, or any `try` run? Only then must iterators push frames. */
function usesScopes(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.some(usesScopes);
  if (!isOperation(logic)) return false;
  for (const [op, args] of Object.entries(logic)) {
    if (op === 'preserve') continue;
    if (op === 'try') return true;
    if (op === 'val' && Array.isArray(args) && Array.isArray(args[0])) return true;
    if (usesScopes(args)) return true;
  }
  return false;
}

/** Whether a subtree reads nothing but constants, so it can be evaluated once at compile time. */
function isStatic(logic: unknown, operations: ReadonlyMap<string, ExpressionOperation>, memo: Map<object, boolean>): boolean {
  if (Array.isArray(logic)) return logic.every((l) => isStatic(l, operations, memo));
  if (!isOperation(logic)) return true;
  const known = memo.get(logic);
  if (known !== undefined) return known;
  const [op, args] = Object.entries(logic)[0] as [string, unknown];
  let result: boolean;
  if (op === 'preserve') result = true;
  else if (DATA_DEPENDENT.has(op)) result = false;
  else if (!Object.prototype.hasOwnProperty.call(CORE_OPERATIONS, op) && !operations.get(op)?.pure) result = false;
  else result = isStatic(args, operations, memo);
  memo.set(logic, result);
  return result;
}

function compileOperation(name: string, op: ExpressionOperation, args: unknown, cc: CompileContext): Compiled {
  const literal = Array.isArray(args) || !isOperation(args);
  const fns = (Array.isArray(args) ? args : [args]).map((a) => cc.compile(a).fn);
  const evaluate = op.evaluate;
  const { minArgs = 0, maxArgs = Infinity } = op;
  if (literal || !op.spreadArguments) {
    if (fns.length === 1) {
      const only = fns[0] as Evaluator;
      return dynamic((d, e) => evaluate([only(d, e)], e.ctx ?? NO_CTX));
    }
    return dynamic((d, e) => {
      const values = new Array<unknown>(fns.length);
      for (let i = 0; i < fns.length; i++) values[i] = (fns[i] as Evaluator)(d, e);
      return evaluate(values, e.ctx ?? NO_CTX);
    });
  }
  const one = fns[0] as Evaluator;
  return dynamic((d, e) => {
    const v = one(d, e);
    const values = Array.isArray(v) ? v : [v];
    if (values.length < minArgs || values.length > maxArgs) throw invalidArguments(name, `got ${values.length} argument(s)`);
    return evaluate(values, e.ctx ?? NO_CTX);
  });
}

function makeContext(operations: ReadonlyMap<string, ExpressionOperation>, scoped: boolean, missingIsEmpty: boolean): CompileContext {
  const memo = new Map<object, boolean>();
  const foldEnv: Env = { ctx: NO_CTX, stack: [] };
  const cc: CompileContext = {
    operations,
    scoped,
    missingIsEmpty,
    compile(logic) {
      if (Array.isArray(logic)) {
        const items = logic.map((l) => cc.compile(l));
        if (items.every((c) => c.constant)) return constant(items.map((c) => c.value));
        const fns = items.map((c) => c.fn);
        return dynamic((d, e) => {
          const out = new Array<unknown>(fns.length);
          for (let i = 0; i < fns.length; i++) out[i] = (fns[i] as Evaluator)(d, e);
          return out;
        });
      }
      if (!isOperation(logic)) return constant(logic);
      const [name, args] = Object.entries(logic)[0] as [string, unknown];
      const core = Object.prototype.hasOwnProperty.call(CORE_OPERATIONS, name) ? CORE_OPERATIONS[name] : undefined;
      const custom = core ? undefined : operations.get(name);
      const compiled = core ? core(args, cc, name) : compileOperation(name, custom as ExpressionOperation, args, cc);
      if (compiled.constant || name === 'preserve' || !isStatic(logic, operations, memo)) return compiled;
      // Fold constant sub-expressions ({"*": [24, 60]}); errors stay for run time, objects are not shared.
      try {
        const value = compiled.fn(undefined, foldEnv);
        if (value === null || typeof value !== 'object') return constant(value);
      } catch {
        /* keep it dynamic: it raises when evaluated, as it should */
      }
      return compiled;
    },
  };
  return cc;
}

/**
 * Compiles a JsonLogic tree once into closures (no eval, no new Function), after validating it: an invalid
 * tree throws a BatonError (BATON_E_EXPR_INVALID) whose `issues` say what to change. The result evaluates
 * `(data, ctx)`; failures while evaluating throw ExpressionError (`type` "NaN", "Invalid Arguments", …).
 */
export function compileExpression(logic: JsonLogic, options?: CompileExpressionOptions): CompiledExpression {
  const operations = resolveOperations(options);
  const issues = validateExpression(logic, '', 'en', options);
  if (issues.length > 0) {
    throw new BatonError(EXPRESSION_ERRORS.BATON_E_EXPR_INVALID, { count: issues.length, first: (issues[0] as { message: string }).message }, issues);
  }
  const scoped = usesScopes(logic);
  const root = makeContext(operations, scoped, options?.missingArrays === 'empty').compile(logic);
  if (root.constant) {
    const value = root.value;
    if (value === null || typeof value !== 'object') return () => value;
    return () => structuredClone(value);
  }
  const fn = root.fn;
  if (scoped) return (data, ctx) => fn(data, { ctx, stack: [] });
  // Unscoped trees never push frames, so one env per distinct ctx object is enough.
  const bare: Env = { ctx: undefined, stack: NO_STACK };
  let lastCtx: EvalContext | undefined;
  let lastEnv = bare;
  return (data, ctx) => {
    if (ctx === undefined) return fn(data, bare);
    if (ctx !== lastCtx) {
      lastCtx = ctx;
      lastEnv = { ctx, stack: NO_STACK };
    }
    return fn(data, lastEnv);
  };
}
