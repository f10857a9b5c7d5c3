import type { Locale } from '../i18n/localized-text.js';
import { definitionText } from './form-definition.js';
import type { JsonSchema } from './field-type.js';
import type { FieldNode, FormModel } from './form-model.js';

export type UiSchema = Record<string, unknown>;

interface SchemaOptions {
  /** Annotated (titles, defaults, required) for renderers, or bare structure for validation. */
  annotate: boolean;
  locale: Locale;
}

/**
 * Bare value schemas of plain fields, one object per field type and config: the schema compiler caches
 * per schema object, so form versions (and fields) that share a type and config share its compiled check.
 */
const bareSchemas = new WeakMap<FieldNode['type'], Map<string, JsonSchema>>();

export function bareValueSchema(node: FieldNode): JsonSchema {
  let byConfig = bareSchemas.get(node.type);
  if (!byConfig) bareSchemas.set(node.type, (byConfig = new Map()));
  const key = JSON.stringify(node.config);
  let schema = byConfig.get(key);
  if (schema === undefined) {
    const base = node.type.valueSchema(node.config);
    schema = typeof base === 'boolean' ? (base ? {} : { not: {} }) : base;
    if (byConfig.size < 10_000) byConfig.set(key, schema);
  }
  return schema;
}

function valueSchemaOf(node: FieldNode, options: SchemaOptions): JsonSchema {
  if (!options.annotate && !node.columns) return bareValueSchema(node);
  const base = node.type.valueSchema(node.config);
  const schema: Record<string, unknown> = typeof base === 'boolean' ? (base ? {} : { not: {} }) : { ...base };
  if (node.columns) schema.items = objectSchema(node.columns, options);
  if (options.annotate) {
    schema.title = definitionText(node.field.label, options.locale);
    if (node.field.description !== undefined) schema.description = definitionText(node.field.description, options.locale);
    if (node.field.default !== undefined) schema.default = node.field.default;
    if (node.readOnly) schema.readOnly = true;
  }
  return schema;
}

/**
 * The object schema of the form (or of a sub-table row). Unknown properties are rejected. The validation
 * variant carries no `required`: requiredness depends on visibility, `requiredIf` and the flow node's
 * access, which the compiled form checks itself with field labels in the message. Leaving labels out of
 * it also keeps the compiled structural check free of wording.
 */
function objectSchema(nodes: readonly FieldNode[], options: SchemaOptions): Record<string, unknown> {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const node of nodes) {
    properties[node.key] = valueSchemaOf(node, options);
    if (node.required && node.visibleIf === undefined && !node.readOnly) required.push(node.key);
  }
  const schema: Record<string, unknown> = { type: 'object', properties, additionalProperties: false };
  if (options.annotate && required.length > 0) schema.required = required;
  return schema;
}

/** The JSON Schema (2020-12) of the form's data, titled in `locale`, for renderers and API docs. */
export function buildJsonSchema(model: FormModel, locale: Locale): Record<string, unknown> {
  const def = model.def;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://baton.dev/forms/${def.key}/${def.version}.schema.json`,
    title: definitionText(def.title, locale),
    ...(def.description !== undefined ? { description: definitionText(def.description, locale) } : {}),
    ...objectSchema(model.fields, { annotate: true, locale }),
  };
}

/** The bare structural schema the data is validated with (no titles, no `$id`, no `required`). */
export function buildValidationSchema(model: FormModel): Record<string, unknown> {
  return objectSchema(model.fields, { annotate: false, locale: 'en' });
}

function uiEntry(node: FieldNode, locale: Locale): UiSchema {
  const entry: UiSchema = { ...(node.type.uiSchema?.(node.config, locale) ?? {}) };
  entry['ui:title'] = definitionText(node.field.label, locale);
  if (node.field.placeholder !== undefined) entry['ui:placeholder'] = definitionText(node.field.placeholder, locale);
  if (node.field.description !== undefined) entry['ui:help'] = definitionText(node.field.description, locale);
  if (node.readOnly) entry['ui:readonly'] = true;
  if (node.columns) {
    const items: UiSchema = { 'ui:order': node.columns.map((c) => c.key) };
    for (const column of node.columns) items[column.key] = uiEntry(column, locale);
    entry.items = items;
  }
  return entry;
}

/**
 * An rjsf-style uiSchema: `ui:order`, one entry per field with `ui:widget` from its type, and
 * `ui:sections` (Baton's own key) grouping field keys under localized titles for the designer's layout.
 * Fields no section names are appended to `ui:order` after the sectioned ones.
 */
export function buildUiSchema(model: FormModel, locale: Locale): UiSchema {
  const sections = model.def.sections ?? [];
  const sectioned = sections.flatMap((s) => s.fields).filter((k) => model.byKey.has(k));
  const seen = new Set(sectioned);
  const order = [...new Set(sectioned), ...model.fields.map((f) => f.key).filter((k) => !seen.has(k))];
  const ui: UiSchema = { 'ui:order': order };
  for (const node of model.fields) ui[node.key] = uiEntry(node, locale);
  if (sections.length > 0) {
    ui['ui:sections'] = sections.map((s) => ({
      ...(s.key !== undefined ? { key: s.key } : {}),
      title: definitionText(s.title, locale),
      ...(s.description !== undefined ? { description: definitionText(s.description, locale) } : {}),
      fields: s.fields.filter((k) => model.byKey.has(k)),
    }));
  }
  return ui;
}
