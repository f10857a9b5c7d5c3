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
 * the stricter of the two wins, and read-only or computed fields are never editable. `fresh` (a start
 * form: no stored data yet) hides read-only columns instead.
 */
export function fieldAccessAt(
  fields: ReadonlyArray<AccessField & { fields?: ReadonlyArray<AccessField> | undefined }>,
  formAccess: AccessRules,
  nodeAccess: AccessRules,
  fresh = false,
): Record<string, FieldAccess> {
  const out: Record<string, FieldAccess> = {};
  for (const field of fields) {
    const fromForm = asAccess(formAccess?.[field.key]) ?? asAccess(formAccess?.['*']) ?? 'editable';
    const fromNode = asAccess(nodeAccess?.[field.key]) ?? 'editable';
    let access = RANK[fromNode] > RANK[fromForm] ? fromNode : fromForm;
    if (access === 'editable' && (field.readOnly === true || field.computed !== undefined)) access = 'readonly';
    out[field.key] = access;
    // A sub-table's columns, under "table.column" (engine/src/forms/form-access.ts): a hidden or read-only
    // table wins; else "table.column", then "table.*", else editable.
    for (const column of field.fields ?? []) {
      const own = stricter(asAccess(formAccess?.[`${field.key}.${column.key}`]) ?? asAccess(formAccess?.[`${field.key}.*`]) ?? 'editable', asAccess(nodeAccess?.[`${field.key}.${column.key}`]) ?? 'editable');
      let columnAccess = access === 'editable' ? own : access === 'hidden' || own === 'hidden' ? 'hidden' : 'readonly';
      if (columnAccess === 'editable' && (column.readOnly === true || column.computed !== undefined)) columnAccess = 'readonly';
      // A new request's rows start empty: a column nobody may fill at this node (a successor's "Confirmed")
      // would only be an empty, greyed-out box, so it is left out (the server refuses a value for it).
      if (fresh && columnAccess === 'readonly' && column.computed === undefined) columnAccess = 'hidden';
      out[`${field.key}.${column.key}`] = columnAccess;
    }
  }
  return out;
}

type AccessField = { key: string; readOnly?: boolean | undefined; computed?: unknown };

const stricter = (a: FieldAccess, b: FieldAccess): FieldAccess => (RANK[b] > RANK[a] ? b : a);

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
    if (readOnly || access[key] === 'readonly') ui[key] = disabledUi((ui[key] as Record<string, unknown> | undefined) ?? {}, (properties[key] as { type?: unknown } | undefined)?.type === 'array');
    else shown[key] = applyColumnAccess(key, shown[key], ui, access);
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

/**
 * A field's uiSchema entry, disabled. rjsf does not pass an array's `ui:disabled` down to its rows, so a
 * sub-table also gets it on its rows (and so on every column) and loses its add / remove / move buttons.
 */
function disabledUi(entry: Record<string, unknown>, isArray: boolean): Record<string, unknown> {
  if (!isArray) return { ...entry, 'ui:disabled': true };
  const options = (entry['ui:options'] as Record<string, unknown> | undefined) ?? {};
  const items = (entry.items as Record<string, unknown> | undefined) ?? {};
  return { ...entry, 'ui:disabled': true, 'ui:options': { ...options, addable: false, removable: false, orderable: false, copyable: false }, items: { ...items, 'ui:disabled': true } };
}

const FIXED_ROWS = { addable: false, removable: false, orderable: false, copyable: false };

/**
 * An editable sub-table's columns at this node ("table.column" in `access`): hidden ones leave the row
 * schema, read-only ones are disabled in every row. Returns the table's schema; updates `ui[table]`.
 */
function applyColumnAccess(table: string, schema: unknown, ui: Record<string, unknown>, access: Record<string, FieldAccess>): unknown {
  const items = (schema as { items?: { properties?: Record<string, unknown>; required?: string[] } } | undefined)?.items;
  if (!items?.properties) return schema;
  const columns = Object.keys(items.properties).filter((c) => access[`${table}.${c}`] !== undefined && access[`${table}.${c}`] !== 'editable');
  if (columns.length === 0) return schema;
  let entry = (ui[table] as Record<string, unknown> | undefined) ?? {};
  // A required column this node may not write: rows can be neither added (never filled) nor removed (the
  // server refuses BATON_E_FORM_ROWS_FIXED), as on a step that only ticks rows off.
  if ((items.required ?? []).some((c) => columns.includes(c))) entry = { ...entry, 'ui:options': { ...((entry['ui:options'] as Record<string, unknown> | undefined) ?? {}), ...FIXED_ROWS } };
  const rowUi: Record<string, unknown> = { ...((entry.items as Record<string, unknown> | undefined) ?? {}) };
  const properties = { ...items.properties };
  for (const c of columns) {
    if (access[`${table}.${c}`] === 'hidden') {
      delete properties[c];
      delete rowUi[c];
    } else rowUi[c] = { ...((rowUi[c] as Record<string, unknown> | undefined) ?? {}), 'ui:disabled': true };
  }
  if (Array.isArray(rowUi['ui:order'])) rowUi['ui:order'] = (rowUi['ui:order'] as string[]).filter((k) => k === '*' || k in properties);
  ui[table] = { ...entry, items: rowUi };
  const required = items.required?.filter((k) => k in properties && access[`${table}.${k}`] !== 'readonly');
  return { ...(schema as object), items: { ...items, properties, ...(required ? { required } : {}) } };
}
