import { dynamic, isOperation, type CompileContext, type CoreCompiler, type Env, type Evaluator } from './compile-context.js';
import { truthy } from './coerce.js';
import { invalidArguments } from './expression-error.js';
import { varSegments } from './data-path.js';
import { compileSumReduce } from './sum-reduce.js';

interface IteratorParts {
  list: Evaluator;
  body: Evaluator;
  initial?: Evaluator;
}

function parts(args: unknown, cc: CompileContext, op: string): IteratorParts {
  if (!Array.isArray(args) || args.length < 2) throw invalidArguments(op, 'needs [array, expression]');
  const out: IteratorParts = { list: cc.compile(args[0]).fn, body: cc.compile(args[1]).fn };
  if (args.length > 2) out.initial = cc.compile(args[2]).fn;
  return out;
}

/**
 * Runs `visit` over the items with the body's data set to each item. When the expression uses scoped
 * `val`, the data outside and an `{iterator, index}` meta are pushed so `{"val": [[2], "x"]}` reaches out.
 */
function iterate(
  items: unknown[],
  d: unknown,
  e: Env,
  scoped: boolean,
  visit: (item: unknown, index: number) => boolean | void,
): void {
  if (!scoped) {
    for (let i = 0; i < items.length; i++) if (visit(items[i], i) === false) return;
    return;
  }
  const st = e.stack;
  st.push(d, null);
  const meta = st.length - 1;
  for (let i = 0; i < items.length; i++) {
    st[meta] = { iterator: items, index: i };
    if (visit(items[i], i) === false) break;
  }
  st.length = meta - 1;
}

const compileMap: CoreCompiler = (args, cc, op) => {
  const { list, body } = parts(args, cc, op);
  const scoped = cc.scoped;
  return dynamic((d, e) => {
    const items = list(d, e);
    if (!Array.isArray(items)) return [];
    const out = new Array<unknown>(items.length);
    if (!scoped) {
      for (let i = 0; i < items.length; i++) out[i] = body(items[i], e);
      return out;
    }
    iterate(items, d, e, true, (item, i) => {
      out[i] = body(item, e);
    });
    return out;
  });
};

const compileFilter: CoreCompiler = (args, cc, op) => {
  const { list, body } = parts(args, cc, op);
  const scoped = cc.scoped;
  return dynamic((d, e) => {
    const items = list(d, e);
    if (!Array.isArray(items)) return [];
    const out: unknown[] = [];
    if (!scoped) {
      for (let i = 0; i < items.length; i++) if (truthy(body(items[i], e))) out.push(items[i]);
      return out;
    }
    iterate(items, d, e, true, (item) => {
      if (truthy(body(item, e))) out.push(item);
    });
    return out;
  });
};

/** Operations that can see (and so return or keep) the data object itself rather than values read by path. */
const SEES_DATA_OBJECT = new Set(['val', 'exists', 'missing', 'missing_some', 'try']);

/**
 * Whether an expression only reads its data by literal, non-empty `var` paths: it can then never return or
 * keep the data object itself, so reduce may refill one `{current, accumulator}` object per item.
 */
function readsOnlyPaths(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.every(readsOnlyPaths);
  if (!isOperation(logic)) return true;
  for (const [op, args] of Object.entries(logic)) {
    if (op === 'preserve') continue;
    if (SEES_DATA_OBJECT.has(op)) return false;
    if (op !== 'var') {
      if (!readsOnlyPaths(args)) return false;
      continue;
    }
    const list = Array.isArray(args) ? args : [args];
    const path = list[0];
    if (isOperation(path) || Array.isArray(path) || varSegments(path)[0] === undefined || varSegments(path)[0] === '') return false;
    if (list.length > 1 && !readsOnlyPaths(list.slice(1))) return false;
  }
  return true;
}

const compileReduce: CoreCompiler = (args, cc, op) => {
  const { list, body, initial } = parts(args, cc, op);
  const sum = compileSumReduce(args, cc, list, initial);
  if (sum) return sum;
  const scoped = cc.scoped;
  const reuse = Array.isArray(args) && readsOnlyPaths(args[1]);
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
    if (!scoped) {
      if (reuse) {
        const item: { current: unknown; accumulator: unknown } = { current: undefined, accumulator: undefined };
        for (let i = start; i < items.length; i++) {
          item.current = items[i];
          item.accumulator = acc;
          acc = body(item, e);
        }
        return acc;
      }
      for (let i = start; i < items.length; i++) acc = body({ current: items[i], accumulator: acc }, e);
      return acc;
    }
    const rest = start === 0 ? items : items.slice(start);
    iterate(rest, d, e, true, (current) => {
      acc = body({ current, accumulator: acc }, e);
    });
    return acc;
  });
};

/**
 * all / some / none: an empty array is false / false / true. A missing (or null) one is an error under the
 * spec, and empty when compiled with `missingArrays: "empty"` (as json-logic-js reads it); any other
 * non-array is always an error.
 */
function quantifier(kind: 'all' | 'some' | 'none'): CoreCompiler {
  return (args, cc, op) => {
    const { list, body } = parts(args, cc, op);
    const scoped = cc.scoped;
    const missingIsEmpty = cc.missingIsEmpty;
    return dynamic((d, e) => {
      const items = list(d, e);
      if (!Array.isArray(items)) {
        if (missingIsEmpty && (items === null || items === undefined)) return kind === 'none';
        throw invalidArguments(op, 'the first argument must be an array');
      }
      if (items.length === 0) return kind === 'none';
      if (!scoped) {
        // Plain loop: the common case, no frames and no callback allocation.
        if (kind === 'all') {
          for (let i = 0; i < items.length; i++) if (!truthy(body(items[i], e))) return false;
          return true;
        }
        for (let i = 0; i < items.length; i++) if (truthy(body(items[i], e))) return kind === 'some';
        return kind === 'none';
      }
      let found = false;
      const want = kind === 'all' ? false : true;
      iterate(items, d, e, scoped, (item) => {
        if (truthy(body(item, e)) === want) {
          found = true;
          return false;
        }
      });
      return kind === 'all' ? !found : kind === 'some' ? found : !found;
    });
  };
}

export const ITERATOR_OPERATIONS: Record<string, CoreCompiler> = {
  map: compileMap,
  filter: compileFilter,
  reduce: compileReduce,
  all: quantifier('all'),
  some: quantifier('some'),
  none: quantifier('none'),
};
