import {
  compileArgList,
  constant,
  dynamic,
  evaluateArgs,
  isOperation,
  type Compiled,
  type CompileContext,
  type CoreCompiler,
  type Env,
  type Evaluator,
} from './compile-context.js';
import { hasPath, readPath, valSegments, varSegments, isBlockedSegment } from './data-path.js';

/** A reader specialised on the path length: most rules read one, two or three segments. */
export function pathReader(segments: readonly string[]): (d: unknown) => unknown {
  if (segments.some(isBlockedSegment)) return () => undefined;
  if (segments.length === 0) return (d) => d;
  if (segments.length === 1) {
    const k = segments[0] as string;
    return (d) => {
      if (d === null || d === undefined) return undefined;
      const v = (d as Record<string, unknown>)[k];
      return typeof v === 'function' ? undefined : v;
    };
  }
  if (segments.length === 2) {
    const k1 = segments[0] as string;
    const k2 = segments[1] as string;
    return (d) => {
      if (d === null || d === undefined) return undefined;
      const m = (d as Record<string, unknown>)[k1];
      if (m === null || m === undefined || typeof m === 'function') return undefined;
      const v = (m as Record<string, unknown>)[k2];
      return typeof v === 'function' ? undefined : v;
    };
  }
  if (segments.length === 3) {
    const [k1, k2, k3] = segments as [string, string, string];
    // readPath unrolled: each step needs an object or a string (as `step` does).
    return (d) => {
      if (!steppable(d)) return undefined;
      const a = (d as Record<string, unknown>)[k1];
      if (!steppable(a)) return undefined;
      const b = (a as Record<string, unknown>)[k2];
      if (!steppable(b)) return undefined;
      const v = (b as Record<string, unknown>)[k3];
      return typeof v === 'function' ? undefined : v;
    };
  }
  return (d) => readPath(d, segments);
}

/** Can a path step go into this value (readPath's `step`: objects and strings, not functions)? */
function steppable(v: unknown): boolean {
  const t = typeof v;
  return v !== null && (t === 'object' || t === 'string');
}

/**
 * `{"var": path}` without a default: the path reader with "missing → null" folded in, one closure per
 * path length (a reader wrapped in a second closure was one more call for every variable read).
 */
function varReader(segments: readonly string[]): Evaluator {
  if (segments.some(isBlockedSegment)) return () => null;
  if (segments.length === 0) return (d) => (d === undefined ? null : d);
  if (segments.length === 1) {
    const k = segments[0] as string;
    return (d) => {
      if (d === null || d === undefined) return null;
      const v = (d as Record<string, unknown>)[k];
      return v === undefined || typeof v === 'function' ? null : v;
    };
  }
  if (segments.length === 2) {
    const k1 = segments[0] as string;
    const k2 = segments[1] as string;
    if (k1 === 'row') {
      return (d) => {
        if (d === null || d === undefined) return null;
        const m = (d as { row?: unknown }).row;
        if (m === null || m === undefined || typeof m === 'function') return null;
        const v = (m as Record<string, unknown>)[k2];
        return v === undefined || typeof v === 'function' ? null : v;
      };
    }
    if (k1 === 'parent') {
      return (d) => {
        if (d === null || d === undefined) return null;
        const m = (d as { parent?: unknown }).parent;
        if (m === null || m === undefined || typeof m === 'function') return null;
        const v = (m as Record<string, unknown>)[k2];
        return v === undefined || typeof v === 'function' ? null : v;
      };
    }
    return (d) => {
      if (d === null || d === undefined) return null;
      const m = (d as Record<string, unknown>)[k1];
      if (m === null || m === undefined || typeof m === 'function') return null;
      const v = (m as Record<string, unknown>)[k2];
      return v === undefined || typeof v === 'function' ? null : v;
    };
  }
  const read = pathReader(segments);
  return (d) => {
    const v = read(d);
    return v === undefined ? null : v;
  };
}

function withDefault(read: (d: unknown) => unknown, fallback: Compiled): Evaluator {
  const f = fallback.fn;
  return (d, e) => {
    const v = read(d);
    return v === undefined ? f(d, e) : v;
  };
}

