import type { Locale } from '../i18n/localized-text.js';
import type { JsonSchema } from '../forms/field-type.js';
import { issue } from '../errors/error-catalogue.js';
import type { Issue } from '../errors/issue.js';
import { pointerSegment } from '../errors/issue.js';
import { JsonSchemaCompiler } from '../json-schema/compile-json-schema.js';
import { SchemaCompileError, type SchemaCheck, type SchemaError } from '../json-schema/schema-error.js';
import { ENGINE_SCHEMAS } from './engine-schemas.js';
import { expectedFor } from '../json-schema/expected-wording.js';
import { SCHEMA_ERRORS } from './schema-errors.js';

type ErrorObject = SchemaError;

let shared: JsonSchemaCompiler | undefined;
/** Schemas that failed to compile, with the reason (so a broken plugin schema is not recompiled per call). */
const broken = new WeakMap<object, string>();

/**
 * The compiler every definition and config schema goes through; knows engine/schemas by `$id`. It builds
 * closures, never code (ARCHITECTURE §6), so validateDefinition runs under a strict CSP; it caches per
 * schema object.
 */
export function sharedSchemaCompiler(): JsonSchemaCompiler {
  return (shared ??= new JsonSchemaCompiler(ENGINE_SCHEMAS));
}

function compile(schema: Record<string, unknown>): SchemaCheck {
  const reason = broken.get(schema);
  if (reason !== undefined) throw new SchemaCompileError(reason, '', undefined);
  try {
    return sharedSchemaCompiler().compile(schema);
  } catch (error) {
    if (error instanceof SchemaCompileError) broken.set(schema, error.message);
    throw error;
  }
}

/**
 * Validates `value` against a JSON Schema (2020-12, or draft-07 when it says so) and returns one Issue per
 * problem, localized, with `path` = `basePath` + the JSON Pointer of the offending value.
 */
export function validateAgainstSchema(schema: JsonSchema, value: unknown, basePath: string, locale: Locale): Issue[] {
  if (schema === true) return [];
  if (schema === false) return [issue(SCHEMA_ERRORS.BATON_E_SCHEMA_FALSE_SCHEMA, basePath, {}, locale)];
  let validate: SchemaCheck;
  try {
    validate = compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [issue(SCHEMA_ERRORS.BATON_E_SCHEMA_UNCOMPILABLE, basePath, { reason }, locale)];
  }
  if (validate(value, '', null, '')) return [];
  const errors: SchemaError[] = [];
  validate(value, '', errors, '#');
  return toIssues(errors, basePath, locale);
}

