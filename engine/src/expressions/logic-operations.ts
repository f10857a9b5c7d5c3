import {
  compileArgList,
  constant,
  dynamic,
  evaluateArgs,
  type Compiled,
  type CoreCompiler,
  type Evaluator,
} from './compile-context.js';
import { truthy } from './coerce.js';
import { ExpressionError, invalidArguments } from './expression-error.js';

/** Operators whose arguments must be a literal array, so that they can stay lazy. Checked by validation. */
function literalArgs(args: unknown, operator: string): unknown[] {
  if (!Array.isArray(args)) throw invalidArguments(operator, 'arguments must be a literal array');
  return args;
}

const compileAnd: CoreCompiler = (args, cc, op) => {
  const fns = literalArgs(args, op).map((a) => cc.compile(a).fn);
  if (fns.length === 0) return constant(false);
  if (fns.length === 2) {
    const [a, b] = fns as [Evaluator, Evaluator];
    return dynamic((d, e) => {
      const v = a(d, e);
      return truthy(v) ? b(d, e) : v;
    });
  }
  return dynamic((d, e) => {
    let v: unknown;
    for (let i = 0; i < fns.length; i++) {
      v = (fns[i] as Evaluator)(d, e);
      if (!truthy(v)) return v;
    }
    return v;
  });
};

const compileOr: CoreCompiler = (args, cc, op) => {
  const fns = literalArgs(args, op).map((a) => cc.compile(a).fn);
  if (fns.length === 0) return constant(false);
  if (fns.length === 2) {
    const [a, b] = fns as [Evaluator, Evaluator];
    return dynamic((d, e) => {
      const v = a(d, e);
      return truthy(v) ? v : b(d, e);
    });
  }
  return dynamic((d, e) => {
    let v: unknown;
    for (let i = 0; i < fns.length; i++) {
      v = (fns[i] as Evaluator)(d, e);
      if (truthy(v)) return v;
    }
    return v;
  });
};

const compileIf: CoreCompiler = (args, cc, op) => {
  const parts = literalArgs(args, op).map((a) => cc.compile(a));
  if (parts.length === 0) return constant(null);
  if (parts.length === 1) return parts[0] as Compiled;
  if (parts.length <= 3) {
    const test = (parts[0] as Compiled).fn;
    const yes = (parts[1] as Compiled).fn;
    const no = parts[2]?.fn;
    // Both branches literals (`{"if": [{"var": "confirmed"}, 0, 1]}`): pick the value, call nothing more.
    const [, then, otherwise] = parts as [Compiled, Compiled, Compiled | undefined];
    if (then.constant && (otherwise === undefined || otherwise.constant)) {
      const a = then.value;
      const b = otherwise === undefined ? null : otherwise.value;
      return dynamic((d, e) => (truthy(test(d, e)) ? a : b));
    }
    if (!no) return dynamic((d, e) => (truthy(test(d, e)) ? yes(d, e) : null));
    return dynamic((d, e) => (truthy(test(d, e)) ? yes(d, e) : no(d, e)));
  }
  const fns = parts.map((p) => p.fn);
  return dynamic((d, e) => {
    let i = 0;
    for (; i + 1 < fns.length; i += 2) if (truthy((fns[i] as Evaluator)(d, e))) return (fns[i + 1] as Evaluator)(d, e);
    return i < fns.length ? (fns[i] as Evaluator)(d, e) : null;
  });
};

function firstArg(args: unknown, cc: Parameters<CoreCompiler>[1]): Evaluator {
  const list = compileArgList(args, cc);
  if (Array.isArray(list)) {
    const first = list[0]?.fn;
    return first ?? (() => undefined);
  }
  const all = evaluateArgs(list);
  return (d, e) => all(d, e)[0];
}

const compileNot: CoreCompiler = (args, cc) => {
  const arg = firstArg(args, cc);
  return dynamic((d, e) => !truthy(arg(d, e)));
};

const compileDoubleBang: CoreCompiler = (args, cc) => {
  const arg = firstArg(args, cc);
  return dynamic((d, e) => truthy(arg(d, e)));
};

const compileCoalesce: CoreCompiler = (args, cc) => {
  const list = compileArgList(args, cc);
  if (!Array.isArray(list)) {
    const all = evaluateArgs(list);
    return dynamic((d, e) => all(d, e).find((v) => v !== null && v !== undefined) ?? null);
  }
  const fns = list.map((c) => c.fn);
  return dynamic((d, e) => {
    for (let i = 0; i < fns.length; i++) {
      const v = (fns[i] as Evaluator)(d, e);
      if (v !== null && v !== undefined) return v;
    }
    return null;
  });
};

const compileThrow: CoreCompiler = (args, cc) => {
  const all = evaluateArgs(compileArgList(args, cc));
  return dynamic((d, e) => {
    const v = all(d, e)[0];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const payload = v as Record<string, unknown>;
      throw new ExpressionError(String(payload.type ?? 'Error'), '', payload);
    }
    throw new ExpressionError(String(v));
  });
};

/**
 * `try`: evaluates each branch in turn until one succeeds; a failing branch's error object
 * (`{"type": ...}`) becomes the data of the next branch, with the data outside reachable as scope 2.
 */
const compileTry: CoreCompiler = (args, cc) => {
  const list = compileArgList(args, cc);
  const fns = (Array.isArray(list) ? list : [list]).map((c) => c.fn);
  if (fns.length === 0) return constant(null);
  return dynamic((d, e) => {
    const depth = e.stack.length;
    let data = d;
    let pushed = false;
    for (let i = 0; ; i++) {
      try {
        const v = (fns[i] as Evaluator)(data, e);
        if (pushed) e.stack.length = depth;
        return v;
      } catch (err) {
        e.stack.length = depth;
        if (!(err instanceof ExpressionError) || i === fns.length - 1) throw err;
        data = err.payload;
        e.stack.push(d, null);
        pushed = true;
      }
    }
  });
};

export const LOGIC_OPERATIONS: Record<string, CoreCompiler> = {
  and: compileAnd,
  or: compileOr,
  if: compileIf,
  '?:': compileIf,
  '!': compileNot,
  '!!': compileDoubleBang,
  '??': compileCoalesce,
  throw: compileThrow,
  try: compileTry,
};
