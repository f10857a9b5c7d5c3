import { isOperation } from '../expressions/compile-context.js';
import { isBlockedSegment, varSegments } from '../expressions/data-path.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import { INDEX_VAR, PARENT_VAR } from './field-references.js';

/** Operations that look at the data object itself (own keys, enclosing scopes), not just at values by path. */
const WHOLE_SCOPE_OPERATIONS = new Set(['val', 'exists', 'missing', 'missing_some']);

/**
 * The row keys a sub-table's row-scope expressions read, when every read is a `var` with a literal path;
 * undefined when some expression may see the scope object itself (`{"var": ""}`, a computed path, `val`,
 * `exists`, `missing`). With a list, a validation can keep ONE scope object per table and refill just these
 * keys for each row instead of copying every row into a new object: a `var` read gives the same value
 * either way (a key the row lacks reads as undefined, and `var` cannot tell absent from undefined).
 */
export function rowScopeKeys(expressions: readonly JsonLogic[]): string[] | undefined {
  const roots = new Set<string>();
  let wholeScope = false;
  const walk = (node: unknown): void => {
    if (wholeScope) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isOperation(node)) return;
    for (const [op, args] of Object.entries(node)) {
      if (op === 'preserve') continue;
      if (WHOLE_SCOPE_OPERATIONS.has(op)) {
        wholeScope = true;
        return;
      }
      if (op !== 'var') {
        walk(args);
        continue;
      }
      const list = Array.isArray(args) ? args : [args];
      if (isOperation(list[0])) {
        wholeScope = true;
        return;
      }
      const segments = varSegments(list[0]);
      const root = segments[0];
      if (root === undefined || root === '') {
        wholeScope = true;
        return;
      }
      // Blocked names read as nothing, and assigning `__proto__` would change the scope's prototype.
      if (root !== PARENT_VAR && root !== INDEX_VAR && !isBlockedSegment(root)) roots.add(root);
      if (list.length > 1) walk(list[1]);
    }
  };
  for (const expression of expressions) walk(expression);
  return wholeScope ? undefined : [...roots];
}
