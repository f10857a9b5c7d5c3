/** JSON values as schemas carry them. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface PreparedSchema {
  /** The schema with every reference to the engine's common schema inlined (rjsf cannot fetch them). */
  schema: JsonObject;
  /** Custom editors chosen by shape: localized labels, assignee lists, raw JSON for JsonLogic or open maps. */
  uiSchema: JsonObject;
}

const COMMON_ID = 'https://baton.dev/schemas/common.schema.json';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Assignee lists are arrays of a oneOf whose every branch is tagged by a `kind` constant. */
function isAssigneeArray(schema: JsonObject): boolean {
  if (schema.type !== 'array' || !isObject(schema.items)) return false;
  const branches = schema.items.oneOf;
  return (
    Array.isArray(branches) &&
    branches.length > 1 &&
    branches.every((b) => isObject(b) && isObject(b.properties) && isObject(b.properties.kind) && typeof b.properties.kind.const === 'string')
  );
}

/** A schema that says nothing about its value (JsonLogic, "any"), or a map of free keys (set-data values). */
function isFreeJson(schema: Json): boolean {
  if (schema === true) return true;
  if (!isObject(schema)) return false;
  const meaningful = Object.keys(schema).filter((k) => !['description', 'title', 'tsType', '$comment', 'default', 'examples'].includes(k));
  if (meaningful.length === 0) return true;
  return schema.type === 'object' && !isObject(schema.properties) && schema.additionalProperties !== false && !schema.oneOf && !schema.anyOf;
}

/** "A string, or one string per locale" written out in place (not through the common $ref). */
function isLocalizedTextShape(schema: JsonObject): boolean {
  const branches = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return false;
  const str = branches.find((b) => isObject(b) && b.type === 'string');
  const obj = branches.find((b) => isObject(b) && b.type === 'object' && isObject(b.properties));
  if (!str || !isObject(obj) || !isObject(obj.properties)) return false;
  const keys = Object.keys(obj.properties).sort();
  return keys.length === 2 && keys[0] === 'en' && keys[1] === 'zh-CN';
}

function refTarget(ref: string, common: JsonObject): { name: string; schema: Json } | undefined {
  const hash = ref.indexOf('#/$defs/');
  if (hash < 0) return undefined;
  const base = ref.slice(0, hash);
  if (base !== COMMON_ID && base !== 'common.schema.json' && !base.endsWith('/common.schema.json')) return undefined;
  const name = ref.slice(hash + '#/$defs/'.length);
  const defs = common.$defs;
  if (!isObject(defs) || !(name in defs)) return undefined;
  return { name, schema: defs[name]! };
}

function walk(node: Json, common: JsonObject, depth: number): { schema: Json; ui: JsonObject } {
  if (!isObject(node) || depth > 40) return { schema: node, ui: isFreeJson(node) ? { 'ui:field': 'json' } : {} };
  if (typeof node.$ref === 'string') {
    const target = refTarget(node.$ref, common);
    if (target) {
      const { $ref: _drop, ...rest } = node;
      // The common definition's own title ("LocalizedText") names the type, not this property.
      const { title: _title, ...shared } = isObject(target.schema) ? target.schema : {};
      const merged = { ...shared, ...rest };
      if (target.name === 'localizedText') return { schema: merged, ui: { 'ui:field': 'localizedText' } };
      if (target.name === 'jsonLogic') return { schema: merged, ui: { 'ui:field': 'json' } };
      return walk(merged, common, depth + 1);
    }
  }
  if (isFreeJson(node)) return { schema: node, ui: { 'ui:field': 'json' } };
  if (isLocalizedTextShape(node)) return { schema: node, ui: { 'ui:field': 'localizedText' } };
  const out: JsonObject = { ...node };
  const ui: JsonObject = {};
  if (isAssigneeArray(node)) ui['ui:field'] = 'assignees';
  if (isObject(node.properties)) {
    const props: JsonObject = {};
    for (const [key, child] of Object.entries(node.properties)) {
      const r = walk(child, common, depth + 1);
      props[key] = r.schema;
      if (Object.keys(r.ui).length > 0) ui[key] = r.ui;
    }
    out.properties = props;
  }
  if (node.items !== undefined && !Array.isArray(node.items) && ui['ui:field'] === undefined) {
    const r = walk(node.items, common, depth + 1);
    out.items = r.schema;
    if (Object.keys(r.ui).length > 0) ui.items = r.ui;
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.map((b) => walk(b, common, depth + 1).schema);
  }
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = node[key];
    if (isObject(defs)) out[key] = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, walk(v, common, depth + 1).schema]));
  }
  return { schema: out, ui };
}

/**
 * Titles for every named property without one, from `label(name)` (the UI's language); the schema's own
 * titles win. A copy: the registry's schema is not changed.
 */
export function withTitles(schema: JsonObject, label: (name: string) => string | undefined): JsonObject {
  const visit = (node: Json): Json => {
    if (!isObject(node)) return node;
    const out: JsonObject = { ...node };
    if (isObject(node.properties)) {
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([key, child]) => {
          const titled = visit(child);
          const name = label(key);
          return [key, isObject(titled) && titled.title === undefined && name ? { ...titled, title: name } : titled];
        }),
      );
    }
    if (isObject(node.items)) out.items = visit(node.items);
    for (const k of ['oneOf', 'anyOf'] as const) if (Array.isArray(node[k])) out[k] = (node[k] as Json[]).map(visit);
    return out;
  };
  return visit(schema) as JsonObject;
}

/**
 * Makes a registry config schema renderable by rjsf: inlines references to the engine's common schema and
 * picks Baton's own editors where rjsf's generic ones would be unusable (a oneOf of seven assignee shapes,
 * a label that is "a string or one per locale", a JsonLogic value).
 */
export function prepareSchema(schema: unknown, common: unknown): PreparedSchema {
  const commonObject = isObject(common as Json) ? (common as JsonObject) : {};
  // A type without settings: an empty panel, not a raw-JSON box.
  if (schema === undefined || schema === true) return { schema: { type: 'object' }, uiSchema: {} };
  const source = schema as Json;
  const { schema: prepared, ui } = walk(source, commonObject, 0);
  const root = isObject(prepared) ? prepared : { type: 'object' };
  // The root is the panel itself, never a raw-JSON box.
  if (ui['ui:field'] === 'json' && root.type === 'object' && !isObject(root.properties)) return { schema: root, uiSchema: { 'ui:field': 'json' } };
  return { schema: root, uiSchema: ui };
}
