import type { EvalContext } from './expression-types.js';
import type { ExpressionOperation } from './expression-operation.js';

/** Per-evaluation state: the caller's context and, for scoped `val`, the frames of enclosing iterators. */
export interface Env {
  ctx: EvalContext | undefined;
  /** Pairs pushed by iterators and `try`: [outer data, meta] per level. */
  stack: unknown[];
}

export type Evaluator = (data: unknown, env: Env) => unknown;

/** A compiled node plus what its parent may specialise on. */
export interface Compiled {
  fn: Evaluator;
  constant: boolean;
  value?: unknown;
  /** A `var`/`val` of a fixed path in the current scope (no default), so parents can read it inline. */
  path?: readonly string[];
}

export interface CompileContext {
  compile(logic: unknown): Compiled;
  operations: ReadonlyMap<string, ExpressionOperation>;
  /** True when some `val` jumps scopes or a `try` runs: iterators must then push frames. */
  scoped: boolean;
  /** True when a missing or null list is an empty one for all / some / none (CompileExpressionOptions.missingArrays). */
  missingIsEmpty: boolean;
}

export type CoreCompiler = (args: unknown, cc: CompileContext, operator: string) => Compiled;

export function constant(value: unknown): Compiled {
  return { fn: () => value, constant: true, value };
}

export function dynamic(fn: Evaluator): Compiled {
  return { fn, constant: false };
}

/** Is this raw argument an operation (an object with one key) rather than a literal? */
export function isOperation(logic: unknown): logic is Record<string, unknown> {
  return logic !== null && typeof logic === 'object' && !Array.isArray(logic) && Object.keys(logic).length > 0;
}

/**
 * The argument list of an eager operation: a literal array compiles element-wise; a single expression is
 * evaluated and, if it yields an array, spread (the modern spec: `{"+": {"preserve": [7, 8]}}` is 15).
 */
export function compileArgList(args: unknown, cc: CompileContext): Compiled[] | Compiled {
  if (Array.isArray(args)) return args.map((a) => cc.compile(a));
  if (isOperation(args)) return cc.compile(args);
  return [cc.compile(args)];
}

export function evaluateArgs(list: Compiled[] | Compiled): (d: unknown, e: Env) => unknown[] {
  if (!Array.isArray(list)) {
    const one = list.fn;
    return (d, e) => {
      const v = one(d, e);
      return Array.isArray(v) ? v : [v];
    };
  }
  const fns = list.map((c) => c.fn);
  if (list.every((c) => c.constant)) {
    const values = list.map((c) => c.value);
    return () => values.slice();
  }
  return (d, e) => {
    const out = new Array<unknown>(fns.length);
    for (let i = 0; i < fns.length; i++) out[i] = (fns[i] as Evaluator)(d, e);
    return out;
  };
}
