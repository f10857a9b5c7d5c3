import type { DisplayIssue } from '../app/errors/to-display-error.js';
import { parsePointer } from '../shared/json-pointer.js';

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const UNION_CODES = new Set(['BATON_E_SCHEMA_ONE_OF', 'BATON_E_SCHEMA_ANY_OF']);

/** The words a union summary is replaced by, in the UI's language. */
export interface UnionWords {
  /** A text that may be written per language ("title", "message"). */
  text: string;
  /** One entry of a list of people (an assignee row). */
  assignee: string;
}

/** The sub-schema at a params pointer ("/to/0"), following properties and items; undefined when unknown. */
export function schemaAt(schema: unknown, pointer: string): Schema | undefined {
  let node: unknown = schema;
  for (const segment of parsePointer(pointer)) {
    if (!isObject(node)) return undefined;
    if (isObject(node.properties) && segment in node.properties) node = node.properties[segment];
    else if (/^\d+$/.test(segment) && isObject(node.items)) node = node.items;
    else return undefined;
  }
  return isObject(node) ? node : undefined;
}

function branches(schema: Schema): Schema[] {
  const list = schema.oneOf ?? schema.anyOf;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function isLocalizedText(schema: Schema): boolean {
  const b = branches(schema);
  return b.some((x) => x.type === 'string') && b.some((x) => x.type === 'object' && isObject(x.properties) && 'en' in x.properties);
}

function isAssignee(schema: Schema): boolean {
  const b = branches(schema);
  return b.length > 1 && b.every((x) => isObject(x.properties) && isObject(x.properties.kind) && 'const' in x.properties.kind);
}

/**
 * Issues as an action's panel shows them. A "matches one of the allowed shapes" summary says nothing the
 * analyst can act on: it is dropped when a more specific issue lies at or under its path, and otherwise
 * reworded for the shape the field has (a text per language, a person row).
 */
export function specificIssues(issues: readonly DisplayIssue[], paramsSchema: unknown, paramsBase: string, words: UnionWords): DisplayIssue[] {
  return issues.flatMap((issue) => {
    if (!UNION_CODES.has(issue.code)) return [issue];
    const covered = issues.some((o) => o !== issue && !UNION_CODES.has(o.code) && (o.path === issue.path || o.path.startsWith(issue.path + '/')));
    if (covered) return [];
    if (!issue.path.startsWith(paramsBase)) return [issue];
    const schema = schemaAt(paramsSchema, issue.path.slice(paramsBase.length));
    if (!schema) return [issue];
    if (isLocalizedText(schema)) return [{ ...issue, message: words.text }];
    if (isAssignee(schema)) return [{ ...issue, message: words.assignee }];
    return [issue];
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
