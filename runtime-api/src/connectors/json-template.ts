import { compileExpression, validateExpression, type CompiledExpression, type EvalContext, type Issue, type JsonLogic } from '@baton/engine';

/**
 * Bodies and mappings are JSON templates whose leaves may be JsonLogic: JsonLogic alone cannot build an
 * object, so `{ "ownerId": { "var": "successorId" }, "note": "handover" }` is built key by key, while an
 * object with a single key that names an operation (`{ "var": … }`, `{ "cat": […] }`), or whose single value
 * is an argument array, is evaluated. Arrays are built element by element. Expressions are compiled by the engine (no eval).
 */
const compiled = new WeakMap<object, CompiledExpression>();
const operationVerdict = new WeakMap<object, boolean>();

function isOperation(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  // `{ "name": [args] }` is how JsonLogic spells an operation: read it as one, so a misspelt operator is
  // reported when the config is saved instead of being sent as a literal object.
  if (Array.isArray(value[keys[0]!])) return true;
  let known = operationVerdict.get(value);
  if (known === undefined) {
    const issues = validateExpression(value, '', 'en');
    known = !issues.some((i) => i.path === '' && (i.code === 'BATON_E_EXPR_UNKNOWN_OPERATOR' || i.code === 'BATON_E_EXPR_NOT_AN_OPERATION'));
    operationVerdict.set(value, known);
  }
  return known;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function evaluateTemplate(template: JsonLogic, data: unknown, ctx?: EvalContext): unknown {
  if (Array.isArray(template)) return template.map((item) => evaluateTemplate(item, data, ctx));
  if (!isPlainObject(template)) return template;
  if (!isOperation(template)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) out[key] = evaluateTemplate(value, data, ctx);
    return out;
  }
  let fn = compiled.get(template);
  if (!fn) {
    fn = compileExpression(template);
    compiled.set(template, fn);
  }
  return fn(data, ctx);
}

/** What is wrong with a template's expressions, with paths under `basePath`. */
export function templateIssues(template: JsonLogic, basePath: string): Issue[] {
  if (Array.isArray(template)) return template.flatMap((item, i) => templateIssues(item, `${basePath}/${i}`));
  if (!isPlainObject(template)) return [];
  if (!isOperation(template)) {
    return Object.entries(template).flatMap(([key, value]) => templateIssues(value, `${basePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return validateExpression(template, basePath, 'en');
}
