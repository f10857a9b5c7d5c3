/** JSON values as the engine's form schemas carry them. */
type Json = Record<string, unknown>;

/** What a sample needs to know beyond the schema: who exists, and which day it is in the scenario. */
export interface SampleContext {
  /** The person a form is about (the leaver): the first person field of the start form gets them. */
  subject: string;
  /** Somebody else from the directory, for successors, forwards and the like. */
  colleague: string;
  /** A date (YYYY-MM-DD) a few weeks after the scenario starts, used for every date field. */
  date: string;
  /**
   * The id of a record of a collection form, for a relation field (a request's assets): one the simulation
   * can look up, so texts that read through the relation ("{assets.assetId.tag}") show the record.
   */
  record?: (formKey: string) => string | undefined;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The collection form a relation field's widget (`record-picker`) points at, else undefined. */
export function relationFormOf(ui: Json): string | undefined {
  if (ui['ui:widget'] !== 'record-picker' || !isObject(ui['ui:options'])) return undefined;
  const form = ui['ui:options'].form;
  return typeof form === 'string' && form !== '' ? form : undefined;
}

// Strings tried, in order, against a field's `pattern` (compiled with RegExp: data, never code).
const PATTERN_CANDIDATES = ['100.00', '100', 'sample', 'Sample', 'a'.repeat(64), 'SAMPLE-1', 'sample-1', 'A1', '1'];

function fitsPattern(value: string, pattern: unknown): boolean {
  if (typeof pattern !== 'string') return true;
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

function sampleString(schema: Json, ui: Json, ctx: SampleContext, person: string): string | undefined {
  if (ui['ui:widget'] === 'user-picker') return person;
  if (schema.format === 'date') return ctx.date;
  if (schema.format === 'date-time') return `${ctx.date}T09:00:00.000Z`;
  if (schema.format === 'email') return 'sample@example.com';
  if (schema.format === 'uri') return 'https://example.com/sample';
  const candidates = typeof schema.pattern === 'string' ? PATTERN_CANDIDATES : ['Sample'];
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  for (const c of candidates) {
    const sized = (c.length < min ? c.padEnd(min, c) : c).slice(0, max);
    if (sized.length >= min && fitsPattern(sized, schema.pattern)) return sized;
  }
  return undefined;
}

function sampleNumber(schema: Json): number {
  const integer = schema.type === 'integer';
  let n = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : 1;
  if (typeof schema.maximum === 'number' && n > schema.maximum) n = schema.maximum;
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) n = Math.ceil(n / schema.multipleOf) * schema.multipleOf;
  return integer ? Math.ceil(n) : n;
}

/**
 * A valid value for one schema: enums take their first choice, booleans true (so checklist gates pass),
 * dates the scenario's day, person fields `person`, relation fields a record the simulation holds (when
 * `ctx.record` finds one), objects every property, lists one row.
 * Undefined when no value can be made (a pattern none of the candidates fits).
 */
export function sampleValue(schema: unknown, ui: unknown, ctx: SampleContext, person: string = ctx.colleague): unknown {
  if (!isObject(schema)) return undefined;
  const u = isObject(ui) ? ui : {};
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = (schema.oneOf ?? schema.anyOf) as unknown;
  if (Array.isArray(branches) && branches.length > 0) return sampleValue(branches[0], u, ctx, person);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const related = relationFormOf(u);
  const record = related === undefined ? undefined : ctx.record?.(related);
  if (record !== undefined && (type === 'string' || type === 'array')) return type === 'array' ? [record] : record;
  switch (type) {
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return sampleNumber(schema);
    case 'string':
      return sampleString(schema, u, ctx, person);
    case 'array': {
      if (!isObject(schema.items)) return [];
      const rows = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
      const row = sampleValue(schema.items, u.items, ctx, person);
      return row === undefined ? [] : Array.from({ length: rows }, () => structuredClone(row));
    }
    case 'object':
      return sampleObject(schema, u, ctx, person, () => true);
    default:
      return undefined;
  }
}

/** Every property `include` allows, each sampled; keys already in `existing` keep their value. */
export function sampleObject(schema: Json, ui: Json, ctx: SampleContext, person: string, include: (key: string) => boolean, existing: Json = {}): Json {
  const out: Json = {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, child] of Object.entries(properties)) {
    if (!include(key)) continue;
    if (existing[key] !== undefined) {
      out[key] = existing[key];
      continue;
    }
    const value = sampleValue(child, ui[key], ctx, person);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The keys of a schema's person fields (widget `user-picker`), top level only, in the uiSchema's order. */
export function personFields(jsonSchema: Json, uiSchema: Json): string[] {
  const properties = isObject(jsonSchema.properties) ? Object.keys(jsonSchema.properties) : [];
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]).filter((k) => properties.includes(k)) : [];
  const keys = [...order, ...properties.filter((k) => !order.includes(k))];
  return keys.filter((k) => isObject(uiSchema[k]) && (uiSchema[k] as Json)['ui:widget'] === 'user-picker');
}
