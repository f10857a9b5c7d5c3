import { compileArgList, dynamic, evaluateArgs, type Compiled, type CoreCompiler, type Evaluator } from './compile-context.js';
import { toNumber } from './coerce.js';
import { invalidArguments, nanError } from './expression-error.js';

function checked(n: number, op: string): number {
  if (n !== n) throw nanError(op);
  return n;
}

/** Specialises the common literal-array cases (one or two operands) and falls back to a list loop. */
function arithmetic(
  op: string,
  minArgs: number,
  fold: (values: readonly unknown[]) => number,
  two?: (a: number, b: number) => number,
): CoreCompiler {
  return (args, cc) => {
    const list = compileArgList(args, cc);
    if (two && Array.isArray(list) && list.length === 2) {
      const [x, y] = list.map((c: Compiled) => c.fn) as [Evaluator, Evaluator];
      // The common shapes get their own closure with the operator inline.
      if (op === '+' || op === '*' || op === '-') {
        const sign = op;
        return dynamic((d, e) => {
          const a = x(d, e);
          const b = y(d, e);
          const p = typeof a === 'number' ? a : toNumber(a, sign);
          const q = typeof b === 'number' ? b : toNumber(b, sign);
          const r = sign === '+' ? p + q : sign === '*' ? p * q : p - q;
          if (r !== r) throw nanError(sign);
          return r;
        });
      }
      return dynamic((d, e) => {
        const a = x(d, e);
        const b = y(d, e);
        return checked(two(typeof a === 'number' ? a : toNumber(a, op), typeof b === 'number' ? b : toNumber(b, op)), op);
      });
    }
    const all = evaluateArgs(list);
    return dynamic((d, e) => {
      const values = all(d, e);
      if (values.length < minArgs) throw invalidArguments(op, `needs at least ${minArgs} argument(s)`);
      return checked(fold(values), op);
    });
  };
}

const add = arithmetic('+', 0, (vs) => {
  let s = 0;
  for (const v of vs) s += toNumber(v, '+');
  return s;
}, (a, b) => a + b);

const multiply = arithmetic('*', 0, (vs) => {
  let p = 1;
  for (const v of vs) p *= toNumber(v, '*');
  return p;
}, (a, b) => a * b);

const subtract = arithmetic('-', 1, (vs) => {
  const first = toNumber(vs[0], '-');
  if (vs.length === 1) return -first;
  let r = first;
  for (let i = 1; i < vs.length; i++) r -= toNumber(vs[i], '-');
  return r;
}, (a, b) => a - b);

function divideBy(r: number, divisor: number): number {
  if (divisor === 0) throw nanError('/');
  return r / divisor;
}

const divide = arithmetic('/', 1, (vs) => {
  const first = toNumber(vs[0], '/');
  if (vs.length === 1) return divideBy(1, first);
  let r = first;
  for (let i = 1; i < vs.length; i++) r = divideBy(r, toNumber(vs[i], '/'));
  return r;
}, divideBy);

function moduloBy(r: number, divisor: number): number {
  if (divisor === 0) throw nanError('%');
  return r % divisor;
}

const modulo = arithmetic('%', 2, (vs) => {
  let r = toNumber(vs[0], '%');
  for (let i = 1; i < vs.length; i++) r = moduloBy(r, toNumber(vs[i], '%'));
  return r;
}, moduloBy);

function extreme(op: 'max' | 'min'): CoreCompiler {
  return (args, cc) => {
    const list = compileArgList(args, cc);
    if (Array.isArray(list) && list.length === 2) {
      const [x, y] = list.map((c) => c.fn) as [Evaluator, Evaluator];
      const isMax = op === 'max';
      return dynamic((d, e) => {
        const a = x(d, e);
        const b = y(d, e);
        if (typeof a !== 'number' || typeof b !== 'number') throw invalidArguments(op, 'takes numbers only');
        return isMax ? (b > a ? b : a) : b < a ? b : a;
      });
    }
    const all = evaluateArgs(list);
    return dynamic((d, e) => {
      const values = all(d, e);
      if (values.length === 0) throw invalidArguments(op, 'needs at least one number');
      let best = values[0];
      for (const v of values) {
        if (typeof v !== 'number') throw invalidArguments(op, 'takes numbers only');
        if (op === 'max' ? v > (best as number) : v < (best as number)) best = v;
      }
      return best;
    });
  };
}

export const ARITHMETIC_OPERATIONS: Record<string, CoreCompiler> = {
  '+': add,
  '*': multiply,
  '-': subtract,
  '/': divide,
  '%': modulo,
  max: extreme('max'),
  min: extreme('min'),
};