const compileVar: CoreCompiler = (args, cc) => {
  const list = Array.isArray(args) ? args : [args];
  const [path, fallbackLogic] = list;
  const fallback = list.length > 1 ? cc.compile(fallbackLogic) : undefined;
  if (!isOperation(path)) {
    const segments = varSegments(path);
    const compiled: Compiled = dynamic(fallback ? withDefault(pathReader(segments), fallback) : varReader(segments));
    if (!fallback) compiled.path = segments;
    return compiled;
  }
  // A computed path: evaluate, then read.
  const pathFn = cc.compile(path).fn;
  return dynamic((d, e) => {
    const v = readPath(d, varSegments(pathFn(d, e)));
    if (v !== undefined) return v;
    return fallback ? fallback.fn(d, e) : null;
  });
};

/** Reads the data of an enclosing scope: level 0 is the current data, 1 the iterator's meta, 2 the data outside. */
export function scopeData(d: unknown, e: Env, level: number): unknown {
  if (level === 0) return d;
  const i = e.stack.length - level;
  return i >= 0 ? e.stack[i] : undefined;
}

const compileVal: CoreCompiler = (args, cc) => {
  if (isOperation(args)) {
    const pathFn = cc.compile(args).fn;
    return dynamic((d, e) => {
      const v = readPath(d, valSegments(pathFn(d, e)));
      return v === undefined ? null : v;
    });
  }
  const list = Array.isArray(args) ? args : args === null || args === undefined ? [] : [args];
  let level = 0;
  let rest = list;
  if (Array.isArray(list[0])) {
    level = Math.abs(Number((list[0] as unknown[])[0]) || 0);
    rest = list.slice(1);
  }
  if (rest.some(isOperation)) {
    const parts = evaluateArgs(rest.map((p) => cc.compile(p)));
    return dynamic((d, e) => {
      const v = readPath(scopeData(d, e, level), valSegments(parts(d, e)));
      return v === undefined ? null : v;
    });
  }
  const segments = valSegments(rest);
  const read = pathReader(segments);
  if (level === 0) {
    const compiled = dynamic((d) => {
      const v = read(d);
      return v === undefined ? null : v;
    });
    compiled.path = segments;
    return compiled;
  }
  return dynamic((d, e) => {
    const v = read(scopeData(d, e, level));
    return v === undefined ? null : v;
  });
};

const compileExists: CoreCompiler = (args, cc) => {
  if (isOperation(args)) {
    const pathFn = cc.compile(args).fn;
    return dynamic((d, e) => hasPath(d, valSegments(pathFn(d, e))));
  }
  const segments = valSegments(args);
  return dynamic((d) => hasPath(d, segments));
};

function isMissing(d: unknown, key: unknown): boolean {
  const v = readPath(d, varSegments(key));
  return v === undefined || v === null || v === '';
}

const compileMissing: CoreCompiler = (args, cc) => {
  const evalArgs = evaluateArgs(compileArgList(args, cc));
  return dynamic((d, e) => {
    const list = evalArgs(d, e);
    const keys = Array.isArray(list[0]) ? (list[0] as unknown[]) : list;
    const out: unknown[] = [];
    for (const key of keys) if (isMissing(d, key)) out.push(key);
    return out;
  });
};

const compileMissingSome: CoreCompiler = (args, cc) => {
  const evalArgs = evaluateArgs(compileArgList(args, cc));
  return dynamic((d, e) => {
    const [need, keys] = evalArgs(d, e);
    const list = Array.isArray(keys) ? keys : [];
    const out: unknown[] = [];
    for (const key of list) if (isMissing(d, key)) out.push(key);
    return list.length - out.length >= Number(need) ? [] : out;
  });
};

const compilePreserve: CoreCompiler = (args) => constant(args);

export const DATA_OPERATIONS: Record<string, CoreCompiler> = {
  var: compileVar,
  val: compileVal,
  exists: compileExists,
  missing: compileMissing,
  missing_some: compileMissingSome,
  preserve: compilePreserve,
};
