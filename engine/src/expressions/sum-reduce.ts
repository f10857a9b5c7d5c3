import { dynamic, isOperation, type Compiled, type CompileContext, type Evaluator } from './compile-context.js';
import { toNumber } from './coerce.js';
import { isBlockedSegment, varSegments } from './data-path.js';
import { nanError } from './expression-error.js';

/**
 * Operations a term may use: anything but those that see the data object itself (not just values by path)
 * and the iterators (their bodies read their own items, which a rewritten path must not touch).
 */
const NOT_IN_TERM = new Set(['val', 'exists', 'missing', 'missing_some', 'try', 'map', 'filter', 'reduce', 'all', 'some', 'none']);

function isAccumulator(logic: unknown): boolean {
  if (!isOperation(logic) || Object.keys(logic).length !== 1) return false;
  const path = (logic as { var?: unknown }).var;
  return path === 'accumulator' || (Array.isArray(path) && path.length === 1 && path[0] === 'accumulator');
}

/**
 * The term rewritten to read the item itself ("current.confirmed" → "confirmed"), or undefined when it
 * reads anything but literal `current.…` paths (the accumulator, the item as a whole, a computed path).
 * A literal path read gives the same value from `{current: item}` as from the item: each step of a path
 * goes through the same step rules, and "missing" reads as null either way.
 */
function itemTerm(logic: unknown): unknown {
  if (Array.isArray(logic)) {
    const out: unknown[] = [];
    for (const item of logic) {
      const rewritten = itemTerm(item);
      if (rewritten === undefined) return undefined;
      out.push(rewritten);
    }
    return out;
  }
  if (!isOperation(logic)) return logic;
  const out: Record<string, unknown> = {};
  for (const [op, args] of Object.entries(logic)) {
    if (op === 'preserve') {
      out[op] = args;
      continue;
    }
    if (NOT_IN_TERM.has(op)) return undefined;
    if (op !== 'var') {
      const rewritten = itemTerm(args);
      if (rewritten === undefined) return undefined;
      out[op] = rewritten;
      continue;
    }
    const list = Array.isArray(args) ? args : [args];
    const path = list[0];
    if (typeof path !== 'string') return undefined;
    const segments = varSegments(path);
    if (segments.length < 2 || segments[0] !== 'current' || segments.some(isBlockedSegment)) return undefined;
    const fallback = list.length > 1 ? itemTerm(list.slice(1)) : [];
    if (fallback === undefined) return undefined;
    const itemPath = segments.slice(1).join('.');
    out[op] = Array.isArray(args) ? [itemPath, ...(fallback as unknown[])] : itemPath;
  }
  return out;
}

/**
 * `{"reduce": [list, {"+": [{"var": "accumulator"}, term]}, initial]}` (either operand order), where the
 * term reads only the current item: the commonest reduce (count or sum over a sub-table, with a condition),
 * run as one loop that evaluates the term on each item directly, with `+` inline. Undefined for any other
 * shape (the generic reduce then runs). Values, coercions and errors are the generic reduce's. The loop's
 * preamble (no list, no initial value) repeats compileReduce's on purpose: a shared helper returning the
 * start index and accumulator would allocate on every evaluation of this hot path.
 */
export function compileSumReduce(args: unknown, cc: CompileContext, list: Evaluator, initial: Evaluator | undefined): Compiled | undefined {
  if (cc.scoped || !Array.isArray(args)) return undefined;
  const body: unknown = args[1];
  if (!isOperation(body) || Object.keys(body).length !== 1) return undefined;
  const operands = (body as { '+'?: unknown })['+'];
  if (!Array.isArray(operands) || operands.length !== 2) return undefined;
  const accumulatorFirst = isAccumulator(operands[0]);
  if (!accumulatorFirst && !isAccumulator(operands[1])) return undefined;
  const rewritten = itemTerm(accumulatorFirst ? operands[1] : operands[0]);
  if (rewritten === undefined) return undefined;
  const term = cc.compile(rewritten).fn;
  return dynamic((d, e) => {
    const items = list(d, e);
    let acc = initial ? initial(d, e) : undefined;
    if (!Array.isArray(items)) return acc ?? null;
    let start = 0;
    if (!initial) {
      if (items.length === 0) return null;
      acc = items[0];
      start = 1;
    }
    for (let i = start; i < items.length; i++) {
      const t = term(items[i], e);
      // What `{"var": "accumulator"}` reads; toNumber treats null and undefined alike.
      const a = typeof acc === 'function' ? null : acc;
      const p = typeof a === 'number' ? a : toNumber(a, '+');
      const q = typeof t === 'number' ? t : toNumber(t, '+');
      const r = p + q;
      if (r !== r) throw nanError('+');
      acc = r;
    }
    return acc;
  });
}
