import { collectVariables } from '../expressions/compile-expression.js';
import type { JsonLogic } from '../expressions/expression-types.js';

/**
 * How expressions name fields.
 * - Top-level expressions read the form: `{"var": "lastWorkingDay"}`, `{"var": "customers.0.customerId"}`.
 * - Sub-table column expressions (and rules with `each`) read their ROW: `{"var": "successorId"}`; the
 *   whole form is under `$parent` (`{"var": "$parent.employeeId"}`) and the row number under `$index`.
 * `$` cannot start a field key, so these names never clash with a field.
 */
export const PARENT_VAR = '$parent';
export const INDEX_VAR = '$index';

export function rootOf(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}

/** The field keys an expression reads in its own scope, and (row scope only) the form keys under $parent. */
export function fieldReads(logic: JsonLogic): { own: string[]; parent: string[]; index: boolean } {
  const own = new Set<string>();
  const parent = new Set<string>();
  let index = false;
  for (const variable of collectVariables(logic)) {
    const root = rootOf(variable);
    if (root === PARENT_VAR) {
      const rest = variable.slice(PARENT_VAR.length + 1);
      if (rest) parent.add(rootOf(rest));
    } else if (root === INDEX_VAR) index = true;
    else if (root !== '') own.add(root);
  }
  return { own: [...own], parent: [...parent], index };
}

/**
 * Variables an expression reads that name no field in scope. collectVariables leaves out what iterator
 * bodies read (`{"all": [{"var": "assets"}, {"var": "returned"}]}` reads only "assets"), so every root
 * left must be a field of the scope.
 */
export function unknownReads(
  logic: JsonLogic,
  scope: { own: ReadonlySet<string>; parent?: ReadonlySet<string> },
): string[] {
  const unknown: string[] = [];
  for (const variable of collectVariables(logic)) {
    const root = rootOf(variable);
    if (root === '' || scope.own.has(root)) continue;
    if (scope.parent) {
      if (root === INDEX_VAR) continue;
      if (root === PARENT_VAR) {
        const rest = rootOf(variable.slice(PARENT_VAR.length + 1));
        if (rest === '' || scope.parent.has(rest)) continue;
      }
    }
    unknown.push(variable);
  }
  return unknown;
}
