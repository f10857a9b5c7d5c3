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
  const meaningful = Object.keys(schema).filter((k) => !['description', 'title', 'tsType', '$comment', 'default', 'examples'].includes(k) && !k.startsWith('x-'));
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

/** "One string or a list of strings" (node ids, connectors, actions a trigger listens to). */
export function isOneOrManyStrings(schema: Json): boolean {
  if (!isObject(schema)) return false;
  const branches = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return false;
  const one = branches.find((b) => isObject(b) && b.type === 'string');
  const many = branches.find((b) => isObject(b) && b.type === 'array' && isObject(b.items) && b.items.type === 'string');
  return one !== undefined && many !== undefined;
}

/** Properties that hold role names (a person field's `roles`, a secret field's `revealTo`). */
const ROLE_LIST_PROPERTIES: ReadonlySet<string> = new Set(['roles', 'revealTo']);

/** Properties that hold one directory user id (the user an incoming webhook writes records as). */
const PERSON_PROPERTIES: ReadonlySet<string> = new Set(['actAs']);

function isStringArray(schema: Json): boolean {
  return isObject(schema) && schema.type === 'array' && isObject(schema.items) && schema.items.type === 'string';
}

/**
 * A list of plain strings, or of enum strings that may repeat (a unique enum list is rjsf's multiple select):
 * rjsf's "Add" would append an empty entry the engine refuses, so the list editor adds only a chosen value.
 */
export function isStringList(schema: Json): boolean {
  if (!isObject(schema) || schema.type !== 'array' || !isObject(schema.items)) return false;
  const items = schema.items;
  if (Array.isArray(items.enum)) return items.enum.every((v) => typeof v === 'string') && schema.uniqueItems !== true;
  return items.type === 'string' && items.const === undefined && items.oneOf === undefined && items.anyOf === undefined;
}

/**
 * A custom editor replaces rjsf's own rendering of a oneOf/anyOf too: without the flag rjsf adds an
 * "X option 1" chooser and a second copy of the field under the editor.
 */
function custom(field: string): JsonObject {
  return { 'ui:field': field, 'ui:fieldReplacesAnyOrOneOf': true };
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

function walk(node: Json, common: JsonObject, depth: number, local: JsonObject): { schema: Json; ui: JsonObject } {
  if (!isObject(node) || depth > 40) return { schema: node, ui: isFreeJson(node) ? custom('json') : {} };
  if (typeof node.$ref === 'string') {
    const target = refTarget(node.$ref, common);
    if (target) {
      const { $ref: _drop, ...rest } = node;
      // The common definition's own title ("LocalizedText") names the type, not this property.
      const { title: _title, ...shared } = isObject(target.schema) ? target.schema : {};
      const merged = { ...shared, ...rest };
      if (target.name === 'localizedText') return { schema: merged, ui: custom('localizedText') };
      if (target.name === 'jsonLogic') return { schema: merged, ui: custom('json') };
      return walk(merged, common, depth + 1, local);
    }
    // "#/$defs/inbound" of the schema itself (a connector's config): inlined, so its editors are chosen too.
    // Only a definition that refers to no other local one: a recursive one stays a reference rjsf resolves.
    const own = node.$ref.startsWith('#/$defs/') ? local[node.$ref.slice('#/$defs/'.length)] : undefined;
    if (isObject(own) && !JSON.stringify(own).includes('"#/$defs/')) {
      const { $ref: _own, ...rest } = node;
      return walk({ ...own, ...rest }, common, depth + 1, local);
    }
  }
  if (isFreeJson(node)) return { schema: node, ui: custom('json') };
  if (isLocalizedTextShape(node)) return { schema: node, ui: custom('localizedText') };
  if (isOneOrManyStrings(node)) return { schema: node, ui: custom('oneOrMany') };
  const out: JsonObject = { ...node };
  const ui: JsonObject = {};
  if (isAssigneeArray(node)) Object.assign(ui, custom('assignees'));
  else if (isStringList(node)) ui['ui:field'] = 'stringList';
  if (isObject(node.properties)) {
    const props: JsonObject = {};
    for (const [key, child] of Object.entries(node.properties)) {
      if (PERSON_PROPERTIES.has(key) && isObject(child) && child.type === 'string') {
        // A directory user id (a webhook's inbound.actAs): a person found by name, never a typed id.
        props[key] = child;
        ui[key] = custom('person');
        continue;
      }
      if (ROLE_LIST_PROPERTIES.has(key) && isStringArray(child)) {
        // A list of role names: a role picker (the directory's roles, built-ins, or a new name).
        props[key] = child;
        ui[key] = custom('roleList');
        continue;
      }
      if (isObject(child) && 'const' in child && child.default === undefined) {
        // A tag fixed by its alternative (an effect's `type: "notify"`): written by choosing the alternative,
        // never typed, so it is hidden and filled in (constAsDefaults is off for labelled enums).
        props[key] = { ...child, default: child.const };
        ui[key] = { 'ui:widget': 'hidden' };
        continue;
      }
      const r = walk(child, common, depth + 1, local);
      props[key] = r.schema;
      if (Object.keys(r.ui).length > 0) ui[key] = r.ui;
    }
    out.properties = props;
  }
  if (node.items !== undefined && !Array.isArray(node.items) && ui['ui:field'] === undefined) {
    const r = walk(node.items, common, depth + 1, local);
    out.items = r.schema;
    if (Object.keys(r.ui).length > 0) ui.items = r.ui;
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    const branches = list.map((b) => walk(b, common, depth + 1, local));
    out[key] = branches.map((b) => b.schema);
    // rjsf reads a chosen alternative's editors from uiSchema.oneOf[i] / anyOf[i] (e.g. a JsonLogic record id).
    if (key !== 'allOf' && ui['ui:field'] === undefined && branches.some((b) => Object.keys(b.ui).length > 0)) ui[key] = branches.map((b) => b.ui);
  }
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = node[key];
    if (isObject(defs)) out[key] = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, walk(v, common, depth + 1, local).schema]));
  }
  return { schema: out, ui };
}

