import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { parsePointer } from '../shared/json-pointer.js';

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const UNION_CODES = new Set(['BATON_E_SCHEMA_ONE_OF', 'BATON_E_SCHEMA_ANY_OF']);

/** The alternatives of a oneOf / anyOf (none for any other schema). */
export function unionBranches(schema: Schema): Schema[] {
  const list = schema.oneOf ?? schema.anyOf;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** A text written once or per language: a string, or `{ en, zh-CN }`. */
export function isLocalizedTextUnion(schema: Schema): boolean {
  const b = unionBranches(schema);
  return b.some((x) => x.type === 'string') && b.some((x) => x.type === 'object' && isObject(x.properties) && 'en' in x.properties);
}

/** One entry of a list of people (an assignee row): every branch is tagged by a `kind` constant. */
export function isAssigneeUnion(schema: Schema): boolean {
  const b = unionBranches(schema);
  return b.length > 1 && b.every((x) => isObject(x.properties) && isObject(x.properties.kind) && 'const' in x.properties.kind);
}

/**
 * A "matches one of the allowed shapes" summary says nothing the analyst can act on when a more specific
 * issue lies at or under its path: it is dropped then (rule-problem-wording words the ones that remain).
 */
export function withoutCoveredUnions<T extends DisplayIssue>(issues: readonly T[]): T[] {
  return issues.filter((issue) => {
    if (!UNION_CODES.has(issue.code)) return true;
    return !issues.some((o) => o !== issue && !UNION_CODES.has(o.code) && (o.path === issue.path || o.path.startsWith(issue.path + '/')));
  });
}

/**
 * What the list above an action's panel repeats: issues the panel cannot show at a field of its own (the
 * type, `when`, `forEach`, something nested inside a property's editor). An issue at a shown property
 * (`/actions/2/params/title`) already shows under that field.
 */
export function issuesOutsidePanel(issues: readonly DisplayIssue[], paramsBase: string, shown: readonly string[]): DisplayIssue[] {
  return issues.filter((issue) => {
    if (!issue.path.startsWith(paramsBase + '/')) return true;
    const rest = parsePointer(issue.path.slice(paramsBase.length));
    return !(rest.length === 1 && shown.includes(rest[0]!));
  });
}

/** The property names a params schema shows in its generated panel. */
export function shownProperties(paramsSchema: unknown, omit: readonly string[]): string[] {
  const props = isObject(paramsSchema) && isObject(paramsSchema.properties) ? Object.keys(paramsSchema.properties) : [];
  return props.filter((p) => !omit.includes(p));
}