/** Turns schema errors (Ajv's shape) into Issues: prunes union noise, points at the offending property, dedupes. */
export function toIssues(errors: readonly ErrorObject[], basePath: string, locale: Locale): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of pruneUnionErrors(errors)) {
    const built = toIssue(error, basePath, locale);
    if (!built) continue;
    const id = `${built.code}\u0000${built.path}\u0000${built.messages.en}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(built);
  }
  return issues;
}

function isInside(inner: ErrorObject, outer: ErrorObject): boolean {
  return (
    inner !== outer &&
    inner.schemaPath.startsWith(outer.schemaPath + '/') &&
    (inner.instancePath === outer.instancePath || inner.instancePath.startsWith(outer.instancePath + '/'))
  );
}

/**
 * A failed oneOf/anyOf reports every branch's errors, which reads as nonsense ("must be string", "must be
 * object", "must match one schema"). The errors of the branch that fits best (bestBranch) are the useful
 * ones; when no branch has the right shape, one union error stays.
 */
function pruneUnionErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    const inner = errors.filter((e) => !dropped.has(e) && isInside(e, union));
    if (inner.length === 0) continue;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inner) {
      const branch = e.schemaPath.slice(union.schemaPath.length + 1).split('/')[0] ?? '';
      const list = byBranch.get(branch) ?? [];
      list.push(e);
      byBranch.set(branch, list);
    }
    const best = bestBranch(union, byBranch);
    if (best !== undefined) {
      dropped.add(union);
      for (const [branch, list] of byBranch) if (branch !== best) list.forEach((e) => dropped.add(e));
    } else {
      inner.forEach((e) => dropped.add(e));
    }
  }
  // `contains` tries its subschema on every item; the misses of the other items are not mistakes.
  for (const c of errors) if (c.keyword === 'contains') errors.forEach((e) => isInside(e, c) && dropped.add(e));
  // `if` only says "must match then/else"; the then/else errors themselves are reported.
  return errors.filter((e) => !dropped.has(e) && e.keyword !== 'if');
}

/**
 * The branch whose errors to report instead of "matches none": of the branches with the right shape, the one
 * with the fewest errors (the first on a tie), which is the one the author most likely meant. None when no
 * branch has the right shape, or when a oneOf failed because several branches hold (their errors are empty).
 */
function bestBranch(union: ErrorObject, byBranch: Map<string, ErrorObject[]>): string | undefined {
  if (Array.isArray(union.params.passingSchemas)) return undefined;
  let best: [string, number] | undefined;
  for (const [branch, list] of byBranch) {
    if (list.some((e) => isShapeMiss(e, union))) continue;
    if (!best || list.length < best[1]) best = [branch, list.length];
  }
  return best?.[0];
}

function isShapeMiss(error: ErrorObject, union: ErrorObject): boolean {
  if (error.keyword === 'type' || error.keyword === 'false schema') return error.instancePath === union.instancePath;
  if (error.keyword === 'const' || error.keyword === 'enum' || error.keyword === 'discriminator') {
    // A tag one level below the union (`{ type: "approval" }`) decides the branch.
    const rest = error.instancePath.slice(union.instancePath.length);
    return error.instancePath === union.instancePath || /^\/[^/]+$/.test(rest);
  }
  return false;
}

const TYPE_NAMES: Record<string, { en: string; zh: string }> = {
  string: { en: 'a string', zh: '字符串' },
  number: { en: 'a number', zh: '数字' },
  integer: { en: 'an integer', zh: '整数' },
  boolean: { en: 'true or false', zh: '布尔值（true 或 false）' },
  object: { en: 'an object', zh: '对象' },
  array: { en: 'an array', zh: '数组' },
  null: { en: 'null', zh: 'null' },
};

const LIMIT_CODES: Record<string, string> = {
  minimum: SCHEMA_ERRORS.BATON_E_SCHEMA_MINIMUM,
  maximum: SCHEMA_ERRORS.BATON_E_SCHEMA_MAXIMUM,
  exclusiveMinimum: SCHEMA_ERRORS.BATON_E_SCHEMA_EXCLUSIVE_MINIMUM,
  exclusiveMaximum: SCHEMA_ERRORS.BATON_E_SCHEMA_EXCLUSIVE_MAXIMUM,
  multipleOf: SCHEMA_ERRORS.BATON_E_SCHEMA_MULTIPLE_OF,
  minLength: SCHEMA_ERRORS.BATON_E_SCHEMA_MIN_LENGTH,
  maxLength: SCHEMA_ERRORS.BATON_E_SCHEMA_MAX_LENGTH,
  minItems: SCHEMA_ERRORS.BATON_E_SCHEMA_MIN_ITEMS,
  maxItems: SCHEMA_ERRORS.BATON_E_SCHEMA_MAX_ITEMS,
  minProperties: SCHEMA_ERRORS.BATON_E_SCHEMA_MIN_PROPERTIES,
  maxProperties: SCHEMA_ERRORS.BATON_E_SCHEMA_MAX_PROPERTIES,
  additionalItems: SCHEMA_ERRORS.BATON_E_SCHEMA_ADDITIONAL_ITEMS,
  items: SCHEMA_ERRORS.BATON_E_SCHEMA_ADDITIONAL_ITEMS,
  unevaluatedItems: SCHEMA_ERRORS.BATON_E_SCHEMA_UNEVALUATED_ITEMS,
};

function list(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values);
}

function discriminatorValues(error: ErrorObject, tag: string): string {
  const branches = (error.parentSchema as { oneOf?: unknown[] } | undefined)?.oneOf ?? [];
  const values: unknown[] = [];
  for (const branch of branches) {
    const prop = (branch as { properties?: Record<string, { const?: unknown; enum?: unknown[] }> }).properties?.[tag];
    if (prop?.const !== undefined) values.push(prop.const);
    else if (Array.isArray(prop?.enum)) values.push(...prop.enum);
  }
  return list(values);
}

function toIssue(error: ErrorObject, basePath: string, locale: Locale): Issue | undefined {
  const at = basePath + error.instancePath;
  const child = (name: unknown): string => at + '/' + pointerSegment(String(name));
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_REQUIRED, child(p.missingProperty), { property: p.missingProperty }, locale);
    case 'dependentRequired':
      return issue(
        SCHEMA_ERRORS.BATON_E_SCHEMA_DEPENDENT_REQUIRED,
        child(p.missingProperty),
        { property: p.missingProperty, dependency: p.property },
        locale,
      );
    case 'type': {
      if (p.type === 'string') {
        const said = expectedIssue(SCHEMA_ERRORS.BATON_E_SCHEMA_TYPE, p, at, locale);
        if (said) return said;
      }
      const types = String(p.type).split(',');
      const en = types.map((t) => TYPE_NAMES[t]?.en ?? t).join(' or ');
      const zh = types.map((t) => TYPE_NAMES[t]?.zh ?? t).join('或');
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_TYPE, at, { type: en, typeZh: zh }, locale);
    }
    case 'enum':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_ENUM, at, { allowed: list(p.allowedValues) }, locale);
    case 'const':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_CONST, at, { allowed: JSON.stringify(p.allowedValue) }, locale);
    case 'additionalProperties':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_ADDITIONAL_PROPERTIES, child(p.additionalProperty), { property: p.additionalProperty }, locale);
    case 'unevaluatedProperties':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_UNEVALUATED_PROPERTIES, child(p.unevaluatedProperty), { property: p.unevaluatedProperty }, locale);
    case 'propertyNames':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_PROPERTY_NAMES, child(p.propertyName), { property: p.propertyName }, locale);
    case 'pattern':
      return expectedIssue(SCHEMA_ERRORS.BATON_E_SCHEMA_PATTERN, p, at, locale) ?? issue(SCHEMA_ERRORS.BATON_E_SCHEMA_PATTERN, at, { pattern: p.pattern }, locale);
    case 'format':
      return expectedIssue(SCHEMA_ERRORS.BATON_E_SCHEMA_FORMAT, p, at, locale) ?? issue(SCHEMA_ERRORS.BATON_E_SCHEMA_FORMAT, at, { format: p.format }, locale);
    case 'uniqueItems':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_UNIQUE_ITEMS, at, { i: p.j, j: p.i }, locale);
    case 'contains':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_CONTAINS, at, { limit: p.minContains ?? 1 }, locale);
    case 'oneOf':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_ONE_OF, at, {}, locale);
    case 'anyOf':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_ANY_OF, at, {}, locale);
    case 'not':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_NOT, at, {}, locale);
    case 'false schema':
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_FALSE_SCHEMA, at, {}, locale);
    case 'discriminator': {
      const tag = String(p.tag);
      return issue(SCHEMA_ERRORS.BATON_E_SCHEMA_DISCRIMINATOR, child(tag), { tag, allowed: discriminatorValues(error, tag) }, locale);
    }
    default: {
      const code = LIMIT_CODES[error.keyword];
      if (code) return issue(code, at, { limit: p.limit }, locale);
      return fallbackIssue(error, at, locale);
    }
  }
}

/**
 * A string that is not in the shape its schema wants, when the schema says in words what to enter
 * (x-expected, or a date's or an email's wording): the keyword's own code (a client still reacts to
 * "pattern" or "format"), with that sentence as its message instead of the raw pattern or format name.
 */
function expectedIssue(code: string, p: Record<string, unknown>, at: string, locale: Locale): Issue | undefined {
  const expected = expectedFor(p);
  if (!expected) return undefined;
  const params: Record<string, unknown> = { expected: expected.en };
  if (typeof p.pattern === 'string') params.pattern = p.pattern;
  if (typeof p.format === 'string') params.format = p.format;
  const messages = { en: expected.en, 'zh-CN': expected['zh-CN'] };
  return { code, path: at, message: messages[locale], messages, params };
}

/** A keyword we have no dedicated wording for: name it in both locales. */
function fallbackIssue(error: ErrorObject, at: string, locale: Locale): Issue {
  return issue(
    SCHEMA_ERRORS.BATON_E_SCHEMA_INVALID,
    at,
    { detailEn: `does not satisfy "${error.keyword}"`, detailZh: `不满足 "${error.keyword}" 的要求` },
    locale,
  );
}
