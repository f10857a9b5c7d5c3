/** What a flow node may do with a field (the engine's FieldAccess). */
export type FieldAccess = 'editable' | 'readonly' | 'hidden';

type AccessRules = Readonly<Record<string, FieldAccess | string>> | undefined;

const RANK: Record<FieldAccess, number> = { editable: 0, readonly: 1, hidden: 2 };

function asAccess(value: unknown): FieldAccess | undefined {
  return value === 'editable' || value === 'readonly' || value === 'hidden' ? value : undefined;
}

/**
 * The access of every top-level field at a node, as the server applies it: the form's `access[node]`
 * (field key, else "*", else editable) and the flow node's own `form.access` (field key, else editable);
 * the stricter of the two wins, and read-only or computed fields are never editable.
 */
export function fieldAccessAt(
  fields: ReadonlyArray<{ key: string; readOnly?: boolean | undefined; computed?: unknown }>,
  formAccess: AccessRules,
  nodeAccess: AccessRules,
): Record<string, FieldAccess> {
  const out: Record<string, FieldAccess> = {};
  for (const field of fields) {
    const fromForm = asAccess(formAccess?.[field.key]) ?? asAccess(formAccess?.['*']) ?? 'editable';
    const fromNode = asAccess(nodeAccess?.[field.key]) ?? 'editable';
    let access = RANK[fromNode] > RANK[fromForm] ? fromNode : fromForm;
    if (access === 'editable' && (field.readOnly === true || field.computed !== undefined)) access = 'readonly';
    out[field.key] = access;
  }
  return out;
}

export interface AccessSchemas {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/**
 * The rjsf schema and uiSchema a task page renders: hidden fields removed from the schema (and from
 * `required` and `ui:order`), read-only ones disabled. With `readOnly` (a closed task, or one the viewer
 * cannot act on) every field is disabled.
 */
export function applyFieldAccess(jsonSchema: Record<string, unknown>, uiSchema: Record<string, unknown>, access: Record<string, FieldAccess>, readOnly = false): AccessSchemas {
  const properties = (jsonSchema.properties ?? {}) as Record<string, unknown>;
  const shown = Object.fromEntries(Object.entries(properties).filter(([key]) => access[key] !== 'hidden'));
  const required = Array.isArray(jsonSchema.required) ? (jsonSchema.required as string[]).filter((k) => k in shown && access[k] === 'editable') : undefined;
  const ui: Record<string, unknown> = { ...uiSchema };
  for (const key of Object.keys(properties)) {
    if (!(key in shown)) {
      delete ui[key];
      continue;
    }
    if (readOnly || access[key] === 'readonly') ui[key] = { ...((ui[key] as Record<string, unknown> | undefined) ?? {}), 'ui:disabled': true };
  }
  if (Array.isArray(ui['ui:order'])) ui['ui:order'] = (ui['ui:order'] as string[]).filter((k) => k === '*' || k in shown);
  const schema: Record<string, unknown> = { ...jsonSchema, properties: shown };
  if (required) schema.required = required;
  return { schema, uiSchema: ui };
}

/** The part of `data` a submission may send back: only editable fields (the server refuses changes to others). */
export function editableData(data: Record<string, unknown>, access: Record<string, FieldAccess>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => access[key] === 'editable'));
}
