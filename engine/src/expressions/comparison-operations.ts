import { dynamic, type Compiled, type CoreCompiler, type Evaluator } from './compile-context.js';
import { compareValues, looseEquals } from './coerce.js';
import { invalidArguments } from './expression-error.js';
import { pathReader } from './data-operations.js';
import { isBlockedSegment } from './data-path.js';

type Test = (a: unknown, b: unknown) => boolean;

/** Each test has a fast path for the shapes rules use most (two numbers, two strings). */
const TESTS: Record<string, Test> = {
  '==': (a, b) => (typeof a === typeof b && typeof a !== 'object' ? a === b : looseEquals(a, b, '==')),
  '!=': (a, b) => !(typeof a === typeof b && typeof a !== 'object' ? a === b : looseEquals(a, b, '!=')),
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '<': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a < b : compareValues(a, b, '<') < 0),
  '<=': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a <= b : compareValues(a, b, '<=') <= 0),
  '>': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a > b : compareValues(a, b, '>') > 0),
  '>=': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a >= b : compareValues(a, b, '>=') >= 0),
};

type Reader = (d: unknown) => unknown;

/**
 * The field reader of `field OP constant`. For a path of two segments ("employee.noticeDays") it returns
 * undefined and the caller reads inline (two property loads in the comparison's own closure, no call).
 */
function twoSegments(path: readonly string[]): [string, string] | undefined {
  return path.length === 2 && !path.some(isBlockedSegment) ? [path[0] as string, path[1] as string] : undefined;
}

/** readPath semantics for a two-segment path: missing, or a function, reads as undefined. */
function second(d: unknown, k1: string, k2: string): unknown {
  if (d === null || d === undefined) return undefined;
  const m = (d as Record<string, unknown>)[k1];
  if (m === null || m === undefined || typeof m === 'function') return undefined;
  const v = (m as Record<string, unknown>)[k2];
  return typeof v === 'function' ? undefined : v;
}

/** `field < number` and friends: one closure per operator so the hot comparison is inline, not another call. */
function againstNumber(lt: string, read: Reader, c: number, slow: (raw: unknown) => boolean, pair: [string, string] | undefined): Compiled {
  if (pair) {
    const [k1, k2] = pair;
    switch (lt) {
      case '<':
        return dynamic((d) => {
          const v = second(d, k1, k2);
          return typeof v === 'number' ? v < c : slow(v);
        });
      case '<=':
        return dynamic((d) => {
          const v = second(d, k1, k2);
          return typeof v === 'number' ? v <= c : slow(v);
        });
      case '>':
        return dynamic((d) => {
          const v = second(d, k1, k2);
          return typeof v === 'number' ? v > c : slow(v);
        });
      default:
        return dynamic((d) => {
          const v = second(d, k1, k2);
          return typeof v === 'number' ? v >= c : slow(v);
        });
    }
  }
  switch (lt) {
    case '<':
      return dynamic((d) => {
        const v = read(d);
        return typeof v === 'number' ? v < c : slow(v);
      });
    case '<=':
      return dynamic((d) => {
        const v = read(d);
        return typeof v === 'number' ? v <= c : slow(v);
      });
    case '>':
      return dynamic((d) => {
        const v = read(d);
        return typeof v === 'number' ? v > c : slow(v);
      });
    default:
      return dynamic((d) => {
        const v = read(d);
        return typeof v === 'number' ? v >= c : slow(v);
      });
  }
}

/**
 * `field OP constant` is the most common rule shape: read the field inline and compare against a value
 * known at compile time, skipping two closure calls per evaluation.
 */
function fieldAgainstConstant(op: string, test: Test, field: Compiled, value: unknown, flipped: boolean): Compiled {
  const path = field.path as readonly string[];
  const read = pathReader(path);
  const pair = twoSegments(path);
  if (typeof value === 'number' && (op === '<' || op === '<=' || op === '>' || op === '>=')) {
    const c = value;
    const slow = (raw: unknown): boolean => {
      const v = raw === undefined ? null : raw;
      return flipped ? test(c, v) : test(v, c);
    };
    const lt = (flipped ? { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } : { '<': '<', '<=': '<=', '>': '>', '>=': '>=' })[op];
    return againstNumber(lt, read, c, slow, pair);
  }
  if ((op === '==' || op === '===') && (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')) {
    const c = value;
    const strict = op === '===';
    const decide = (raw: unknown): boolean => {
      const v = raw === undefined ? null : raw;
      return v === c ? true : strict || typeof v === typeof c ? false : test(v, c);
    };
    if (pair) {
      const [k1, k2] = pair;
      return dynamic((d) => decide(second(d, k1, k2)));
    }
    return dynamic((d) => decide(read(d)));
  }
  if ((op === '!=' || op === '!==') && (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')) {
    const c = value;
    const strict = op === '!==';
    if (pair) {
      const [k1, k2] = pair;
      return dynamic((d) => {
        const raw = second(d, k1, k2);
        // A present value of the constant's type decides at once (the common case, no further call).
        if (typeof raw === typeof c) return raw !== c;
        const v = raw === undefined ? null : raw;
        return v === c ? false : strict ? true : test(v, c);
      });
    }
    return dynamic((d) => {
      const raw = read(d);
      const v = raw === undefined ? null : raw;
      return v === c ? false : strict || typeof v === typeof c ? true : test(v, c);
    });
  }
  return dynamic((d) => {
    const raw = read(d);
    const v = raw === undefined ? null : raw;
    return flipped ? test(value, v) : test(v, value);
  });
}

function comparison(op: string): CoreCompiler {
  const test = TESTS[op] as Test;
  return (args, cc) => {
    if (!Array.isArray(args) || args.length < 2) throw invalidArguments(op, 'needs a literal array of at least two values');
    const parts = args.map((a) => cc.compile(a));
    if (parts.length === 2) {
      const [x, y] = parts as [Compiled, Compiled];
      if (x.path && y.constant) return fieldAgainstConstant(op, test, x, y.value, false);
      if (y.path && x.constant) return fieldAgainstConstant(op, test, y, x.value, true);
      const a = x.fn;
      const b = y.fn;
      return dynamic((d, e) => test(a(d, e), b(d, e)));
    }
    const fns = parts.map((p) => p.fn);
    // Chained: every adjacent pair must pass; later operands are not evaluated once one fails.
    return dynamic((d, e) => {
      let prev = (fns[0] as Evaluator)(d, e);
      for (let i = 1; i < fns.length; i++) {
        const next = (fns[i] as Evaluator)(d, e);
        if (!test(prev, next)) return false;
        prev = next;
      }
      return true;
    });
  };
}

export const COMPARISON_OPERATIONS: Record<string, CoreCompiler> = Object.fromEntries(
  Object.keys(TESTS).map((op) => [op, comparison(op)]),
);
