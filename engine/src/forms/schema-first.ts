import { collectVariables } from '../expressions/collect-variables.js';
import { ExpressionError } from '../expressions/expression-error.js';
import type { SchemaCheck, SchemaError } from '../json-schema/schema-error.js';
import type { CompiledRule } from './form-model.js';

// The schema judges a submission before its expressions do: a value of the wrong type ("terminationDate": 12)
// is reported as the field's problem, at its path, never as an expression failing on it.

const readsByRule = new WeakMap<CompiledRule, ReadonlySet<string>>();

/** The top-level fields a cross-field rule reads: its target (or table) and the roots of its expressions' paths. */
function fieldsRead(rule: CompiledRule): ReadonlySet<string> {
  const known = readsByRule.get(rule);
  if (known) return known;
  const keys = new Set<string>([rule.table?.key ?? rule.target.key]);
  for (const logic of [rule.rule.when, rule.rule.assert]) {
    if (logic === undefined) continue;
    for (const path of collectVariables(logic)) {
      const [first, second] = path.split('.');
      // In a row rule, plain paths are the row's own cells (the table is already listed); $parent.x is field x.
      if (rule.table === undefined) keys.add(first ?? '');
      else if (first === '$parent' && second !== undefined) keys.add(second);
    }
  }
  readsByRule.set(rule, keys);
  return keys;
}

/**
 * Whether a rule must wait for the schema: it reads a field whose value failed the structural check
 * (`failed`: the JSON Pointers reported), so its expressions would only see a value of the wrong shape.
 */
export function readsFailedField(rule: CompiledRule, failed: readonly string[]): boolean {
  if (failed.length === 0) return false;
  const keys = fieldsRead(rule);
  return failed.some((path) => keys.has(path.split('/')[1] ?? ''));
}

/**
 * When computing or deciding visibility threw on the submitted data: the schema errors that explain it (the
 * caller reports these instead), or undefined when the data has the right shape and the failure is the
 * expression's own (it is rethrown).
 */
export function schemaErrorsBehind(error: unknown, check: SchemaCheck, data: unknown): SchemaError[] | undefined {
  if (!(error instanceof ExpressionError)) return undefined;
  const errors: SchemaError[] = [];
  return check(data, '', errors, '#') ? undefined : errors;
}
