import { isOperation } from '../expressions/compile-context.js';
import { isBlockedSegment, varSegments } from '../expressions/data-path.js';
import type { JsonLogic } from '../expressions/expression-types.js';
import { INDEX_VAR, PARENT_VAR } from './field-references.js';

/**
 * Operations that look at the data object itself (own keys, enclosing scopes), not just at values by path;
 * `try` hands its later branches other data (the error), which a rewritten path could not read.
 */
const WHOLE_SCOPE_OPERATIONS = new Set(['val', 'exists', 'missing', 'missing_some', 'try']);

/** Operations whose second argument runs on each item (its `var`s read the item, not the row). */
const ITERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

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

/**
 * What a row expression's data is when its table's expressions only read literal paths (rowScopeKeys gives a
 * list): the row itself, the form and the row number, in one object per table that validation repoints
 * at each row. Nothing is copied per row, and the row's later edits (a computed value, a hidden cell
 * removed) are what the next expression reads.
 */
export class RowScope {
  constructor(
    public row: Record<string, unknown>,
    public parent: Record<string, unknown>,
    public index: number,
  ) {}
}

function rowScopePath(path: unknown): string {
  const segments = varSegments(path);
  const root = segments[0];
  if (root === PARENT_VAR) return ['parent', ...segments.slice(1)].join('.');
  if (root === INDEX_VAR) return ['index', ...segments.slice(1)].join('.');
  return ['row', ...segments].join('.');
}

/**
 * A row expression rewritten to read a RowScope: `{"var": "returned"}` → `row.returned`, `$parent.x` →
 * `parent.x`, `$index` → `index`. Only `var`s of the row's own scope move: an iterator's body reads its
 * items. Valid only for expressions rowScopeKeys accepts (literal `var` paths, nothing that sees the scope
 * object itself), where a path read gives the same value either way.
 */
export function rowScopeLogic(logic: JsonLogic): JsonLogic {
  if (Array.isArray(logic)) return logic.map(rowScopeLogic);
  if (!isOperation(logic)) return logic;
  const out: Record<string, unknown> = {};
  for (const [op, args] of Object.entries(logic)) {
    if (op === 'preserve') out[op] = args;
    else if (op === 'var') {
      const list = Array.isArray(args) ? args : [args];
      const path = rowScopePath(list[0]);
      out[op] = Array.isArray(args) ? [path, ...list.slice(1).map(rowScopeLogic)] : path;
    } else if (ITERATORS.has(op) && Array.isArray(args)) out[op] = args.map((a, i) => (i === 1 ? a : rowScopeLogic(a)));
    else out[op] = rowScopeLogic(args);
  }
  return out;
}