/** A text in the user's language from a schema's `x-` words ({ en, zh-CN } or a plain string), if any. */
export type Localize = (text: Json | undefined) => string | undefined;

/**
 * The words a type carries for its panel (`x-title`, `x-description`), in the user's language, in place of
 * the schema's own title and description: those are the engine's notes for developers (English, JSON).
 */
function ownWords(node: JsonObject, localize: Localize): JsonObject {
  const title = localize(node['x-title']);
  const description = localize(node['x-description']);
  const out = { ...node };
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  else if ('x-title' in node) delete out.description;
  return out;
}

/** An enum of strings as a oneOf of titled constants, so the select shows words, not codes ("business-days"). */
function labelledEnum(node: JsonObject, enumLabel: (value: string) => string | undefined, localize: Localize): JsonObject {
  const values = node.enum;
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return node;
  const own = isObject(node['x-enum-titles']) ? node['x-enum-titles'] : {};
  const labels = (values as string[]).map((v) => localize(own[v]) ?? enumLabel(v));
  if (labels.every((x) => x === undefined)) return node;
  const { enum: _codes, ...rest } = node;
  return { ...rest, type: 'string', oneOf: (values as string[]).map((v, i) => ({ const: v, title: labels[i] ?? v })) };
}

/**
 * A title for each alternative of a oneOf/anyOf that has none, so rjsf's chooser reads "A number / A pack
 * parameter" or "Record id / Person" rather than "Offset option 1 / 2": an object branch is named by the
 * property only it requires, a plain branch by its type.
 */
function titledBranches(branches: Json[], label: (name: string) => string | undefined, enumLabel: (value: string) => string | undefined): Json[] {
  const requiredOf = (b: Json): string[] => (isObject(b) && Array.isArray(b.required) ? (b.required.filter((r) => typeof r === 'string') as string[]) : []);
  return branches.map((branch) => {
    if (!isObject(branch) || branch.title !== undefined || 'const' in branch) return branch;
    const own = requiredOf(branch).find((name) => !branches.every((other) => other === branch || requiredOf(other).includes(name)));
    if (own !== undefined) return { ...branch, title: label(own) ?? humanize(own) };
    if (typeof branch.type === 'string') return { ...branch, title: enumLabel(`type_${branch.type}`) ?? humanize(branch.type) };
    return branch;
  });
}

/** "closeWhenInstanceCompletes" → "Close when instance completes": a last resort better than the raw name. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Titles for every named property without one, from `label(name)` (the UI's language, else the name made
 * readable), and words for enum values from `enumLabel`; the schema's own titles win. A copy: the
 * registry's schema is not changed.
 */
export function withTitles(
  schema: JsonObject,
  label: (name: string) => string | undefined,
  enumLabel: (value: string) => string | undefined = () => undefined,
  localize: Localize = () => undefined,
): JsonObject {
  const visit = (node: Json): Json => {
    if (!isObject(node)) return node;
    const out: JsonObject = labelledEnum(ownWords({ ...node }, localize), enumLabel, localize);
    if (isObject(node.properties)) {
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([key, child]) => {
          const titled = visit(child);
          const name = label(key) ?? humanize(key);
          return [key, isObject(titled) && titled.title === undefined ? { ...titled, title: name } : titled];
        }),
      );
    }
    if (isObject(node.items)) out.items = visit(node.items);
    for (const k of ['oneOf', 'anyOf'] as const) {
      if (Array.isArray(out[k])) out[k] = titledBranches((out[k] as Json[]).map(visit), label, enumLabel);
    }
    return out;
  };
  return visit(schema) as JsonObject;
}

/** Top-level properties marked `deprecated` that `value` does not set: a panel leaves them out. */
export function unusedDeprecated(schema: unknown, value: Record<string, unknown> | undefined): string[] {
  if (!isObject(schema as Json) || !isObject((schema as JsonObject).properties)) return [];
  const props = (schema as JsonObject).properties as JsonObject;
  return Object.keys(props).filter((k) => isObject(props[k]) && (props[k] as JsonObject).deprecated === true && value?.[k] === undefined);
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
  const local = isObject(source) && isObject(source.$defs) ? source.$defs : {};
  const { schema: prepared, ui } = walk(source, commonObject, 0, local);
  const root = isObject(prepared) ? prepared : { type: 'object' };
  // The root is the panel itself, never a raw-JSON box.
  if (ui['ui:field'] === 'json' && root.type === 'object' && !isObject(root.properties)) return { schema: root, uiSchema: { 'ui:field': 'json' } };
  return { schema: root, uiSchema: ui };
}
