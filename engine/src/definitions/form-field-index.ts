import { splitTypeRef } from '../registry/registry.js';
import type { SemanticCheckContext } from './semantic-check-context.js';

/** What the report and document checks need to know about a field of a referenced form. */
export interface FieldInfo {
  key: string;
  /** The type name without a pinned version ("sub-table", "user", "acme/id-card"). */
  type: string;
  /** The columns of a sub-table field. */
  columns?: Map<string, FieldInfo>;
}

function readFields(value: unknown): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  if (!Array.isArray(value)) return fields;
  for (const raw of value) {
    if (typeof raw !== 'object' || raw === null) continue;
    const f = raw as { key?: unknown; type?: unknown; fields?: unknown };
    if (typeof f.key !== 'string' || typeof f.type !== 'string') continue;
    const info: FieldInfo = { key: f.key, type: splitTypeRef(f.type)[0] };
    if (Array.isArray(f.fields)) info.columns = readFields(f.fields);
    fields.set(f.key, info);
  }
  return fields;
}

/**
 * The fields of the form `key`, when the context can resolve it; undefined otherwise, so that checks
 * depending on it are skipped rather than failed.
 */
export function resolveFormFields(ctx: SemanticCheckContext, key: string | undefined): Map<string, FieldInfo> | undefined {
  if (!key || !ctx.resolve) return undefined;
  const form = ctx.resolve('form', key);
  if (typeof form !== 'object' || form === null) return undefined;
  return readFields((form as { fields?: unknown }).fields);
}

/** True when `field` is a sub-table: it has columns, or its registered type is a container. */
export function isSubTable(field: FieldInfo, ctx: SemanticCheckContext): boolean {
  return field.columns !== undefined || field.type === 'sub-table' || ctx.registry.fields.get(field.type)?.traits?.container === true;
}

export type FieldPathProblem = { problem: 'unknown-field'; field: string } | { problem: 'unknown-column'; field: string; column: string };

/**
 * Checks a dotted path against form fields: the first segment must be a field; below a sub-table the next
 * segment must be one of its columns; below any other field (user, department, relation) anything goes,
 * because it names a directory attribute or a field of the related record.
 */
export function checkFieldPath(path: string, fields: Map<string, FieldInfo>, ctx: SemanticCheckContext): FieldPathProblem | undefined {
  const [first = '', second] = path.split('.');
  const field = fields.get(first);
  if (!field) return { problem: 'unknown-field', field: first };
  if (second !== undefined && field.columns && isSubTable(field, ctx) && !field.columns.has(second)) {
    return { problem: 'unknown-column', field: first, column: second };
  }
  return undefined;
}
