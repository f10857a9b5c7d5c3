import { isOperation } from './compile-context.js';
import type { JsonLogic } from './expression-types.js';

const ITERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/**
 * Every data path the expression reads from its root data, statically: `var`/`val`/`exists` with literal
 * paths and the literal keys of `missing`/`missing_some`, e.g. ["employeeId", "customers"]. Paths read
 * inside an iterator's body refer to the items, not the root, so they are left out unless a scoped `val`
 * climbs back to the root (`{"val": [[2], "department"]}` inside one `map`). Dotted for `var`, joined
 * with "." for `val`.
 */
export function collectVariables(logic: JsonLogic): string[] {
  const out = new Set<string>();
  const add = (path: unknown): void => {
    if ((typeof path === 'string' && path !== '') || typeof path === 'number') out.add(String(path));
  };

  const walk = (node: unknown, depth: number): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, depth));
    if (!isOperation(node)) return;
    for (const [op, args] of Object.entries(node)) {
      const list = Array.isArray(args) ? args : [args];
      switch (op) {
        case 'preserve':
          break;
        case 'var':
          if (isOperation(list[0])) walk(list[0], depth);
          else if (depth === 0) add(list[0]);
          if (list.length > 1) walk(list[1], depth);
          break;
        case 'val':
        case 'exists': {
          if (list.some(isOperation)) {
            walk(list, depth);
            break;
          }
          let level = 0;
          let rest = list;
          if (Array.isArray(list[0])) {
            level = Math.abs(Number(list[0][0]) || 0);
            rest = list.slice(1);
          }
          if (level === 2 * depth && rest.length > 0) add(rest.map(String).join('.'));
          break;
        }
        case 'missing':
          if (depth === 0) (Array.isArray(list[0]) ? (list[0] as unknown[]) : list).forEach(add);
          walk(args, depth);
          break;
        case 'missing_some':
          if (depth === 0 && Array.isArray(list[1])) list[1].forEach(add);
          walk(args, depth);
          break;
        case 'try':
          list.forEach((branch, i) => walk(branch, i === 0 ? depth : depth + 1));
          break;
        default:
          if (ITERATORS.has(op) && Array.isArray(args)) {
            args.forEach((a, i) => walk(a, i === 1 ? depth + 1 : depth));
          } else walk(args, depth);
      }
    }
  };
  walk(logic, 0);
  return [...out];
}
