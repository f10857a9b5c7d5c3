import { compileArgList, dynamic, evaluateArgs, type Compiled, type CoreCompiler } from './compile-context.js';
import { toText } from './coerce.js';
import { pathReader } from './data-operations.js';
import { valSegments } from './data-path.js';

const compileCat: CoreCompiler = (args, cc) => {
  const all = evaluateArgs(compileArgList(args, cc));
  return dynamic((d, e) => {
    let s = '';
    for (const v of all(d, e)) s += toText(v);
    return s;
  });
};

const compileSubstr: CoreCompiler = (args, cc) => {
  const all = evaluateArgs(compileArgList(args, cc));
  return dynamic((d, e) => {
    const [value, from, length] = all(d, e);
    const s = toText(value);
    let start = Number(from) || 0;
    if (start < 0) start = Math.max(0, s.length + start);
    if (length === undefined) return s.slice(start);
    const n = Number(length) || 0;
    return n < 0 ? s.slice(start, Math.max(start, s.length + n)) : s.slice(start, start + n);
  });
};

const compileMerge: CoreCompiler = (args, cc) => {
  const all = evaluateArgs(compileArgList(args, cc));
  return dynamic((d, e) => {
    const out: unknown[] = [];
    for (const v of all(d, e)) {
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else out.push(v);
    }
    return out;
  });
};

/**
 * `in`: substring of a string, member of an array (strict equality), or — with a third argument naming a
 * key — some record of an array of records has that key equal to the value:
 * `{"in": ["C-7", {"var": "customers"}, "customerId"]}`.
 */
function contains(needle: unknown, haystack: unknown, key: unknown): boolean {
  if (typeof haystack === 'string') return haystack.includes(toText(needle));
  if (!Array.isArray(haystack)) return false;
  if (key === undefined || key === null) return haystack.includes(needle);
  const read = pathReader(valSegments(key));
  for (const item of haystack) if (sameId(read(item), needle)) return true;
  return false;
}

/** Records often hold ids as numbers in one system and strings in another: "7" matches 7 here. */
function sameId(a: unknown, b: unknown): boolean {
  if (a === b) return a !== undefined;
  const ta = typeof a;
  const tb = typeof b;
  return (ta === 'string' || ta === 'number') && (tb === 'string' || tb === 'number') && String(a) === String(b);
}

const compileIn: CoreCompiler = (args, cc) => {
  const list = compileArgList(args, cc);
  if (Array.isArray(list) && list.length === 2 && (list[1] as Compiled).constant && Array.isArray((list[1] as Compiled).value)) {
    const needle = (list[0] as Compiled).fn;
    const set = new Set((list[1] as Compiled).value as unknown[]);
    return dynamic((d, e) => set.has(needle(d, e)));
  }
  const all = evaluateArgs(list);
  return dynamic((d, e) => {
    const [needle, haystack, key] = all(d, e);
    return contains(needle, haystack, key);
  });
};

export const VALUE_OPERATIONS: Record<string, CoreCompiler> = {
  cat: compileCat,
  substr: compileSubstr,
  merge: compileMerge,
  in: compileIn,
};
