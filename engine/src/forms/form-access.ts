import type { FieldAccess, FormDefinition } from './form-definition.js';
import type { FieldNode, FormModel } from './form-model.js';

export interface RestrictedField {
  node: FieldNode;
  access: 'readonly' | 'hidden';
}

/** What a flow node may do with each field, precomputed once per node. */
export interface AccessPlan {
  /** Dotted path ("customers.successorId") → access, for every field and column. */
  byPath: Record<string, FieldAccess>;
  /** Top-level fields a submission may not change (computed ones excluded: they are recomputed anyway). */
  restricted: RestrictedField[];
  /** Editable sub-tables with restricted columns, compared row by row (rows matched by index). */
  restrictedColumns: Array<{ table: FieldNode; columns: RestrictedField[] }>;
  /**
   * Editable sub-tables whose rows the node may not add or remove: a required column is not editable there,
   * so a new row could never be filled and a removed one never put back (a step that only ticks rows off).
   */
  fixedRows: FieldNode[];
  /** Paths of hidden fields and columns, for projection. */
  hidden: { fields: string[]; columns: Array<{ table: string; columns: string[] }> };
}

function lockReadOnly(node: FieldNode, access: FieldAccess): FieldAccess {
  return access === 'editable' && node.readOnly ? 'readonly' : access;
}

/**
 * Resolves access at `nodeId` (undefined = no flow node, e.g. editing a collection record):
 * - a top-level field: `access[node][key]`, else `access[node]["*"]`, else editable;
 * - a column: a hidden or read-only table wins; else `access[node]["table.column"]`, then
 *   `access[node]["table.*"]`, else editable;
 * - `readOnly` and computed fields are never editable.
 * A node missing from `access` gets every field editable (the flow's own binding may narrow it).
 */
export function buildAccessPlan(model: FormModel, def: FormDefinition, nodeId: string | undefined): AccessPlan {
  const rules = nodeId !== undefined ? def.access?.[nodeId] : undefined;
  const plan: AccessPlan = { byPath: {}, restricted: [], restrictedColumns: [], fixedRows: [], hidden: { fields: [], columns: [] } };
  for (const field of model.fields) {
    const access = lockReadOnly(field, rules?.[field.key] ?? rules?.['*'] ?? 'editable');
    plan.byPath[field.path] = access;
    if (access !== 'editable' && field.computed === undefined) plan.restricted.push({ node: field, access });
    if (access === 'hidden') plan.hidden.fields.push(field.key);
    if (!field.columns) continue;
    const restrictedColumns: RestrictedField[] = [];
    const hiddenColumns: string[] = [];
    for (const column of field.columns) {
      const own = rules?.[column.path] ?? rules?.[`${field.key}.*`] ?? 'editable';
      const columnAccess: FieldAccess =
        access === 'hidden' ? 'hidden' : access === 'readonly' ? (own === 'hidden' ? 'hidden' : 'readonly') : lockReadOnly(column, own);
      plan.byPath[column.path] = columnAccess;
      if (access === 'editable' && columnAccess !== 'editable' && column.computed === undefined) {
        restrictedColumns.push({ node: column, access: columnAccess });
      }
      if (access !== 'hidden' && columnAccess === 'hidden') hiddenColumns.push(column.key);
    }
    if (restrictedColumns.length > 0) plan.restrictedColumns.push({ table: field, columns: restrictedColumns });
    if (restrictedColumns.some(({ node }) => node.required)) plan.fixedRows.push(field);
    if (hiddenColumns.length > 0) plan.hidden.columns.push({ table: field.key, columns: hiddenColumns });
  }
  return plan;
}

/** A copy of `data` without what a reader at this node may not see. Never mutates `data`. */
export function projectData(data: Record<string, unknown>, plan: AccessPlan): Record<string, unknown> {
  if (plan.hidden.fields.length === 0 && plan.hidden.columns.length === 0) return { ...data };
  const out: Record<string, unknown> = { ...data };
  for (const key of plan.hidden.fields) delete out[key];
  for (const { table, columns } of plan.hidden.columns) {
    const rows = out[table];
    if (!Array.isArray(rows)) continue;
    out[table] = rows.map((row: unknown) => {
      if (!row || typeof row !== 'object') return row;
      const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
      for (const column of columns) delete copy[column];
      return copy;
    });
  }
  return out;
}
